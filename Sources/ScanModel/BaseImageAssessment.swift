/// What an image is built on: how much of a distribution it carries, and whether its release still gets fixes.
public struct BaseImageAssessment: Hashable, Sendable, Codable {
    /// How much of an operating system the image carries.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// No operating system: a static binary and its data files.
        case scratch
        /// Distribution packages without a shell or package manager (Google distroless, Chainguard).
        case distroless
        /// A small distribution (Alpine, Debian `-slim`, UBI minimal or micro, Wolfi).
        case minimal
        /// A complete distribution with its shell, package manager and tools.
        case full
        /// Files but no recognised operating system release.
        case unknown
    }

    /// Where the release stands against its end of life on the day of the scan.
    public enum SupportStatus: String, Hashable, Sendable, Codable, CaseIterable {
        case supported
        /// Within 90 days of its end of life.
        case nearEndOfLife = "near-end-of-life"
        case endOfLife = "end-of-life"
        /// The release is not in the end-of-life table.
        case unknown
    }

    public var kind: Kind
    /// The distribution and release (`Debian GNU/Linux 12 (bookworm)`), when one was detected.
    public var operatingSystem: String?
    /// The release's last day of security fixes (`2028-06-30`), from the table kept in the repository.
    public var endOfLife: String?
    public var status: SupportStatus
    /// What the date means when it is not the plain end of support (`Debian LTS`, `standard support; ESM to 2032`).
    public var endOfLifeNote: String?
    /// The day the end-of-life table was last checked against the vendors' pages.
    public var tableCheckedOn: String?
    /// For a full distribution: a smaller image of the same distribution to build on instead.
    public var suggestedAlternative: String?
    /// For a full distribution: the installed packages a minimal image would not have, by kind (`shell`,
    /// `package-manager`, `compiler`).
    public var removablePackages: [String: [String]]?

    public init(
        kind: Kind, operatingSystem: String? = nil, endOfLife: String? = nil, status: SupportStatus = .unknown,
        endOfLifeNote: String? = nil, tableCheckedOn: String? = nil, suggestedAlternative: String? = nil,
        removablePackages: [String: [String]]? = nil
    ) {
        self.kind = kind
        self.operatingSystem = operatingSystem
        self.endOfLife = endOfLife
        self.status = status
        self.endOfLifeNote = endOfLifeNote
        self.tableCheckedOn = tableCheckedOn
        self.suggestedAlternative = suggestedAlternative
        self.removablePackages = removablePackages
    }
}
