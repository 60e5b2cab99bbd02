import VulnerabilityMatching

/// A Semantic Versioning 2.0.0 version, ordered by the precedence rules of semver.org §11.
///
/// Parsing is strict (semver.org's grammar): exactly `MAJOR.MINOR.PATCH`, numeric identifiers without leading zeros,
/// identifiers of `[0-9A-Za-z-]`, no `v` prefix and no surrounding blanks. Numbers may have any number of digits.
/// Build metadata is kept but plays no part in ordering or equality, so `1.0.0+a == 1.0.0+b`.
public struct SemanticVersion: ParsableVersion, Hashable, CustomStringConvertible {
    /// One dot-separated pre-release identifier.
    public enum PrereleaseIdentifier: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// Digits only; compared numerically.
        case numeric(String)
        /// Contains a letter or hyphen; compared by ASCII value.
        case alphanumeric(String)

        public var description: String {
            switch self {
            case .numeric(let text), .alphanumeric(let text): text
            }
        }

        public static func < (lhs: PrereleaseIdentifier, rhs: PrereleaseIdentifier) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let left), .numeric(let right)):
                DecimalNumber(uncheckedDigits: left) < DecimalNumber(uncheckedDigits: right)
            case (.numeric, .alphanumeric): true
            case (.alphanumeric, .numeric): false
            case (.alphanumeric(let left), .alphanumeric(let right)): left.precedesByBytes(right)
            }
        }
    }

    public static let scheme = VersionSchemeID.semver

    /// The major, minor and patch numbers as written (no leading zeros).
    public let major: String
    public let minor: String
    public let patch: String
    /// The pre-release identifiers; empty for a release.
    public let prerelease: [PrereleaseIdentifier]
    /// The build metadata identifiers, which do not affect ordering.
    public let build: [String]

    public init(parsing text: String) throws(VersionParseError) {
        self = try Self.parse(text, scheme: .semver)
    }

    init(major: String, minor: String, patch: String, prerelease: [PrereleaseIdentifier], build: [String]) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Whether this is a pre-release, which sorts before the release of the same numbers.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.map(\.description).joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool { lhs.compare(to: rhs) < 0 }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    /// Returns -1, 0 or 1 by semver.org precedence.
    func compare(to other: SemanticVersion) -> Int {
        for (left, right) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where left != right {
            return DecimalNumber(uncheckedDigits: left).threeWayCompare(DecimalNumber(uncheckedDigits: right))
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(prerelease, other.prerelease) where left != right {
            return left < right ? -1 : 1
        }
        return prerelease.count.threeWayCompare(other.prerelease.count)
    }

    /// Parses strict SemVer 2.0.0 text, reporting errors under `scheme` (Go reuses this grammar).
    static func parse(_ text: String, scheme: VersionSchemeID) throws(VersionParseError) -> SemanticVersion {
        func failure(_ reason: String) -> VersionParseError {
            VersionParseError(scheme: scheme, text: text, reason: reason)
        }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = try identifiers(rest[rest.index(after: plus)...], kind: "build metadata", failure: failure)
            rest = rest[..<plus]
        }
        var prerelease: [PrereleaseIdentifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let parts = try identifiers(rest[rest.index(after: dash)...], kind: "pre-release", failure: failure)
            prerelease = try parts.map { (part) throws(VersionParseError) -> PrereleaseIdentifier in
                guard part.isASCIIDigits else { return .alphanumeric(part) }
                guard part == "0" || !part.hasPrefix("0") else {
                    throw failure("numeric pre-release identifier '\(part)' has a leading zero")
                }
                return .numeric(part)
            }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(\.isASCIIDigits) else {
            throw failure("expected MAJOR.MINOR.PATCH, three dot-separated numbers")
        }
        for number in core where number.count > 1 && number.hasPrefix("0") {
            throw failure("version number '\(number)' has a leading zero")
        }
        return SemanticVersion(
            major: String(core[0]), minor: String(core[1]), patch: String(core[2]),
            prerelease: prerelease, build: build
        )
    }

    private static func identifiers(
        _ text: Substring, kind: String, failure: (String) -> VersionParseError
    ) throws(VersionParseError) -> [String] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            guard !part.isEmpty else { throw failure("empty \(kind) identifier") }
            guard part.utf8.allSatisfy(isIdentifierByte) else {
                throw failure("\(kind) identifier '\(part)' has a character outside [0-9A-Za-z-]")
            }
        }
        return parts.map(String.init)
    }

    /// Whether `byte` may appear in a SemVer identifier: `[0-9A-Za-z-]`.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: true
        default: false
        }
    }
}
