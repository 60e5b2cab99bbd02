import Foundation
import ScanModel

/// One origin of a database's records: an OSV ecosystem's bulk data, or local files.
public struct DatabaseSource: Sendable, Codable, Hashable {
    /// How the records arrived.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// An OSV ecosystem's bulk data, downloaded by `db update`.
        case osvBulk = "osv-bulk"
        /// Local OSV files (a file, a folder or a zip) given to `db import`.
        case files
    }

    /// The number advisories carry in the `source` column.
    public var id: Int
    public var kind: Kind
    /// The OSV ecosystem directory of bulk data (`Debian`, `PyPI`); absent for local files.
    public var ecosystem: String?
    /// The URL or absolute path the records were read from.
    public var location: String
    /// Advisories the database holds from this source.
    public var recordCount: Int
    /// The newest `modified` time in `modified_id.csv` when last read: incremental updates fetch what is newer.
    public var newestModified: String?
    /// When the source was last read (RFC 3339).
    public var updatedAt: String

    public init(
        id: Int, kind: Kind, ecosystem: String?, location: String, recordCount: Int, newestModified: String?,
        updatedAt: String
    ) {
        self.id = id
        self.kind = kind
        self.ecosystem = ecosystem
        self.location = location
        self.recordCount = recordCount
        self.newestModified = newestModified
        self.updatedAt = updatedAt
    }
}

/// What `db status` reports: where the database is, what it holds, and how old it is.
public struct DatabaseStatus: Sendable, Codable, Equatable {
    /// The age past which a database is stale: seven days.
    public static let defaultMaximumAge: TimeInterval = 7 * 24 * 60 * 60

    public var path: String
    /// The file's size in bytes.
    public var fileSize: Int64
    public var schemaVersion: Int
    /// The revision of the importer that wrote the records.
    public var importerVersion: Int
    /// When the database was last built (RFC 3339).
    public var lastUpdate: String?
    public var sources: [DatabaseSource]
    /// Advisories per OSV ecosystem as the records write it (`Debian:12`, `PyPI`).
    public var recordCounts: [String: Int]
    /// Advisories in all.
    public var advisoryCount: Int

    public init(
        path: String, fileSize: Int64, schemaVersion: Int, importerVersion: Int, lastUpdate: String?,
        sources: [DatabaseSource], recordCounts: [String: Int], advisoryCount: Int
    ) {
        self.path = path
        self.fileSize = fileSize
        self.schemaVersion = schemaVersion
        self.importerVersion = importerVersion
        self.lastUpdate = lastUpdate
        self.sources = sources
        self.recordCounts = recordCounts
        self.advisoryCount = advisoryCount
    }

    /// Reads the status of the database at `location`.
    public static func read(at location: DatabaseLocation) throws -> DatabaseStatus {
        try SQLiteAdvisoryStore(location: location).status()
    }

    /// When the database was last built.
    public var lastUpdateDate: Date? { lastUpdate.flatMap(RFC3339.date(from:)) }

    /// How long ago the database was last built; `nil` when unknown.
    public func age(at now: Date = Date()) -> TimeInterval? {
        lastUpdateDate.map { max(0, now.timeIntervalSince($0)) }
    }

    /// Returns whether the database is older than `maximumAge`, or of unknown age.
    public func isStale(at now: Date = Date(), maximumAge: TimeInterval = defaultMaximumAge) -> Bool {
        guard let age = age(at: now) else { return true }
        return age > maximumAge
    }

    /// The summary a scan report carries.
    public var reportInfo: AdvisoryDatabaseInfo {
        AdvisoryDatabaseInfo(path: path, updatedAt: lastUpdate, recordCounts: recordCounts)
    }
}

/// RFC 3339 timestamps, as OSV and the metadata table write them.
enum RFC3339 {
    static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A key that sorts `modified` times in time order: `YYYY-MM-DDTHH:MM:SS` and nine fraction digits, in UTC.
    ///
    /// OSV writes UTC times with any number of fraction digits, which plain string comparison misorders
    /// (`…:00.5Z` sorts before `…:00Z`); times with another offset are converted.
    static func sortKey(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        if utf8.count >= 20, utf8.last == UInt8(ascii: "Z"), utf8[10] == UInt8(ascii: "T") {
            var fraction = ""
            if utf8[19] == UInt8(ascii: ".") {
                fraction = String(decoding: utf8[20..<(utf8.count - 1)], as: UTF8.self)
            } else if utf8.count != 20 {
                return fallbackKey(text)
            }
            let padded =
                fraction.count >= 9
                ? String(fraction.prefix(9)) : fraction + String(repeating: "0", count: 9 - fraction.count)
            return String(decoding: utf8[0..<19], as: UTF8.self) + "." + padded
        }
        return fallbackKey(text)
    }

    private static func fallbackKey(_ text: String) -> String {
        guard let date = date(from: text) else { return text }
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let nanoseconds = Int(((date.timeIntervalSince1970 - seconds) * 1e9).rounded())
        let whole = string(from: Date(timeIntervalSince1970: seconds)).dropLast()
        let digits = String(nanoseconds)
        return whole + "." + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
