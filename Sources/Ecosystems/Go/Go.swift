import VulnerabilityMatching

extension Ecosystem {
    /// Go modules, as the build information embedded in Go binaries records them; in source trees, as `go.mod` and
    /// `go.sum` require them.
    ///
    /// Its analyzer, `ExecutableDependencyAnalyzer`, also reports the crates of cargo-auditable Rust binaries: one
    /// pass over each executable reads both.
    ///
    /// OSV writes Go versions without the `v` (`1.2.3`, and the toolchain as `stdlib` `1.21.3`), so it is dropped.
    public static let golang = Ecosystem(
        id: .golang, analyzers: [ExecutableDependencyAnalyzer()], sourceTreeAnalyzers: [GoModuleFileAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .golang, osvEcosystem: "Go",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<GoModuleVersion>(),
                semanticScheme: ParsedVersionScheme<GoModuleVersion>()),
            advisoryForm: { $0.hasPrefix("v") ? String($0.dropFirst()) : $0 }))
}
