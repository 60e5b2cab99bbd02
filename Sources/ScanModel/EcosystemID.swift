/// The package format a package was recorded in; the raw value is its package-URL type.
public enum EcosystemID: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case dpkg = "deb"
    case apk
    case rpm

    public static func < (lhs: EcosystemID, rhs: EcosystemID) -> Bool { lhs.rawValue < rhs.rawValue }
}
