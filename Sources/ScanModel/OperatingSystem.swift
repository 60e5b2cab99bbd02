/// The distribution an image is built on, as its release files describe it.
public struct OperatingSystem: Hashable, Sendable, Codable {
    /// The `ID` of os-release, lower-case (`debian`, `ubuntu`, `alpine`, `rhel`, `wolfi`).
    public var id: String
    /// The `VERSION_ID` (`12`, `22.04`, `3.19.1`), when known.
    public var versionID: String?
    /// The `VERSION_CODENAME` (`bookworm`, `jammy`), when known.
    public var codename: String?
    public var prettyName: String?
    /// The `ID_LIKE` entries.
    public var idLike: [String]
    /// A distroless image: Debian packages recorded in `var/lib/dpkg/status.d/`, no package manager.
    public var isDistroless: Bool
    /// The file the facts came from.
    public var evidence: ImagePath

    public init(
        id: String, versionID: String? = nil, codename: String? = nil, prettyName: String? = nil, idLike: [String] = [],
        isDistroless: Bool = false, evidence: ImagePath
    ) {
        self.id = id
        self.versionID = versionID
        self.codename = codename
        self.prettyName = prettyName
        self.idLike = idLike
        self.isDistroless = isDistroless
        self.evidence = evidence
    }
}
