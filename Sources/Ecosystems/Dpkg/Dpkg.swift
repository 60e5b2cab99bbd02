extension Ecosystem {
    /// Debian packages (`.deb`), as dpkg records them: Debian, Ubuntu and their derivatives, distroless included.
    public static let dpkg = Ecosystem(
        id: .dpkg, analyzers: [DpkgStatusAnalyzer(), DpkgFileListAnalyzer()], matcher: DebianMatcher())
}
