import Foundation
import GRDB
import ScanModel
import VulnerabilityMatching

/// The advisory database on disk, opened read-only.
///
/// A batch of lookups runs in one read transaction with cached prepared statements. An update replaces the file by
/// rename, so an open store keeps reading the database it opened until it is reopened.
public struct SQLiteAdvisoryStore: AdvisoryStore {
    /// The database file's path.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the database at `location`.
    ///
    /// - Throws: `AdvisoryDatabaseError` when the file is missing, is not SQLite, is not an advisory database, or
    ///   has a schema newer than this binary reads.
    public init(location: DatabaseLocation) throws {
        try self.init(path: location.path)
    }

    /// Opens the database at `path`.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AdvisoryDatabaseError.databaseMissing(path: path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "plimsoll.advisories"
        let queue = try AdvisoryDatabaseSchema.translatingErrors(path: path) {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try AdvisoryDatabaseSchema.validate(db, path: path) }
            return queue
        }
        self.path = path
        self.queue = queue
    }

    /// Opens the database at the default location.
    public static func openDefault() throws -> SQLiteAdvisoryStore {
        try SQLiteAdvisoryStore(location: .default())
    }

    public func advisories(for queries: [AdvisoryQuery]) throws -> [AdvisoryQuery: [Advisory]] {
        let path = path
        return try AdvisoryDatabaseSchema.translatingErrors(path: path) {
            try queue.read { db in
                var lookup = try Lookup(db, path: path)
                var answers: [AdvisoryQuery: [Advisory]] = [:]
                for query in queries where answers[query] == nil {
                    let found = try lookup.advisories(for: query)
                    if !found.isEmpty { answers[query] = found }
                }
                return answers
            }
        }
    }

    /// The advisories for packages named as their databases write them; names are normalised before the lookup.
    ///
    /// - Returns: one list per package, in order.
    public func advisories(
        forPackages packages: [(ecosystem: String, name: String)], includingSubEcosystems: Bool = false
    ) throws -> [[Advisory]] {
        let queries = packages.map { package in
            AdvisoryQuery(
                ecosystem: package.ecosystem,
                name: PackageNameNormalizer.normalize(package.name, ecosystem: package.ecosystem),
                includesSubEcosystems: includingSubEcosystems)
        }
        let answers = try advisories(for: queries)
        return queries.map { answers[$0] ?? [] }
    }

    /// The advisory with this ID, with all of its affected entries; `nil` when the database does not hold it.
    public func advisory(id: String) throws -> Advisory? {
        let path = path
        return try AdvisoryDatabaseSchema.translatingErrors(path: path) {
            try queue.read { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT number, id, modified, body FROM advisories WHERE id = ?", arguments: [id])
                else { return nil }
                let number: Int64 = row[0]
                var advisory = try Lookup.decodeAdvisory(row, inflater: ZlibInflater(), path: path)
                let entries = try Row.fetchCursor(
                    db, sql: "SELECT ecosystem, name, body FROM affected WHERE advisory = ? ORDER BY rowid",
                    arguments: [number])
                while let entry = try entries.next() {
                    advisory.affected.append(try Lookup.decodeAffected(entry, advisoryID: id, path: path))
                }
                return advisory
            }
        }
    }

    /// What the database holds and when it was built.
    public func status() throws -> DatabaseStatus {
        let metadata = try metadata()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return DatabaseStatus(
            path: path, fileSize: size, schemaVersion: metadata.schemaVersion,
            importerVersion: metadata.importerVersion, lastUpdate: metadata.lastUpdate, sources: metadata.sources,
            recordCounts: metadata.ecosystemCounts, advisoryCount: metadata.advisoryCount)
    }

    func metadata() throws -> StoredMetadata {
        let path = path
        return try AdvisoryDatabaseSchema.translatingErrors(path: path) {
            try queue.read { db in try StoredMetadata.read(db) }
        }
    }
}

/// The prepared statements of one batch of lookups, and the advisories already decoded in it.
private struct Lookup {
    let path: String
    let exact: Statement
    let withSubEcosystems: Statement
    let inflater = ZlibInflater()
    var decoded: [Int64: Advisory] = [:]

    /// The columns both statements return.
    static let columns = "a.number, a.id, a.modified, a.body, f.ecosystem, f.name, f.body"

    init(_ db: Database, path: String) throws {
        self.path = path
        exact = try db.cachedStatement(
            sql: """
                SELECT \(Self.columns) FROM affected f JOIN advisories a ON a.number = f.advisory
                WHERE f.name = ?1 AND f.ecosystem = ?2 ORDER BY f.rowid
                """)
        // `Red Hat:enterprise_linux:9` also finds `Red Hat:enterprise_linux:9::appstream`: the ecosystems that start
        // with the query's and a colon are the range ['E:', 'E;'), since ';' follows ':' in every collation SQLite
        // uses. Unlike LIKE, the range is case-sensitive, as OSV ecosystem names are, needs no escaping of `%` and
        // `_`, and is answered from the (name, ecosystem) index.
        withSubEcosystems = try db.cachedStatement(
            sql: """
                SELECT \(Self.columns) FROM affected f JOIN advisories a ON a.number = f.advisory
                WHERE f.name = ?1 AND (f.ecosystem = ?2 OR (f.ecosystem >= ?2 || ':' AND f.ecosystem < ?2 || ';'))
                ORDER BY f.rowid
                """)
    }

    mutating func advisories(for query: AdvisoryQuery) throws -> [Advisory] {
        let statement = query.includesSubEcosystems ? withSubEcosystems : exact
        let rows = try Row.fetchCursor(statement, arguments: [query.name, query.ecosystem])
        var found: [Int64: Advisory] = [:]
        while let row = try rows.next() {
            let number: Int64 = row[0]
            if found[number] == nil {
                if let advisory = decoded[number] {
                    found[number] = advisory
                } else {
                    let advisory = try Self.decodeAdvisory(row, inflater: inflater, path: path)
                    decoded[number] = advisory
                    found[number] = advisory
                }
            }
            let affected = try Self.decodeAffected(row, startingAt: 4, advisoryID: row[1], path: path)
            found[number]?.affected.append(affected)
        }
        return found.values.sorted { $0.id < $1.id }
    }

    /// Decodes columns (number, id, modified, body) into an advisory without affected entries.
    static func decodeAdvisory(_ row: Row, inflater: ZlibInflater, path: String) throws -> Advisory {
        let id: String = row[1]
        let modified: String? = row[2]
        return try row.withUnsafeData(atIndex: 3) { data in
            guard let data else { throw AdvisoryDatabaseError.corruptRecord(path: path, advisoryID: id) }
            return try data.withUnsafeBytes { bytes in
                do {
                    return try StoredForm.advisory(id: id, modified: modified, body: bytes, inflater: inflater)
                } catch {
                    throw AdvisoryDatabaseError.corruptRecord(path: path, advisoryID: id)
                }
            }
        }
    }

    /// Decodes columns (ecosystem, name, body) from `index` on into an affected entry.
    static func decodeAffected(
        _ row: Row, startingAt index: Int = 0, advisoryID: String, path: String
    ) throws -> AffectedPackage {
        let ecosystem: String = row[index]
        let name: String = row[index + 1]
        return try row.withUnsafeData(atIndex: index + 2) { data in
            guard let data else { throw AdvisoryDatabaseError.corruptRecord(path: path, advisoryID: advisoryID) }
            return try data.withUnsafeBytes { bytes in
                do {
                    return try StoredForm.affected(ecosystem: ecosystem, normalizedName: name, body: bytes)
                } catch {
                    throw AdvisoryDatabaseError.corruptRecord(path: path, advisoryID: advisoryID)
                }
            }
        }
    }
}
