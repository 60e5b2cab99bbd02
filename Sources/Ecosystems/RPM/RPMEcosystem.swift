extension Ecosystem {
    /// RPM: the package databases of the Red Hat family, SUSE, Amazon Linux, Azure Linux and Photon.
    public static let rpm = Ecosystem(id: .rpm, analyzers: [RPMDatabaseAnalyzer()], matcher: RPMMatcher())
}
