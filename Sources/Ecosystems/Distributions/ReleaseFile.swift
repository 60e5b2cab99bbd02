import ScanModel

/// A file that describes the distribution an image is built on, and how to read it.
public struct ReleaseFile: Sendable, Hashable {
    /// How a release file is written.
    public enum Format: Sendable, Hashable {
        /// `KEY=value` lines, as `os-release(5)` describes.
        case osRelease
        /// `DISTRIB_ID=…` lines of the Linux Standard Base.
        case lsbRelease
        /// Debian's `12.4` or `bookworm/sid`.
        case debianVersion
        /// Alpine's `3.19.1`.
        case alpineRelease
        /// One line such as `Rocky Linux release 9.3 (Blue Onyx)` or `CBL-Mariner 2.0.20240123`.
        case releaseLine
        /// SUSE's first line plus `VERSION = 12` and `PATCHLEVEL = 5` lines.
        case suseRelease
    }

    public let path: ImagePath
    public let format: Format

    public init(path: ImagePath, format: Format) {
        self.path = path
        self.format = format
    }

    /// Every release file read, most authoritative first.
    ///
    /// `os-release` is the standard and wins; vendor-specific release files come before the shared
    /// `system-release` and `redhat-release` (Oracle Linux 7's `redhat-release` names Red Hat); `lsb-release` and
    /// `debian_version` (which Ubuntu also has, naming a Debian codename) come last.
    public static let known: [ReleaseFile] = [
        ReleaseFile(path: ImagePath("etc/os-release"), format: .osRelease),
        ReleaseFile(path: ImagePath("usr/lib/os-release"), format: .osRelease),
        ReleaseFile(path: ImagePath("etc/alpine-release"), format: .alpineRelease),
        ReleaseFile(path: ImagePath("etc/rocky-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/almalinux-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/centos-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/oracle-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/fedora-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/photon-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/mariner-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/azurelinux-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/SuSE-release"), format: .suseRelease),
        ReleaseFile(path: ImagePath("etc/system-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/redhat-release"), format: .releaseLine),
        ReleaseFile(path: ImagePath("etc/lsb-release"), format: .lsbRelease),
        ReleaseFile(path: ImagePath("etc/debian_version"), format: .debianVersion),
    ]

    private static let byPath: [ImagePath: (rank: Int, file: ReleaseFile)] = Dictionary(
        uniqueKeysWithValues: known.enumerated().map { ($0.element.path, ($0.offset, $0.element)) })

    /// The release file at `path`, if it is one.
    public static func named(_ path: ImagePath) -> ReleaseFile? { byPath[path]?.file }

    /// How authoritative the evidence at `path` is: 0 for `etc/os-release`, larger for weaker files.
    public static func authority(of path: ImagePath) -> Int { byPath[path]?.rank ?? known.count }
}
