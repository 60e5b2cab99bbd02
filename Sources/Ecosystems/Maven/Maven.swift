import VulnerabilityMatching

extension Ecosystem {
    /// Maven artifacts, as the Java archives (and the archives nested in them) record them.
    public static let maven = Ecosystem(
        id: .maven, analyzers: [JavaArchiveAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .maven, osvEcosystem: "Maven",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<MavenVersion>(),
                semanticScheme: ParsedVersionScheme<MavenVersion>())))
}
