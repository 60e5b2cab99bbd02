extension Ecosystem {
    /// Go modules, as the build information embedded in Go binaries records them.
    public static let golang = Ecosystem(id: .golang, analyzers: [GoBinaryAnalyzer()])
}
