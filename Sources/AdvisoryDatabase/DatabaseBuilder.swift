import Foundation
import GRDB
import ScanModel
import VulnerabilityMatching

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a complete new database in a temporary file beside the target, then `fsync`s it and renames it over the
/// target, so that the target is always either the previous database or the new one, whenever the process stops.
///
/// Records already in the previous database are carried over unless their source is refreshed, a new record has the
/// same ID, or the ID was withdrawn.
struct DatabaseBuilder {
    let location: DatabaseLocation
    /// Start from the previous database's records and sources; `false` starts from nothing.
    var keepsPrevious: Bool

    /// Builds the database and moves it into place.
    ///
    /// - Parameter load: stores the new records; the build is abandoned, and the target left as it was, when it
    ///   throws.
    func build(now: Date = Date(), load: (inout DatabaseLoad) throws -> Void) throws -> StoredMetadata {
        let target = location.url
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AdvisoryDatabaseError.cannotWriteDatabase(path: location.path, reason: error.localizedDescription)
        }
        Self.removeAbandonedFiles(besides: location)

        var previous: StoredMetadata?
        if keepsPrevious, location.exists {
            previous = try SQLiteAdvisoryStore(location: location).metadata()
        }
        let temporary = folder.appendingPathComponent(Self.temporaryName(for: location))
        do {
            let metadata = try AdvisoryDatabaseSchema.translatingErrors(path: temporary.path) {
                try fill(temporary, previous: previous, now: now, load: load)
            }
            try Self.syncFile(at: temporary.path)
            guard rename(temporary.path, target.path) == 0 else {
                throw AdvisoryDatabaseError.cannotWriteDatabase(
                    path: location.path, reason: String(cString: strerror(errno)))
            }
            try? Self.syncFile(at: folder.path)
            return metadata
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private func fill(
        _ file: URL, previous: StoredMetadata?, now: Date, load: (inout DatabaseLoad) throws -> Void
    ) throws -> StoredMetadata {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in
            // The file is private until renamed, and discarded on failure: durability comes from the final fsync.
            try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        }
        let migrator = AdvisoryDatabaseSchema.migrator
        try migrator.migrate(queue, upTo: AdvisoryDatabaseSchema.tablesMigration)
        let updatedAt = RFC3339.string(from: now)
        var sources = try queue.writeWithoutTransaction { db in
            if previous != nil {
                try db.execute(sql: "ATTACH DATABASE ? AS previous", arguments: [location.path])
            }
            var sources: [DatabaseSource] = []
            try db.inTransaction {
                var loader = try DatabaseLoad(db, previousSources: previous?.sources ?? [], updatedAt: updatedAt)
                try load(&loader)
                if previous != nil { try loader.carryOverPrevious() }
                sources = loader.sources
                return .commit
            }
            if previous != nil { try db.execute(sql: "DETACH DATABASE previous") }
            return sources
        }
        try migrator.migrate(queue)
        return try queue.writeWithoutTransaction { db in
            var counts: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source, COUNT(*) FROM advisories GROUP BY source") {
                counts[row[0]] = row[1]
            }
            for index in sources.indices { sources[index].recordCount = counts[sources[index].id] ?? 0 }
            var ecosystemCounts: [String: Int] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT ecosystem, COUNT(DISTINCT advisory) FROM affected GROUP BY ecosystem")
            for row in rows { ecosystemCounts[row[0]] = row[1] }
            let metadata = StoredMetadata(
                schemaVersion: AdvisoryDatabaseSchema.version, importerVersion: AdvisoryDatabaseSchema.importerVersion,
                lastUpdate: updatedAt, sources: sources.sorted { $0.id < $1.id }, ecosystemCounts: ecosystemCounts,
                advisoryCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisories") ?? 0)
            try db.inTransaction {
                try metadata.write(db)
                return .commit
            }
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            return metadata
        }
    }

    /// `.advisories.db.tmp-<pid>-<random>`: hidden, beside the target, and naming the process that writes it.
    static func temporaryName(for location: DatabaseLocation) -> String {
        let name = location.url.lastPathComponent
        return ".\(name).tmp-\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Removes temporary files and folders left beside the target by processes that no longer run.
    static func removeAbandonedFiles(besides location: DatabaseLocation) {
        let folder = location.url.deletingLastPathComponent()
        let name = location.url.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries {
            var rest: Substring
            if entry.hasPrefix(".\(name).tmp-") {
                rest = entry.dropFirst(".\(name).tmp-".count)
            } else if entry.hasPrefix(".\(name).download-") {
                rest = entry.dropFirst(".\(name).download-".count)
            } else {
                continue
            }
            rest = rest.prefix { $0 != "-" }
            guard let pid = Int32(rest), pid > 0 else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
            }
        }
    }

    /// Flushes a file or folder to disk.
    static func syncFile(at path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AdvisoryDatabaseError.cannotWriteDatabase(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw AdvisoryDatabaseError.cannotWriteDatabase(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// The records of one build, as they are stored.
struct DatabaseLoad {
    /// What happened to one record.
    enum Outcome: Equatable {
        case stored
        /// An earlier record with this ID is as new or newer.
        case duplicate
        /// The record names no package.
        case withoutPackages
    }

    private let db: Database
    private let insertAdvisory: Statement
    private let insertAffected: Statement
    private let deflater = ZlibDeflater()
    private(set) var sources: [DatabaseSource]
    private let updatedAt: String
    /// Sources whose previous records are replaced by this build's.
    private var refreshedSources: Set<Int> = []
    /// IDs withdrawn or emptied: never carried over from the previous database.
    private var tombstones: Set<String> = []
    private var stored: [String: (number: Int64, modified: String)] = [:]
    private var nextNumber: Int64 = 1

    init(_ db: Database, previousSources: [DatabaseSource], updatedAt: String) throws {
        self.db = db
        self.sources = previousSources
        self.updatedAt = updatedAt
        insertAdvisory = try db.makeStatement(
            sql: "INSERT INTO advisories(number, id, modified, source, body) VALUES (?, ?, ?, ?, ?)")
        insertAffected = try db.makeStatement(
            sql: "INSERT INTO affected(advisory, ecosystem, name, body) VALUES (?, ?, ?, ?)")
    }

    /// Registers the source of the records that follow and returns its number.
    ///
    /// A source is the same as a previous one when both are the same ecosystem's bulk data or the same local path.
    /// - Parameter replacingItsRecords: drop the source's previous records (a full download or a re-import);
    ///   `false` for an incremental update, which only adds and replaces records.
    mutating func beginSource(
        kind: DatabaseSource.Kind, ecosystem: String?, location: String, newestModified: String?,
        replacingItsRecords: Bool
    ) -> Int {
        let index = sources.firstIndex { source in
            source.kind == kind && (kind == .osvBulk ? source.ecosystem == ecosystem : source.location == location)
        }
        let id: Int
        if let index {
            id = sources[index].id
            sources[index].location = location
            sources[index].newestModified = newestModified ?? sources[index].newestModified
            sources[index].updatedAt = updatedAt
        } else {
            id = (sources.map(\.id).max() ?? 0) + 1
            sources.append(
                DatabaseSource(
                    id: id, kind: kind, ecosystem: ecosystem, location: location, recordCount: 0,
                    newestModified: newestModified, updatedAt: updatedAt))
        }
        if replacingItsRecords { refreshedSources.insert(id) }
        return id
    }

    /// Stores an advisory, unless a record with the same ID and a `modified` time as new or newer was stored.
    mutating func store(_ advisory: Advisory, source: Int) throws -> Outcome {
        guard !advisory.affected.isEmpty else {
            try withdraw(id: advisory.id, modified: advisory.modified)
            return .withoutPackages
        }
        let modified = advisory.modified.map(RFC3339.sortKey) ?? ""
        if let existing = stored[advisory.id] {
            guard modified > existing.modified else { return .duplicate }
            try delete(number: existing.number)
        }
        let number = nextNumber
        nextNumber += 1
        stored[advisory.id] = (number, modified)
        insertAdvisory.setUncheckedArguments([
            number, advisory.id, advisory.modified, source, Data(StoredForm.advisoryBody(advisory, deflater: deflater)),
        ])
        try insertAdvisory.execute()
        for entry in advisory.affected {
            let name = PackageNameNormalizer.normalize(entry.name, ecosystem: entry.ecosystem)
            insertAffected.setUncheckedArguments([
                number, entry.ecosystem, name, Data(StoredForm.affectedBody(entry, normalizedName: name)),
            ])
            try insertAffected.execute()
        }
        return .stored
    }

    /// Records that an ID is withdrawn: it is not carried over, and an older copy stored in this build is removed.
    mutating func withdraw(id: String, modified: String?) throws {
        tombstones.insert(id)
        if let existing = stored[id], (modified.map(RFC3339.sortKey) ?? "") > existing.modified {
            try delete(number: existing.number)
            stored[id] = nil
        }
    }

    private func delete(number: Int64) throws {
        try db.execute(sql: "DELETE FROM affected WHERE advisory = ?", arguments: [number])
        try db.execute(sql: "DELETE FROM advisories WHERE number = ?", arguments: [number])
    }

    /// Copies the previous database's advisories that this build neither replaced nor withdrew.
    func carryOverPrevious() throws {
        try db.execute(sql: "CREATE TEMP TABLE tombstones (id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.tombstones(id) VALUES (?)")
        for id in tombstones { try insert.execute(arguments: [id]) }
        let refreshed = refreshedSources.sorted().map(String.init).joined(separator: ", ")
        let offset = nextNumber - 1
        try db.execute(
            sql: """
                INSERT INTO main.advisories(number, id, modified, source, body)
                SELECT number + ?, id, modified, source, body FROM previous.advisories
                WHERE source NOT IN (\(refreshed))
                    AND id NOT IN (SELECT id FROM main.advisories)
                    AND id NOT IN (SELECT id FROM temp.tombstones)
                ORDER BY number
                """,
            arguments: [offset])
        try db.execute(
            sql: """
                INSERT INTO main.affected(advisory, ecosystem, name, body)
                SELECT advisory + ?1, ecosystem, name, body FROM previous.affected
                WHERE advisory + ?1 IN (SELECT number FROM main.advisories WHERE number > ?1)
                ORDER BY rowid
                """,
            arguments: [offset])
        try db.execute(sql: "DROP TABLE temp.tombstones")
    }
}
