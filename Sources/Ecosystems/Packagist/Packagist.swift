import VulnerabilityMatching

extension Ecosystem {
    /// PHP packages installed by Composer, as `vendor/composer/installed.json` and `composer.lock` record them.
    ///
    /// Packagist versions are often tagged `v1.2.3`; OSV's Packagist records write `1.2.3`, so the `v` is dropped.
    public static let packagist = Ecosystem(
        id: .composer, analyzers: [ComposerPackageAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .composer, osvEcosystem: "Packagist",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<ComposerVersion>(),
                semanticScheme: ParsedVersionScheme<SemanticVersion>()),
            advisoryForm: { $0.hasPrefix("v") || $0.hasPrefix("V") ? String($0.dropFirst()) : $0 }))
}
