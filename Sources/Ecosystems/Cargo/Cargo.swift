import VulnerabilityMatching

extension Ecosystem {
    /// Rust crates, as `Cargo.lock` files and cargo-auditable binaries record them.
    ///
    /// The binaries are read by `ExecutableDependencyAnalyzer`, registered with Go too, which parses each executable
    /// once for both Go build information and cargo-auditable data (`EcosystemCatalog` runs it once).
    public static let cargo = Ecosystem(
        id: .cargo, analyzers: [CargoLockAnalyzer(), ExecutableDependencyAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .cargo, osvEcosystem: "crates.io",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<SemanticVersion>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
