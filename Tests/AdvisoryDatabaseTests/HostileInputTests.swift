import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import AdvisoryDatabase

/// Inputs built to hurt: truncated and hostile archives, oversized and deeply nested records, failures halfway.
struct HostileInputTests {
    static func entries() -> [ZipFixture.Entry] {
        OSVFixture.liveRecords.map { ZipFixture.Entry($0.0, $0.1) }
    }

    @Test func aTruncatedArchiveIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let whole = ZipFixture(entries: Self.entries()).bytes
        let path = try directory.write("all.zip", Array(whole.prefix(whole.count - 30)))
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let expected = AdvisoryDatabaseError.unreadableArchive(path: path, reason: "no end of central directory record")
        #expect(throws: expected) { try OSVImporter(location: location).importRecords(from: [path]) }
        #expect(!location.exists)
        #expect(expected.description.contains("truncated"))
    }

    @Test func anArchiveCutInsideItsCentralDirectoryIsAClearError() throws {
        let directory = try TemporaryDirectory()
        var bytes = ZipFixture(entries: Self.entries()).bytes
        let record = bytes.count - 22
        // Point the central directory past the end of the file, as if the file had been cut and padded.
        bytes[record + 16] = 0xFF
        bytes[record + 17] = 0xFF
        let path = try directory.write("all.zip", bytes)
        #expect(
            throws: AdvisoryDatabaseError.unreadableArchive(
                path: path, reason: "the central directory is damaged: 0 of 6 entries read")
        ) {
            try OSVImporter(location: DatabaseLocation(path: directory.path + "/a.db")).importRecords(from: [path])
        }
    }

    @Test func aFileThatIsNotAZipButNamedSoIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("all.zip", Array("<html>404</html>".utf8))
        #expect(
            throws: AdvisoryDatabaseError.unreadableArchive(path: path, reason: "no end of central directory record")
        ) {
            try OSVImporter(location: DatabaseLocation(path: directory.path + "/a.db")).importRecords(from: [path])
        }
    }

    @Test(
        "Archives naming entries outside themselves are refused",
        arguments: ["../evil.json", "/etc/evil.json", "a/../../evil.json", "C:/evil.json", "a\\..\\evil.json"])
    func entriesOutsideTheArchiveAreRefused(name: String) throws {
        let directory = try TemporaryDirectory()
        let bytes = ZipFixture(entries: Self.entries() + [ZipFixture.Entry(name, OSVFixture.json(OSVFixture.goRecord))])
            .bytes
        let path = try directory.write("all.zip", bytes)
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        #expect(throws: AdvisoryDatabaseError.unsafeArchiveEntry(archive: path, entry: name)) {
            try OSVImporter(location: location).importRecords(from: [path])
        }
        #expect(!location.exists)
    }

    @Test func anOversizedRecordIsRefusedAndCounted() throws {
        let directory = try TemporaryDirectory()
        var big = OSVFixture.simple(id: "BIG-1", ecosystem: "npm", name: "big")
        big["details"] = String(repeating: "x", count: 5_000)
        let bigBytes = OSVFixture.json(big)
        try directory.write("records/big.json", bigBytes)
        try directory.write("records/ok.json", OSVFixture.json(OSVFixture.goRecord))
        let options = ImportOptions(maximumRecordSize: 4_096)
        let location = DatabaseLocation(path: directory.path + "/advisories.db")
        let summary = try OSVImporter(location: location, options: options).importRecords(from: [
            directory.path + "/records"
        ])
        #expect(summary.imported == 1)
        #expect(
            summary.problems == [
                ImportProblem(
                    location: directory.path + "/records/big.json",
                    reason: "the record is \(bigBytes.count) bytes or more, over the limit of 4096 bytes")
            ])
    }

    @Test func anArchiveEntryThatLiesAboutItsSizeIsStoppedAtTheLimit() throws {
        let directory = try TemporaryDirectory()
        // A small declared size, but 64 KiB of zeros inflate from the data: a zip bomb in miniature.
        let bomb = ZipFixture.Entry("bomb.json", [UInt8](repeating: 0x20, count: 65_536), declaredSize: 100)
        let honestButLarge = ZipFixture.Entry("large.json", [UInt8](repeating: 0x20, count: 10_000))
        let path = try directory.write("all.zip", ZipFixture(entries: Self.entries() + [bomb, honestButLarge]).bytes)
        let summary = try OSVImporter(
            location: DatabaseLocation(path: directory.path + "/a.db"), options: ImportOptions(maximumRecordSize: 8_192)
        ).importRecords(from: [path])
        #expect(summary.imported == 6)
        #expect(
            summary.problems == [
                ImportProblem(
                    location: path + ":bomb.json",
                    reason: "cannot be extracted: it inflates past the 100 bytes recorded"),
                ImportProblem(
                    location: path + ":large.json",
                    reason: "the record is 10000 bytes or more, over the limit of 8192 bytes"),
            ])
    }

    @Test func aDamagedEntryIsCountedAndTheRestImported() throws {
        let directory = try TemporaryDirectory()
        var bytes = ZipFixture(
            entries: [ZipFixture.Entry("a.json", OSVFixture.json(OSVFixture.goRecord), isDeflated: false)]
                + Self.entries().dropFirst()
        ).bytes
        // Flip a byte of the first entry's stored data: its CRC-32 no longer matches.
        bytes[30 + "a.json".utf8.count + 5] ^= 0xFF
        let path = try directory.write("all.zip", bytes)
        let summary = try OSVImporter(location: DatabaseLocation(path: directory.path + "/a.db")).importRecords(from: [
            path
        ])
        #expect(summary.imported == 5)
        #expect(
            summary.problems == [
                ImportProblem(location: path + ":a.json", reason: "cannot be extracted: CRC-32 mismatch")
            ])
    }

    @Test func deeplyNestedJSONIsRefusedBeforeDecoding() throws {
        let directory = try TemporaryDirectory()
        let depth = 100_000
        let nested =
            Array(#"{"id": "DEEP-1", "x": "#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: depth)
            + [UInt8](repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: "}")]
        try directory.write("records/deep.json", nested)
        // Brackets inside strings do not count.
        var quoted = OSVFixture.simple(id: "QUOTED-1", ecosystem: "npm", name: "q")
        quoted["details"] = String(repeating: "[{", count: 500) + "\\\"["
        try directory.write("records/quoted.json", OSVFixture.json(quoted))
        let summary = try OSVImporter(location: DatabaseLocation(path: directory.path + "/a.db"))
            .importRecords(from: [directory.path + "/records"])
        #expect(summary.imported == 1)
        #expect(
            summary.problems == [
                ImportProblem(
                    location: directory.path + "/records/deep.json", reason: "JSON nested deeper than 64 levels")
            ])
    }

    @Test(arguments: [
        (#"{"a": [[[1]]]}"#, 4, false), (#"{"a": [[[1]]]}"#, 3, true), (#"{"a": "[[[[[["}"#, 1, false),
        (#"{"a": "\"[[["}"#, 1, false),
    ])
    func nestingDepth(json: String, limit: Int, exceeds: Bool) {
        #expect(Array(json.utf8).withUnsafeBytes { JSONNestingScanner.exceedsDepth($0, limit: limit) } == exceeds)
    }

    @Test func aFailedImportLeavesThePreviousDatabaseByteForByte() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        for index in 0..<50 {
            try directory.write(
                "more/r\(index).json",
                OSVFixture.json(OSVFixture.simple(id: "MORE-\(index)", ecosystem: "npm", name: "m\(index)")))
        }
        // The folder's records are stored first; then the archive turns out to be hostile, halfway through the build.
        let hostile = try directory.write(
            "hostile.zip", ZipFixture(entries: Self.entries() + [ZipFixture.Entry("../x.json", [1])]).bytes)
        #expect(throws: AdvisoryDatabaseError.unsafeArchiveEntry(archive: hostile, entry: "../x.json")) {
            try OSVImporter(location: DatabaseLocation(path: store.path))
                .importRecords(from: [directory.path + "/more", hostile])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        #expect(try Self.temporaryFiles(in: directory).isEmpty)
        #expect(try SQLiteAdvisoryStore(path: store.path).advisory(id: "MORE-1") == nil)
    }

    @Test func aBuildThatThrowsAfterStoringRecordsLeavesNoTrace() throws {
        struct Interrupted: Error {}
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let builder = DatabaseBuilder(location: DatabaseLocation(path: store.path), keepsPrevious: true)
        #expect(throws: Interrupted.self) {
            _ = try builder.build { database in
                let source = database.beginSource(
                    kind: .files, ecosystem: nil, location: "/x", newestModified: nil, replacingItsRecords: true)
                for index in 0..<1_000 {
                    let advisory = Advisory(
                        id: "X-\(index)", affected: [AffectedPackage(ecosystem: "npm", name: "x", versions: ["1"])])
                    _ = try database.store(advisory, source: source)
                }
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        #expect(try Self.temporaryFiles(in: directory).isEmpty)
    }

    @Test func filesLeftByAKilledImportAreRemovedByTheNext() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try OSVImporterTests.importedDatabase(in: directory)
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        try directory.write(".advisories.db.tmp-\(dead)-0000abcd", [1, 2, 3])
        try directory.write(".advisories.db.download-\(dead)-0000abcd/PyPI/all.zip", [1, 2, 3])
        let live = try directory.write(".advisories.db.tmp-\(getpid())-0000abcd", [1])
        _ = try OSVImporter(location: DatabaseLocation(path: store.path)).importRecords(from: [
            directory.path + "/records"
        ])
        #expect(try Self.temporaryFiles(in: directory) == [URL(fileURLWithPath: live).lastPathComponent])
    }

    static func temporaryFiles(in directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".advisories.db.") }
            .sorted()
    }
}
