/// One vulnerability record, as OSV publishes it, reduced to what matching and reporting need.
///
/// See the OSV schema (`ossf/osv-schema`, `docs/schema.md`). Withdrawn records never become an `Advisory`.
public struct Advisory: Sendable, Codable, Hashable {
    public var id: String
    /// Other identifiers of the same flaw (the record's `aliases` and `upstream`), such as CVE and GHSA IDs.
    public var aliases: [String]
    public var summary: String?
    public var details: String?
    /// RFC 3339 timestamps, as the record gives them.
    public var published: String?
    public var modified: String?
    /// The record's top-level severities; an affected entry's own severities replace them for that package.
    public var severities: [SeverityScore]
    public var references: [String]
    /// The affected entries; a store returns only those for the package asked about.
    public var affected: [AffectedPackage]

    public init(
        id: String, aliases: [String] = [], summary: String? = nil, details: String? = nil, published: String? = nil,
        modified: String? = nil, severities: [SeverityScore] = [], references: [String] = [],
        affected: [AffectedPackage] = []
    ) {
        self.id = id
        self.aliases = aliases
        self.summary = summary
        self.details = details
        self.published = published
        self.modified = modified
        self.severities = severities
        self.references = references
        self.affected = affected
    }
}

/// A severity as a record states it: a CVSS vector, or a distribution's own label.
public struct SeverityScore: Sendable, Codable, Hashable {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`, or a database's own label source.
    public var type: String
    /// A CVSS vector (`CVSS:3.1/AV:N/…`) or a label (`high`).
    public var score: String

    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

/// One `affected[]` entry of an OSV record: a package and the versions of it that are vulnerable.
public struct AffectedPackage: Sendable, Codable, Hashable {
    /// The OSV ecosystem, exactly as written (`Debian:12`, `Alpine:v3.19`, `PyPI`).
    public var ecosystem: String
    public var name: String
    public var purl: String?
    public var ranges: [AffectedRange]
    /// Versions listed one by one; matched as exact strings.
    public var versions: [String]
    /// Severities for this package only; when present they replace the record's.
    public var severities: [SeverityScore]
    /// A severity label from `database_specific` or `ecosystem_specific` (GHSA's `severity`, Debian's `urgency`).
    public var databaseSeverity: String?

    public init(
        ecosystem: String, name: String, purl: String? = nil, ranges: [AffectedRange] = [], versions: [String] = [],
        severities: [SeverityScore] = [], databaseSeverity: String? = nil
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
        self.ranges = ranges
        self.versions = versions
        self.severities = severities
        self.databaseSeverity = databaseSeverity
    }
}

/// A version range of an affected package: events in the range type's own ordering.
public struct AffectedRange: Sendable, Codable, Hashable {
    public enum RangeType: String, Sendable, Codable, Hashable {
        case semver = "SEMVER"
        case ecosystem = "ECOSYSTEM"
        case git = "GIT"
    }

    public var type: RangeType
    public var events: [RangeEvent]

    public init(type: RangeType, events: [RangeEvent]) {
        self.type = type
        self.events = events
    }
}

/// One event of a range: where vulnerability starts, where it is fixed, the last affected version, or a limit.
public enum RangeEvent: Sendable, Codable, Hashable {
    case introduced(String)
    case fixed(String)
    case lastAffected(String)
    case limit(String)

    public var version: String {
        switch self {
        case .introduced(let version), .fixed(let version), .lastAffected(let version), .limit(let version): version
        }
    }
}

/// How bad a finding is, lowest first.
public enum Severity: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case unknown, negligible, low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The band of a CVSS v3 or v4 base score: 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10 critical.
    public init(cvssScore score: Double) {
        switch score {
        case 9.0...: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        case 0.1..<4.0: self = .low
        default: self = .negligible
        }
    }

    /// Reads the labels databases use (`CRITICAL`, `Moderate`, `important`, `unimportant`, `not yet assigned`).
    public init(label: String) {
        switch label.lowercased().trimmingCharacters(in: " ") {
        case "critical": self = .critical
        case "high", "important": self = .high
        case "medium", "moderate": self = .medium
        case "low": self = .low
        case "negligible", "unimportant", "none", "end-of-life": self = .negligible
        default: self = .unknown
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
