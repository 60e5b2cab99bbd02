import Foundation
import ScannerTesting
import Testing

@testable import AdvisoryDatabase

/// `db update` against OSV-shaped bulk data served by a local HTTP server on 127.0.0.1.
@Suite(.enabled(if: LocalHTTPServer.isAvailable, "needs python3 for a local HTTP server"))
struct DatabaseUpdaterTests {
    /// A served folder laid out as OSV's bucket, and a database path beside it.
    struct Mirror {
        let directory: TemporaryDirectory
        let server: LocalHTTPServer
        let location: DatabaseLocation

        init() throws {
            directory = try TemporaryDirectory()
            let root = directory.url.appendingPathComponent("bucket")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            server = try LocalHTTPServer(serving: root)
            location = DatabaseLocation(path: directory.path + "/cache/plimsoll/advisories.db")
        }

        /// Publishes an ecosystem: `all.zip`, one `<ID>.json` per record, and `modified_id.csv`, newest first.
        func publish(_ ecosystem: String, _ records: [[String: Any]]) throws {
            var entries: [ZipFixture.Entry] = []
            var lines: [(String, String)] = []
            for record in records {
                let id = record["id"] as? String ?? ""
                let bytes = OSVFixture.json(record)
                entries.append(ZipFixture.Entry("\(id).json", bytes))
                try server.write("\(ecosystem)/\(id).json", bytes)
                lines.append((record["modified"] as? String ?? "", id))
            }
            try server.write("\(ecosystem)/all.zip", ZipFixture(entries: entries).bytes)
            let csv = lines.sorted { $0.0 > $1.0 }.map { "\($0.0),\($0.1)\n" }.joined()
            try server.write("\(ecosystem)/modified_id.csv", Array(csv.utf8))
        }

        func updater(incrementalLimit: Int = 2_000) throws -> DatabaseUpdater {
            try DatabaseUpdater(location: location, baseURL: server.baseURL, incrementalLimit: incrementalLimit)
        }
    }

    @Test func aFirstUpdateDownloadsEachArchive() async throws {
        let mirror = try Mirror()
        try mirror.publish("PyPI", [OSVFixture.pypiRecord])
        try mirror.publish("Go", [OSVFixture.goRecord, OSVFixture.withdrawnRecord])
        let summary = try await mirror.updater().update(ecosystems: ["PyPI", "Go"])
        #expect(summary.ecosystems.map(\.mode) == [.full, .full])
        #expect(summary.records.imported == 2)
        #expect(summary.records.withdrawn == 1)
        #expect(
            mirror.server.requestedPaths == [
                "/PyPI/modified_id.csv", "/PyPI/all.zip", "/Go/modified_id.csv", "/Go/all.zip",
            ])
        let status = try DatabaseStatus.read(at: mirror.location)
        #expect(status.sources.map(\.ecosystem) == ["PyPI", "Go"])
        #expect(
            status.sources.map(\.location) == [
                "\(mirror.server.baseURL)/PyPI/all.zip", "\(mirror.server.baseURL)/Go/all.zip",
            ])
        #expect(status.sources.map(\.newestModified) == ["2024-08-07T17:22:10.682679Z", "2025-12-15T18:30:00Z"])
        #expect(status.recordCounts == ["PyPI": 1, "Go": 1])
    }

    @Test func aLaterUpdateFetchesOnlyTheRecordsModifiedSince() async throws {
        let mirror = try Mirror()
        let first = OSVFixture.simple(id: "PYSEC-1", ecosystem: "PyPI", name: "a", modified: "2024-01-01T00:00:00Z")
        let second = OSVFixture.simple(id: "PYSEC-2", ecosystem: "PyPI", name: "b", modified: "2024-01-02T00:00:00Z")
        try mirror.publish("PyPI", [first, second])
        _ = try await mirror.updater().update(ecosystems: ["PyPI"])

        let changed = OSVFixture.record(second, modified: "2024-03-01T00:00:00Z", summary: "changed")
        let added = OSVFixture.simple(id: "PYSEC-3", ecosystem: "PyPI", name: "c", modified: "2024-03-02T00:00:00Z")
        var withdrawn = OSVFixture.record(first, modified: "2024-03-03T00:00:00Z")
        withdrawn["withdrawn"] = "2024-03-03T00:00:00Z"
        try mirror.publish("PyPI", [withdrawn, changed, added])
        let requestsBefore = mirror.server.requestedPaths.count
        let summary = try await mirror.updater().update()
        #expect(summary.ecosystems == [EcosystemUpdate(ecosystem: "PyPI", mode: .incremental, downloadedRecords: 3)])
        #expect(
            Set(mirror.server.requestedPaths.dropFirst(requestsBefore))
                == ["/PyPI/modified_id.csv", "/PyPI/PYSEC-1.json", "/PyPI/PYSEC-2.json", "/PyPI/PYSEC-3.json"])
        let store = try SQLiteAdvisoryStore(location: mirror.location)
        #expect(try store.advisory(id: "PYSEC-1") == nil)
        #expect(try store.advisory(id: "PYSEC-2")?.summary == "changed")
        #expect(try store.advisory(id: "PYSEC-3") != nil)
        #expect(try store.status().sources.first?.newestModified == "2024-03-03T00:00:00Z")

        let unchanged = try await mirror.updater().update()
        #expect(unchanged.ecosystems.map(\.mode) == [.unchanged])
        #expect(try SQLiteAdvisoryStore(location: mirror.location).status().advisoryCount == 2)
    }

    @Test func tooManyChangesDownloadTheArchiveAgain() async throws {
        let mirror = try Mirror()
        try mirror.publish("npm", [OSVFixture.simple(id: "GHSA-1", ecosystem: "npm", name: "a")])
        _ = try await mirror.updater().update(ecosystems: ["npm"])
        let many = (2...5).map {
            OSVFixture.simple(id: "GHSA-\($0)", ecosystem: "npm", name: "n\($0)", modified: "2024-02-0\($0)T00:00:00Z")
        }
        try mirror.publish("npm", many)
        let summary = try await mirror.updater(incrementalLimit: 3).update()
        #expect(summary.ecosystems.map(\.mode) == [.full])
        let store = try SQLiteAdvisoryStore(location: mirror.location)
        // A full download replaces the ecosystem's records: GHSA-1 is no longer published.
        #expect(try store.advisory(id: "GHSA-1") == nil)
        #expect(try store.status().advisoryCount == 4)
    }

    @Test func updatingOneEcosystemKeepsTheOthers() async throws {
        let mirror = try Mirror()
        try mirror.publish("PyPI", [OSVFixture.pypiRecord])
        try mirror.publish("Go", [OSVFixture.goRecord])
        _ = try await mirror.updater().update(ecosystems: ["PyPI", "Go"])
        try mirror.publish(
            "Go", [OSVFixture.record(OSVFixture.goRecord, modified: "2026-01-01T00:00:00Z", summary: "new")])
        let summary = try await mirror.updater().update(ecosystems: ["Go"], forcesFullDownload: true)
        #expect(summary.ecosystems.map(\.mode) == [.full])
        let store = try SQLiteAdvisoryStore(location: mirror.location)
        #expect(try store.advisory(id: "PYSEC-2024-68") != nil)
        #expect(try store.advisory(id: "GO-2025-4178")?.summary == "new")
    }

    @Test func anUnknownEcosystemIsAClearErrorAndChangesNothing() async throws {
        let mirror = try Mirror()
        try mirror.publish("PyPI", [OSVFixture.pypiRecord])
        _ = try await mirror.updater().update(ecosystems: ["PyPI"])
        let before = try Data(contentsOf: mirror.location.url)
        await #expect(
            throws: AdvisoryDatabaseError.downloadFailed(url: "\(mirror.server.baseURL)/Nope/all.zip", status: 404)
        ) {
            _ = try await mirror.updater().update(ecosystems: ["PyPI", "Nope"])
        }
        #expect(try Data(contentsOf: mirror.location.url) == before)
        #expect(try Self.leftovers(besides: mirror.location).isEmpty)
    }

    @Test func anUnreachableServerIsOneLineAndLeavesTheDatabase() async throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let url = "http://127.0.0.1:\(LocalHTTPServer.closedPort())"
        let updater = try DatabaseUpdater(location: DatabaseLocation(path: store.path), baseURL: url)
        do {
            _ = try await updater.update(ecosystems: ["PyPI"])
            Issue.record("the update should have failed")
        } catch let error as AdvisoryDatabaseError {
            guard case .networkUnreachable(let failed, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(failed == url + "/PyPI/modified_id.csv")
            #expect(!error.description.contains("\n"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        #expect(try Self.leftovers(besides: DatabaseLocation(path: store.path)).isEmpty)
    }

    @Test func ensureStoreDownloadsAMissingDatabaseOnce() async throws {
        let mirror = try Mirror()
        try mirror.publish("PyPI", [OSVFixture.pypiRecord])
        let store = try await mirror.updater().ensureStore(ecosystems: ["PyPI"])
        #expect(try store.advisory(id: "PYSEC-2024-68") != nil)
        let requests = mirror.server.requestedPaths.count
        _ = try await mirror.updater().ensureStore(ecosystems: ["PyPI"])
        #expect(mirror.server.requestedPaths.count == requests)
    }

    @Test func ensureStoreOfflineWithNoDatabaseSaysWhatToDo() async throws {
        let directory = try TemporaryDirectory()
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let url = "http://127.0.0.1:\(LocalHTTPServer.closedPort())"
        do {
            _ = try await DatabaseUpdater(location: location, baseURL: url).ensureStore(ecosystems: ["Debian"])
            Issue.record("ensureStore should have failed")
        } catch let error as AdvisoryDatabaseError {
            guard case .missingDatabaseOffline(let path, let failed, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == location.path)
            #expect(failed == url + "/Debian/modified_id.csv")
            #expect(error.description.contains("plimsoll db update"))
            #expect(!error.description.contains("\n"))
        }
        #expect(!location.exists)
    }

    @Test(arguments: ["ftp://example.org", "not a url", "https://"])
    func aBaseURLMustBeHTTP(url: String) {
        #expect(throws: AdvisoryDatabaseError.invalidBaseURL(url)) {
            try DatabaseUpdater(location: DatabaseLocation(path: "/tmp/x.db"), baseURL: url)
        }
    }

    @Test func modifiedListsParseEitherLayoutAndOrderTimesByInstant() {
        let list = ModifiedList(
            parsing: Data(
                """
                2024-03-01T00:00:00.5Z,PyPI/PYSEC-2
                2024-03-01T00:00:00Z,PYSEC-1

                garbage
                2024-02-01T00:00:00Z,PYSEC-0
                """.utf8))
        #expect(list.entries.map(\.id) == ["PYSEC-2", "PYSEC-1", "PYSEC-0"])
        #expect(list.newest == "2024-03-01T00:00:00.5Z")
        #expect(list.modified(after: "2024-03-01T00:00:00Z") == ["PYSEC-2"])
        #expect(list.modified(after: "2024-03-01T01:00:00+02:00") == ["PYSEC-2", "PYSEC-1"])
    }

    static func leftovers(besides location: DatabaseLocation) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: location.url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".") }
    }
}
