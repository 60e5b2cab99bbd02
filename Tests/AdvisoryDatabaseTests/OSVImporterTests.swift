import Foundation
import ScanModel
import ScannerTesting
import Testing
import VulnerabilityMatching

@testable import AdvisoryDatabase

struct OSVImporterTests {
    /// Writes the live fixtures to a folder and imports it into a new database.
    static func importedDatabase(
        in directory: TemporaryDirectory, records: [(String, [UInt8])] = OSVFixture.liveRecords,
        options: ImportOptions = ImportOptions()
    ) throws -> (SQLiteAdvisoryStore, ImportSummary) {
        for (name, bytes) in records { try directory.write("records/\(name)", bytes) }
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let summary = try OSVImporter(location: location, options: options)
            .importRecords(from: [directory.path + "/records"])
        return (try SQLiteAdvisoryStore(location: location), summary)
    }

    @Test func importsEveryLiveRecordOfAFolder() throws {
        let directory = try TemporaryDirectory()
        let (store, summary) = try Self.importedDatabase(in: directory)
        #expect(summary.imported == 6)
        #expect(summary.malformed == 0)
        #expect(summary.advisoryCount == 6)
        let status = try store.status()
        #expect(status.advisoryCount == 6)
        #expect(
            status.recordCounts == [
                "Go": 1, "PyPI": 1, "npm": 1, "Debian:12": 1, "Debian:11": 1, "Alpine:v3.19": 1,
                "Ubuntu:22.04:LTS": 1, "Ubuntu:Pro:22.04:LTS": 1,
            ])
    }

    @Test func aLookupReturnsTheRecordAsWrittenWithOnlyTheQueriedPackage() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        let query = AdvisoryQuery(ecosystem: "Go", name: "github.com/mattermost/mattermost")
        let advisory = try #require(try store.advisories(for: [query])[query]?.first)
        let expected = Advisory(
            id: "GO-2025-4178", aliases: ["CVE-2025-13870", "GHSA-58w6-w55x-6wq8"],
            summary: "Mattermost fails to validate user permissions in Boards in github.com/mattermost/mattermost",
            details: "Mattermost fails to validate user permissions in Boards.", published: "2025-12-12T20:00:00Z",
            modified: "2025-12-15T18:30:00Z",
            references: [
                "https://github.com/advisories/GHSA-58w6-w55x-6wq8", "https://mattermost.com/security-updates",
            ],
            affected: [
                AffectedPackage(
                    ecosystem: "Go", name: "github.com/mattermost/mattermost",
                    ranges: [
                        AffectedRange(
                            type: .semver,
                            events: [
                                .introduced("10.5.0+incompatible"), .fixed("10.5.13+incompatible"),
                                .introduced("10.11.0+incompatible"), .fixed("10.11.5+incompatible"),
                            ])
                    ])
            ])
        #expect(advisory == expected)
    }

    @Test func aFullRecordReadsBackWithEveryAffectedEntry() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        let advisory = try #require(try store.advisory(id: "DEBIAN-CVE-2024-2511"))
        #expect(advisory.aliases == ["CVE-2024-2511"])
        #expect(
            advisory.affected == [
                AffectedPackage(
                    ecosystem: "Debian:12", name: "openssl",
                    ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("3.0.14-1~deb12u1")])],
                    databaseSeverity: "low"),
                AffectedPackage(
                    ecosystem: "Debian:11", name: "openssl",
                    ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0")])],
                    databaseSeverity: "not yet assigned"),
            ])
        #expect(try store.advisory(id: "GHSA-none") == nil)
    }

    @Test func versionsListsLimitsAndLastAffectedSurvive() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        let alpine = AdvisoryQuery(ecosystem: "Alpine:v3.19", name: "openssl")
        let npm = AdvisoryQuery(ecosystem: "npm", name: "left_pad")
        let found = try store.advisories(for: [alpine, npm])
        let alpineEntry = try #require(found[alpine]?.first?.affected.first)
        #expect(alpineEntry.versions == ["3.1.4-r0", "3.1.4-r1"])
        #expect(alpineEntry.ranges.first?.events == [.introduced("0"), .fixed("3.1.4-r2"), .limit("3.2.0-r0")])
        let npmAdvisory = try #require(found[npm]?.first)
        #expect(npmAdvisory.affected.first?.ranges.first?.events == [.introduced("0"), .lastAffected("1.3.0")])
        #expect(npmAdvisory.affected.first?.name == "Left_Pad")
    }

    @Test func severitiesComeFromEachPlaceARecordKeepsThem() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        let npm = try #require(try store.advisory(id: "GHSA-aaaa-bbbb-cccc"))
        #expect(
            npm.severities == [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")])
        #expect(npm.affected.first?.databaseSeverity == "HIGH")
        let ubuntu = try #require(try store.advisory(id: "UBUNTU-CVE-2024-3333"))
        #expect(ubuntu.severities == [SeverityScore(type: "Ubuntu", score: "medium")])
    }

    @Test func aliasesIncludeUpstreamIDsOnce() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        #expect(try store.advisory(id: "GHSA-aaaa-bbbb-cccc")?.aliases == ["CVE-2024-1111", "CVE-2024-0001"])
        #expect(try store.advisory(id: "ALPINE-CVE-2023-5678")?.aliases == ["CVE-2023-5678"])
    }

    @Test func pypiAndNPMNamesAreNormalisedForLookup() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try Self.importedDatabase(in: directory)
        let found = try store.advisories(
            forPackages: [(ecosystem: "PyPI", name: "DJANGO"), (ecosystem: "npm", name: "left_pad")])
        #expect(found.map { $0.map(\.id) } == [["PYSEC-2024-68"], ["GHSA-aaaa-bbbb-cccc"]])
        #expect(found.first?.first?.affected.first?.name == "Django")
    }

    @Test func withdrawnRecordsAreDroppedAndCounted() throws {
        let directory = try TemporaryDirectory()
        let records = OSVFixture.liveRecords + [("withdrawn.json", OSVFixture.json(OSVFixture.withdrawnRecord))]
        let (store, summary) = try Self.importedDatabase(in: directory, records: records)
        #expect(summary.withdrawn == 1)
        #expect(summary.imported == 6)
        #expect(try store.advisory(id: "GHSA-wwww-wwww-wwww") == nil)
    }

    @Test func malformedRecordsAreCountedWithTheirFileAndNeverStopTheImport() throws {
        let directory = try TemporaryDirectory()
        var badEvent = OSVFixture.simple(id: "BAD-1", ecosystem: "npm", name: "x")
        badEvent["affected"] = [
            ["package": ["ecosystem": "npm", "name": "x"], "ranges": [["type": "ECOSYSTEM", "events": [[:]]]]]
        ]
        var badType = OSVFixture.simple(id: "BAD-2", ecosystem: "npm", name: "x")
        badType["affected"] = [
            ["package": ["ecosystem": "npm", "name": "x"], "ranges": [["type": "DATE", "events": []]]]
        ]
        let records =
            OSVFixture.liveRecords + [
                ("a-truncated.json", Array(#"{"id": "X-1", "affected": ["#.utf8)),
                ("b-no-id.json", Array(#"{"modified": "2024-01-01T00:00:00Z"}"#.utf8)),
                ("c-aliases-not-a-list.json", Array(#"{"id": "X-3", "aliases": "CVE-1"}"#.utf8)),
                ("d-bad-event.json", OSVFixture.json(badEvent)),
                ("e-bad-range-type.json", OSVFixture.json(badType)),
            ]
        let (_, summary) = try Self.importedDatabase(in: directory, records: records)
        #expect(summary.imported == 6)
        #expect(summary.malformed == 5)
        let root = directory.path + "/records/"
        #expect(
            summary.problems == [
                ImportProblem(location: root + "a-truncated.json", reason: "not valid JSON"),
                ImportProblem(location: root + "b-no-id.json", reason: "missing 'id' in the record"),
                ImportProblem(location: root + "c-aliases-not-a-list.json", reason: "aliases is not an array"),
                ImportProblem(
                    location: root + "d-bad-event.json",
                    reason: "a range event must have exactly one of introduced, fixed, last_affected or limit"),
                ImportProblem(location: root + "e-bad-range-type.json", reason: "unknown range type 'DATE'"),
            ])
    }

    @Test func freeFormObjectsOfAnyShapeDoNotFailARecord() throws {
        let directory = try TemporaryDirectory()
        var record = OSVFixture.simple(id: "ODD-1", ecosystem: "npm", name: "odd")
        record["database_specific"] = ["severity": ["nested": true]]
        record["affected"] = [
            [
                "package": ["ecosystem": "npm", "name": "odd"], "versions": ["1.0.0"],
                "ecosystem_specific": ["severity", "as", "a", "list"], "database_specific": ["severity": 3],
            ]
        ]
        let (store, summary) = try Self.importedDatabase(
            in: directory, records: [("odd.json", OSVFixture.json(record))])
        #expect(summary.malformed == 0)
        #expect(try store.advisory(id: "ODD-1")?.affected.first?.databaseSeverity == nil)
    }

    @Test func recordsWithoutAPackageAreDroppedAndCounted() throws {
        let directory = try TemporaryDirectory()
        let record: [String: Any] = [
            "id": "OSV-2024-1", "modified": "2024-01-01T00:00:00Z",
            "affected": [
                ["ranges": [["type": "GIT", "repo": "https://example.org/r", "events": [["introduced": "0"]]]]]
            ],
        ]
        let (store, summary) = try Self.importedDatabase(
            in: directory, records: [("git.json", OSVFixture.json(record))])
        #expect(summary.withoutPackages == 1)
        #expect(try store.advisory(id: "OSV-2024-1") == nil)
    }

    @Test func theNewestCopyOfARecordWins() throws {
        let directory = try TemporaryDirectory()
        let old = OSVFixture.record(OSVFixture.pypiRecord, modified: "2024-08-07T17:22:10Z", summary: "old")
        let new = OSVFixture.record(OSVFixture.pypiRecord, modified: "2024-08-07T17:22:10.5Z", summary: "new")
        let (store, summary) = try Self.importedDatabase(
            in: directory, records: [("a.json", OSVFixture.json(new)), ("b.json", OSVFixture.json(old))])
        #expect(summary.duplicates == 1)
        #expect(try store.advisory(id: "PYSEC-2024-68")?.summary == "new")
        #expect(try store.status().advisoryCount == 1)
    }

    @Test func detailsAreTruncatedOrDroppedAsAsked() throws {
        let directory = try TemporaryDirectory()
        let long = OSVFixture.simple(id: "LONG-1", ecosystem: "npm", name: "long")
            .merging(["details": String(repeating: "word ", count: 400)]) { $1 }
        let (store, _) = try Self.importedDatabase(
            in: directory, records: [("long.json", OSVFixture.json(long))],
            options: ImportOptions(maximumDetailsLength: 100))
        let details = try #require(try store.advisory(id: "LONG-1")?.details)
        #expect(details.count == 100)
        #expect(details.hasSuffix("…"))

        let other = try TemporaryDirectory()
        let (dropped, _) = try Self.importedDatabase(
            in: other, records: [("long.json", OSVFixture.json(long))], options: ImportOptions(maximumDetailsLength: 0))
        #expect(try dropped.advisory(id: "LONG-1")?.details == nil)
    }

    @Test func importsZipArchivesEntryByEntry() throws {
        let directory = try TemporaryDirectory()
        let entries = OSVFixture.liveRecords.enumerated().map { index, record in
            ZipFixture.Entry(record.0, record.1, isDeflated: index % 2 == 0)
        }
        var link = ZipFixture.Entry("link.json", Array("GO-2025-4178.json".utf8), isDeflated: false)
        link.isSymbolicLink = true
        let others = [ZipFixture.Entry("README", [1]), ZipFixture.Entry("nested/", []), link]
        let zip = try directory.write("all.zip", ZipFixture(entries: entries + others).bytes)
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let summary = try OSVImporter(location: location).importRecords(from: [zip])
        #expect(summary.imported == 6)
        #expect(
            summary.problems == [ImportProblem(location: zip + ":link.json", reason: "a symbolic link, not a record")])
        let status = try DatabaseStatus.read(at: location)
        #expect(status.sources.map(\.location) == [zip])
        #expect(status.sources.map(\.recordCount) == [6])
    }

    @Test func reimportingAPathReplacesItsRecordsAndKeepsOthers() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write(
            "first/a.json", OSVFixture.json(OSVFixture.simple(id: "A-1", ecosystem: "npm", name: "a")))
        try directory.write("first/b.json", OSVFixture.json(OSVFixture.simple(id: "B-1", ecosystem: "npm", name: "b")))
        let second = try directory.write(
            "second.json", OSVFixture.json(OSVFixture.simple(id: "C-1", ecosystem: "Go", name: "c")))
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let importer = OSVImporter(location: location)
        _ = try importer.importRecords(from: [directory.path + "/first", second])
        try FileManager.default.removeItem(atPath: directory.path + "/first/b.json")
        _ = try importer.importRecords(from: [directory.path + "/first"])
        let store = try SQLiteAdvisoryStore(location: location)
        #expect(try store.advisory(id: "A-1") != nil)
        #expect(try store.advisory(id: "B-1") == nil)
        #expect(try store.advisory(id: "C-1") != nil)
        #expect(try store.status().sources.map(\.recordCount) == [1, 1])
        _ = first

        let summary = try importer.importRecords(from: [second], replacingExisting: true)
        #expect(summary.advisoryCount == 1)
        #expect(try SQLiteAdvisoryStore(location: location).advisory(id: "A-1") == nil)
    }

    @Test func aMissingInputIsAnErrorBeforeAnythingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        #expect(throws: AdvisoryDatabaseError.inputNotFound(path: directory.path + "/nothing")) {
            try OSVImporter(location: location).importRecords(from: [directory.path + "/nothing"])
        }
        #expect(!location.exists)
    }
}
