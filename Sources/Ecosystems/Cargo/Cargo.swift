import VulnerabilityMatching

extension Ecosystem {
    /// Rust crates, as `Cargo.lock` files and cargo-auditable binaries record them.
    public static let cargo = Ecosystem(
        id: .cargo, analyzers: [CargoLockAnalyzer(), CargoAuditableBinaryAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .cargo, osvEcosystem: "crates.io",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<SemanticVersion>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>())))
}
