/// The name, version and release a source RPM's file name carries (`openssl-3.0.7-24.el9.src.rpm`).
///
/// rpm names packages `NAME-VERSION-RELEASE.ARCH.rpm`; VERSION and RELEASE never contain `-`, so
/// they are the last two `-`-separated fields and the name, which may contain `-`, is the rest.
public struct SourceRPMFileName: Hashable, Sendable {
    /// The source package's name (`openssl`).
    public let name: String
    /// The upstream version (`3.0.7`).
    public let version: String
    /// The distribution's release (`24.el9`).
    public let release: String

    /// Parses a SOURCERPM value; returns `nil` when it is not `NAME-VERSION-RELEASE.ARCH.rpm`.
    public init?(_ fileName: String) {
        guard fileName.hasSuffix(".rpm") else { return nil }
        let withoutExtension = fileName.dropLast(4)
        // The architecture is `src` or `nosrc`; drop whatever follows the last dot.
        guard let architectureDot = withoutExtension.lastIndex(of: ".") else { return nil }
        let nameVersionRelease = withoutExtension[..<architectureDot]
        guard let releaseDash = nameVersionRelease.lastIndex(of: "-") else { return nil }
        let nameVersion = nameVersionRelease[..<releaseDash]
        guard let versionDash = nameVersion.lastIndex(of: "-") else { return nil }
        let name = nameVersion[..<versionDash]
        let version = nameVersion[nameVersion.index(after: versionDash)...]
        let release = nameVersionRelease[nameVersionRelease.index(after: releaseDash)...]
        guard !name.isEmpty, !version.isEmpty, !release.isEmpty else { return nil }
        self.name = String(name)
        self.version = String(version)
        self.release = String(release)
    }

    /// `VERSION-RELEASE`, the form `InstalledPackage.sourceVersion` takes (`3.0.7-24.el9`).
    public var versionRelease: String { "\(version)-\(release)" }
}
