import ScanModel

/// What the base-image assessment reads: the detected release, the OS packages, and a few file facts.
public struct BaseImageFacts: Sendable {
    public var operatingSystem: OperatingSystem?
    /// The names of the installed OS packages (dpkg, apk, rpm).
    public var packageNames: [String]
    /// How many regular files the squashed image holds (an upper bound: files of every layer).
    public var fileCount: Int
    /// Whether `etc/dpkg/dpkg.cfg.d/docker` exists: the dpkg path excludes Debian's `-slim` images are made with.
    public var hasSlimDpkgExcludes: Bool

    public init(
        operatingSystem: OperatingSystem?, packageNames: [String] = [], fileCount: Int = 0,
        hasSlimDpkgExcludes: Bool = false
    ) {
        self.operatingSystem = operatingSystem
        self.packageNames = packageNames
        self.fileCount = fileCount
        self.hasSlimDpkgExcludes = hasSlimDpkgExcludes
    }
}
