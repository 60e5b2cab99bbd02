import VulnerabilityMatching

extension Ecosystem {
    /// Python distributions installed by pip and friends, as their `.dist-info` and `.egg-info` metadata records them.
    public static let pypi = Ecosystem(
        id: .pypi, analyzers: [PythonPackageAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .pypi, osvEcosystem: "PyPI",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<PEP440Version>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
