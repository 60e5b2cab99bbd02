import VulnerabilityMatching

extension Ecosystem {
    /// Ruby gems: installed specifications under a gems folder, and those pinned by `Gemfile.lock`.
    public static let rubyGems = Ecosystem(
        id: .gem, analyzers: [GemSpecificationAnalyzer(), GemfileLockAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .gem, osvEcosystem: "RubyGems",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<RubyGemsVersion>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
