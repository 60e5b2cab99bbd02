extension Ecosystem {
    /// Python distributions installed by pip and friends, as their `.dist-info` and `.egg-info` metadata records them.
    public static let pypi = Ecosystem(id: .pypi, analyzers: [PythonPackageAnalyzer()])
}
