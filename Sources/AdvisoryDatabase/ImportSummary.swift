/// Bounds and choices for reading OSV records.
public struct ImportOptions: Sendable, Hashable {
    /// A record larger than this is refused (counted as malformed): 16 MiB.
    public var maximumRecordSize: Int
    /// A record whose objects and arrays nest deeper than this is refused before it is decoded.
    public var maximumNestingDepth: Int
    /// The most characters of a record's `details` kept: `nil` keeps them all, 0 drops them.
    ///
    /// Summaries and references are always kept whole.
    public var maximumDetailsLength: Int?

    public init(maximumRecordSize: Int = 16 << 20, maximumNestingDepth: Int = 64, maximumDetailsLength: Int? = 1_000) {
        self.maximumRecordSize = maximumRecordSize
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumDetailsLength = maximumDetailsLength
    }
}

/// A record that could not be imported, and where it was.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file, or the archive and its entry (`PyPI.zip:PYSEC-2024-1.json`).
    public var location: String
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}

/// What an import or update read and stored.
public struct ImportSummary: Sendable, Equatable {
    /// The most problems listed; the rest are only counted.
    public static let listedProblemLimit = 1_000

    /// The database written.
    public var path: String
    /// Records read and stored.
    public var imported = 0
    /// Withdrawn records, dropped.
    public var withdrawn = 0
    /// Records with no affected package, which no lookup could find; dropped.
    public var withoutPackages = 0
    /// Records whose ID was already read with the same or a newer `modified` time.
    public var duplicates = 0
    /// Records that could not be read: too large, nested too deeply, not valid OSV JSON.
    public var malformed = 0
    /// The first `listedProblemLimit` malformed records, with their location and reason.
    public var problems: [ImportProblem] = []
    /// Advisories in the new database, including those kept from the previous one.
    public var advisoryCount = 0

    public init(path: String) {
        self.path = path
    }

    mutating func record(_ problem: ImportProblem) {
        malformed += 1
        if problems.count < Self.listedProblemLimit { problems.append(problem) }
    }
}
