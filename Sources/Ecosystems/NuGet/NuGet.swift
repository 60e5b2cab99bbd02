import VulnerabilityMatching

extension Ecosystem {
    /// NuGet packages, as .NET applications' `*.deps.json` and `packages.lock.json` files record them.
    public static let nuget = Ecosystem(
        id: .nuget, analyzers: [NuGetAssetsAnalyzer()],
        matcher: LanguagePackageMatcher(
            ecosystem: .nuget, osvEcosystem: "NuGet",
            evaluator: RangeEvaluator(
                ecosystemScheme: ParsedVersionScheme<NuGetVersion>(),
                semanticScheme: ParsedVersionScheme<NuGetVersion>())))
}
