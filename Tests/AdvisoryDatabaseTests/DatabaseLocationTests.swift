import Foundation
import ScannerTesting
import Testing

@testable import AdvisoryDatabase

struct DatabaseLocationTests {
    @Test(
        "The default path follows XDG_CACHE_HOME, else HOME",
        arguments: [
            (["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"], "/x/cache/plimsoll/advisories.db"),
            (["HOME": "/home/u"], "/home/u/.cache/plimsoll/advisories.db"),
            (["XDG_CACHE_HOME": "relative/cache", "HOME": "/home/u"], "/home/u/.cache/plimsoll/advisories.db"),
            (["XDG_CACHE_HOME": "", "HOME": "/home/u"], "/home/u/.cache/plimsoll/advisories.db"),
        ])
    func defaultPath(environment: [String: String], expected: String) {
        #expect(DatabaseLocation.default(environment: environment).path == expected)
    }

    @Test func anExplicitPathWins() {
        #expect(DatabaseLocation.resolve("/tmp/a.db", environment: ["HOME": "/home/u"]).path == "/tmp/a.db")
        #expect(
            DatabaseLocation.resolve(nil, environment: ["HOME": "/home/u"]).path
                == "/home/u/.cache/plimsoll/advisories.db")
    }
}

struct DatabaseStatusTests {
    static func status(lastUpdate: String?) -> DatabaseStatus {
        DatabaseStatus(
            path: "/tmp/a.db", fileSize: 1, schemaVersion: 1, importerVersion: 1, lastUpdate: lastUpdate, sources: [],
            recordCounts: ["PyPI": 2], advisoryCount: 2)
    }

    @Test func ageAndStalenessCountFromTheLastUpdate() throws {
        let status = Self.status(lastUpdate: "2026-01-01T00:00:00Z")
        let now = try #require(RFC3339.date(from: "2026-01-03T00:00:00Z"))
        #expect(abs(try #require(status.age(at: now)) - 2 * 24 * 3600) < 0.001)
        #expect(!status.isStale(at: now))
        #expect(status.isStale(at: now.addingTimeInterval(6 * 24 * 3600)))
        #expect(status.isStale(at: now, maximumAge: 3600))
    }

    @Test func aDatabaseOfUnknownAgeIsStale() {
        #expect(Self.status(lastUpdate: nil).isStale())
        #expect(Self.status(lastUpdate: "yesterday").isStale())
    }

    @Test func theReportCarriesPathTimeAndCounts() {
        let info = Self.status(lastUpdate: "2026-01-01T00:00:00Z").reportInfo
        #expect(info.path == "/tmp/a.db")
        #expect(info.updatedAt == "2026-01-01T00:00:00Z")
        #expect(info.recordCounts == ["PyPI": 2])
    }

    @Test func anImportRecordsItsTimeSourcesAndCounts() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let status = try store.status()
        #expect(status.schemaVersion == AdvisoryDatabaseSchema.version)
        #expect(status.importerVersion == AdvisoryDatabaseSchema.importerVersion)
        #expect(try #require(status.age()) < 600)
        #expect(status.sources.map(\.kind) == [.files])
        #expect(status.sources.map(\.location) == [directory.path + "/records"])
        #expect(status.sources.map(\.recordCount) == [6])
        #expect(status.fileSize > 0)
    }

    @Test(
        arguments: [
            ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000000"),
            ("2024-01-01T00:00:00.682679Z", "2024-01-01T00:00:00.682679000"),
            ("2024-01-01T02:00:00+02:00", "2024-01-01T00:00:00.000000000"),
        ])
    func modifiedTimesSortByInstant(text: String, key: String) {
        #expect(RFC3339.sortKey(text) == key)
    }
}

struct CompactEncodingTests {
    @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 40])
    func countsRoundTrip(count: Int) throws {
        var writer = CompactWriter()
        writer.write(count: count)
        writer.write(optional: nil)
        writer.write(optional: "é")
        let bytes = writer.bytes
        let read = try bytes.withUnsafeBytes { buffer in
            var reader = CompactReader(buffer)
            return (try reader.readCount(limit: .max), try reader.readOptionalString(), try reader.readOptionalString())
        }
        #expect(read.0 == count)
        #expect(read.1 == nil)
        #expect(read.2 == "é")
    }

    @Test func aLengthPastTheEndThrows() {
        let bytes: [UInt8] = [5, 65, 65]
        #expect(throws: CompactReader.Truncated.self) {
            try bytes.withUnsafeBytes { buffer in
                var reader = CompactReader(buffer)
                return try reader.readString()
            }
        }
    }
}
