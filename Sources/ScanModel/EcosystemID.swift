/// The package format a package was recorded in; the raw value is its package-URL type.
public enum EcosystemID: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case dpkg = "deb"
    case apk
    case rpm
    case pypi
    case npm
    case golang
    case maven
    case cargo
    case gem
    case composer
    case nuget

    /// Whether the operating system's package manager installed it (as opposed to a language's).
    public var isOperatingSystemPackage: Bool { self == .dpkg || self == .apk || self == .rpm }

    public static func < (lhs: EcosystemID, rhs: EcosystemID) -> Bool { lhs.rawValue < rhs.rawValue }
}
