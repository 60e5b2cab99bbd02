import VulnerabilityMatching

extension Ecosystem {
    /// npm packages: those installed under `node_modules`, and those pinned by `package-lock.json` and `yarn.lock`.
    public static let npm = Ecosystem(
        id: .npm, analyzers: [NodePackageAnalyzer(), NodeLockfileAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .npm, osvEcosystem: "npm",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<NPMVersion>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
