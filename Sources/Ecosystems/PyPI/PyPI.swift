import VulnerabilityMatching

extension Ecosystem {
    /// Python distributions installed by pip and friends, as their `.dist-info` and `.egg-info` metadata records them;
    /// in source trees, as requirements files and Poetry, Pipenv, uv and PDM lock files pin them.
    public static let pypi = Ecosystem(
        id: .pypi, analyzers: [PythonPackageAnalyzer()],
        sourceTreeAnalyzers: [PythonRequirementsAnalyzer(), PythonLockfileAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .pypi, osvEcosystem: "PyPI",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<PEP440Version>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
