import Foundation
import GRDB

/// The database's tables, their migrations, and the checks run before a database is trusted.
///
/// Tables:
/// - `metadata(key, value)`: the schema version, importer version, last update time, sources (JSON) and record
///   counts per ecosystem (JSON).
/// - `advisories(number, id, modified, source, body)`: one row per advisory; `body` is `StoredForm.advisoryBody`.
/// - `affected(advisory, ecosystem, name, body)`: one row per affected entry, `name` normalised by
///   `PackageNameNormalizer`, `body` is `StoredForm.affectedBody`.
///
/// The indexes are a migration of their own, run after the bulk load: loading first and indexing afterwards is about
/// four times faster than keeping the index up to date row by row.
enum AdvisoryDatabaseSchema {
    /// The schema version this binary writes and reads; bump it with each new migration.
    static let version = 1
    /// Bump when the same OSV input would now be stored differently.
    static let importerVersion = 1

    static let tablesMigration = "v1-tables"
    static let indexesMigration = "v1-indexes"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(tablesMigration) { db in
            try db.execute(
                sql: """
                    CREATE TABLE metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE advisories (
                        number INTEGER PRIMARY KEY,
                        id TEXT NOT NULL,
                        modified TEXT,
                        source INTEGER NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE TABLE affected (
                        advisory INTEGER NOT NULL,
                        ecosystem TEXT NOT NULL,
                        name TEXT NOT NULL,
                        body BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration(indexesMigration) { db in
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX advisories_by_id ON advisories(id);
                    CREATE INDEX affected_by_package ON affected(name, ecosystem);
                    """)
        }
        return migrator
    }

    /// Checks that `db` is an advisory database whose schema this binary knows.
    static func validate(_ db: Database, path: String) throws {
        guard try db.tableExists("metadata"), try db.tableExists("advisories"), try db.tableExists("affected") else {
            throw AdvisoryDatabaseError.notAnAdvisoryDatabase(path: path)
        }
        let text = try String.fetchOne(
            db, sql: "SELECT value FROM metadata WHERE key = ?", arguments: [MetadataKey.schemaVersion.rawValue])
        guard let text, let found = Int(text) else { throw AdvisoryDatabaseError.notAnAdvisoryDatabase(path: path) }
        guard found <= version, try !migrator.hasBeenSuperseded(db) else {
            throw AdvisoryDatabaseError.schemaTooNew(path: path, found: max(found, version + 1), supported: version)
        }
        guard try migrator.hasCompletedMigrations(db) else {
            throw AdvisoryDatabaseError.notAnAdvisoryDatabase(path: path)
        }
    }

    /// Runs `body`, turning SQLite's errors into `AdvisoryDatabaseError`s that name `path`.
    static func translatingErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: throw AdvisoryDatabaseError.notADatabase(path: path)
            case .SQLITE_CANTOPEN:
                if !FileManager.default.fileExists(atPath: path) {
                    throw AdvisoryDatabaseError.databaseMissing(path: path)
                }
                throw AdvisoryDatabaseError.sqlite(path: path, message: error.message ?? "cannot open the file")
            default: throw AdvisoryDatabaseError.sqlite(path: path, message: error.message ?? "\(error.resultCode)")
            }
        }
    }
}

/// The keys of the `metadata` table.
enum MetadataKey: String, CaseIterable {
    case schemaVersion = "schema_version"
    case importerVersion = "importer_version"
    case lastUpdate = "last_update"
    case sources
    case ecosystemCounts = "ecosystem_counts"
    case advisoryCount = "advisory_count"
}

/// What the `metadata` table says.
struct StoredMetadata: Equatable {
    var schemaVersion: Int
    var importerVersion: Int
    /// RFC 3339.
    var lastUpdate: String?
    var sources: [DatabaseSource]
    var ecosystemCounts: [String: Int]
    var advisoryCount: Int

    static func read(_ db: Database) throws -> StoredMetadata {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM metadata") {
            values[row[0]] = row[1]
        }
        let decoder = JSONDecoder()
        return StoredMetadata(
            schemaVersion: values[MetadataKey.schemaVersion.rawValue].flatMap { Int($0) } ?? 0,
            importerVersion: values[MetadataKey.importerVersion.rawValue].flatMap { Int($0) } ?? 0,
            lastUpdate: values[MetadataKey.lastUpdate.rawValue].flatMap { $0.isEmpty ? nil : $0 },
            sources: try values[MetadataKey.sources.rawValue].map {
                try decoder.decode([DatabaseSource].self, from: Data($0.utf8))
            } ?? [],
            ecosystemCounts: try values[MetadataKey.ecosystemCounts.rawValue].map {
                try decoder.decode([String: Int].self, from: Data($0.utf8))
            } ?? [:],
            advisoryCount: values[MetadataKey.advisoryCount.rawValue].flatMap { Int($0) } ?? 0)
    }

    func write(_ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let values: [MetadataKey: String] = [
            .schemaVersion: String(schemaVersion),
            .importerVersion: String(importerVersion),
            .lastUpdate: lastUpdate ?? "",
            .sources: String(decoding: try encoder.encode(sources), as: UTF8.self),
            .ecosystemCounts: String(decoding: try encoder.encode(ecosystemCounts), as: UTF8.self),
            .advisoryCount: String(advisoryCount),
        ]
        let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO metadata(key, value) VALUES (?, ?)")
        for key in MetadataKey.allCases {
            try statement.execute(arguments: [key.rawValue, values[key] ?? ""])
        }
    }
}
