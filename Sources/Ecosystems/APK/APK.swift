extension Ecosystem {
    /// Alpine packages (`.apk`), as apk-tools records them: Alpine, Wolfi and Chainguard.
    public static let apk = Ecosystem(id: .apk, analyzers: [APKDatabaseAnalyzer()], matcher: AlpineMatcher())
}
