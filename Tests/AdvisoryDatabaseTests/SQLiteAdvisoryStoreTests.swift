import Foundation
import GRDB
import ScanModel
import ScannerTesting
import Testing
import VulnerabilityMatching

@testable import AdvisoryDatabase

struct SQLiteAdvisoryStoreTests {
    static let subEcosystemRecords: [(String, [UInt8])] = [
        (
            "a.json",
            OSVFixture.json(OSVFixture.simple(id: "RHSA-1", ecosystem: "Red Hat:enterprise_linux:9", name: "bash"))
        ),
        (
            "b.json",
            OSVFixture.json(
                OSVFixture.simple(id: "RHSA-2", ecosystem: "Red Hat:enterprise_linux:9::appstream", name: "bash"))
        ),
        (
            "c.json",
            OSVFixture.json(OSVFixture.simple(id: "RHSA-3", ecosystem: "Red Hat:enterprise_linux:90", name: "bash"))
        ),
        (
            "d.json",
            OSVFixture.json(OSVFixture.simple(id: "RHSA-4", ecosystem: "red hat:enterprise_linux:9:x", name: "bash"))
        ),
        ("e.json", OSVFixture.json(OSVFixture.simple(id: "ODD-1", ecosystem: "A_B:1", name: "bash"))),
        ("f.json", OSVFixture.json(OSVFixture.simple(id: "ODD-2", ecosystem: "AxB:1", name: "bash"))),
        ("g.json", OSVFixture.json(OSVFixture.simple(id: "ODD-3", ecosystem: "A%:1", name: "bash"))),
    ]

    @Test func anExactQueryFindsOnlyItsEcosystem() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory, records: Self.subEcosystemRecords)
        let query = AdvisoryQuery(ecosystem: "Red Hat:enterprise_linux:9", name: "bash")
        #expect(try store.advisories(for: [query])[query]?.map(\.id) == ["RHSA-1"])
    }

    @Test(
        "Sub-ecosystems extend the query after a colon, case-sensitively, with no wildcards",
        arguments: [
            ("Red Hat:enterprise_linux:9", ["RHSA-1", "RHSA-2"]),
            ("Red Hat", ["RHSA-1", "RHSA-2", "RHSA-3"]),
            ("A_B", ["ODD-1"]),
            ("A%", ["ODD-3"]),
            ("A", []),
        ])
    func subEcosystemQueries(ecosystem: String, expected: [String]) throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory, records: Self.subEcosystemRecords)
        let query = AdvisoryQuery(ecosystem: ecosystem, name: "bash", includesSubEcosystems: true)
        #expect(try store.advisories(for: [query])[query]?.map(\.id) ?? [] == expected)
    }

    @Test func aSubEcosystemQueryGroupsEntriesUnderOneAdvisory() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let query = AdvisoryQuery(ecosystem: "Debian", name: "openssl", includesSubEcosystems: true)
        let advisories = try #require(try store.advisories(for: [query])[query])
        #expect(advisories.map(\.id) == ["DEBIAN-CVE-2024-2511"])
        #expect(advisories.first?.affected.map(\.ecosystem) == ["Debian:12", "Debian:11"])
    }

    @Test func queriesWithNoAdvisoryAreAbsentAndTheBatchAnswersEveryOther() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let queries = [
            AdvisoryQuery(ecosystem: "Go", name: "github.com/mattermost/mattermost-server/v6"),
            AdvisoryQuery(ecosystem: "Go", name: "golang.org/x/nothing"),
            AdvisoryQuery(ecosystem: "Ubuntu:22.04:LTS", name: "curl"),
            AdvisoryQuery(ecosystem: "Ubuntu:22.04:LTS", name: "curl"),
        ]
        let found = try store.advisories(for: queries)
        #expect(found.count == 2)
        #expect(found[queries[0]]?.map(\.id) == ["GO-2025-4178"])
        #expect(found[queries[2]]?.map(\.id) == ["UBUNTU-CVE-2024-3333"])
        #expect(found[queries[2]]?.first?.affected.map(\.ecosystem) == ["Ubuntu:22.04:LTS"])
    }

    @Test func answersLikeTheInMemoryStore() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let all = try ["GO-2025-4178", "PYSEC-2024-68", "GHSA-aaaa-bbbb-cccc", "DEBIAN-CVE-2024-2511"]
            .compactMap { try store.advisory(id: $0) }
        let reference = InMemoryAdvisoryStore(all)
        let queries = [
            AdvisoryQuery(ecosystem: "PyPI", name: "django"),
            AdvisoryQuery(ecosystem: "npm", name: "left_pad"),
            AdvisoryQuery(ecosystem: "Debian", name: "openssl", includesSubEcosystems: true),
            AdvisoryQuery(ecosystem: "Debian:12", name: "openssl"),
        ]
        #expect(try store.advisories(for: queries) == reference.advisories(for: queries))
    }

    @Test func aMissingFileIsAClearError() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: AdvisoryDatabaseError.databaseMissing(path: directory.path + "/none.db")) {
            try SQLiteAdvisoryStore(path: directory.path + "/none.db")
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "advisories.db", Array("not a database, just text\n".utf8) + [UInt8](repeating: 7, count: 4096))
        #expect(throws: AdvisoryDatabaseError.notADatabase(path: path)) { try SQLiteAdvisoryStore(path: path) }
        #expect(throws: AdvisoryDatabaseError.notADatabase(path: path)) {
            try OSVImporter(location: DatabaseLocation(path: path)).importRecords(from: [])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 4122)
    }

    @Test func anSQLiteFileOfSomethingElseIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/other.db"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try queue.close()
        #expect(throws: AdvisoryDatabaseError.notAnAdvisoryDatabase(path: path)) { try SQLiteAdvisoryStore(path: path) }
    }

    @Test func aDatabaseWithANewerSchemaIsRefused() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE metadata SET value = '7' WHERE key = 'schema_version'")
        }
        try queue.close()
        let newer = AdvisoryDatabaseError.schemaTooNew(path: store.path, found: 7, supported: 1)
        #expect(throws: newer) { try SQLiteAdvisoryStore(path: store.path) }
        #expect(throws: newer) {
            try OSVImporter(location: DatabaseLocation(path: store.path)).importRecords(from: [])
        }
        #expect(newer.description.contains("Upgrade plimsoll"))
    }

    @Test func aDatabaseWithAnUnknownMigrationIsRefused() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v2-something-new')")
        }
        try queue.close()
        #expect(throws: AdvisoryDatabaseError.schemaTooNew(path: store.path, found: 2, supported: 1)) {
            try SQLiteAdvisoryStore(path: store.path)
        }
    }

    @Test func aDamagedRecordIsReportedNotCrashedOn() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE affected SET body = x'01ff' WHERE name = 'curl'")
        }
        try queue.close()
        let query = AdvisoryQuery(ecosystem: "Ubuntu:22.04:LTS", name: "curl")
        #expect(throws: AdvisoryDatabaseError.corruptRecord(path: store.path, advisoryID: "UBUNTU-CVE-2024-3333")) {
            try SQLiteAdvisoryStore(path: store.path).advisories(for: [query])
        }
    }

    @Test func theSchemaHasItsIndexesAndEveryMigration() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let queue = try DatabaseQueue(path: store.path)
        let (indexes, migrations) = try queue.read { db in
            (
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            )
        }
        #expect(indexes == ["advisories_by_id", "affected_by_package"])
        #expect(migrations == ["v1-tables", "v1-indexes"])
    }
}
