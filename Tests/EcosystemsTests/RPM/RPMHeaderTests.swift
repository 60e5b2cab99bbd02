import Testing

@testable import Ecosystems

/// A corrupt header blob and the error it must raise.
struct HostileRPMHeader: Sendable, CustomTestStringConvertible {
    let label: String
    let blob: [UInt8]
    let error: RPMDatabaseError

    var testDescription: String { label }

    /// NAME, VERSION, RELEASE, ARCH and EPOCH, in that index order.
    static let base: [UInt8] = {
        var header = RPMTestHeader.package()
        header.add(int32: [1], for: .epoch)
        return header.blob
    }()

    static var dataLength: Int { Int(base[4]) << 24 | Int(base[5]) << 16 | Int(base[6]) << 8 | Int(base[7]) }

    /// The base blob with one index field (0 tag, 4 type, 8 offset, 12 count) of entry `entry` replaced.
    static func base(entry: Int, field: Int, value: UInt32) -> [UInt8] {
        var blob = base
        blob.rpmTestSetBigEndian(value, at: 8 + entry * 16 + field)
        return blob
    }

    static let all: [HostileRPMHeader] = {
        var unterminated = RPMTestHeader.package()
        unterminated.entries.append(.init(tag: RPMTag.vendor.rawValue, type: 6, count: 1, data: Array("Acme".utf8)))
        var nameless = RPMTestHeader()
        nameless.add(string: "1.0", for: .version)
        nameless.add(string: "1", for: .release)
        var numericName = RPMTestHeader()
        numericName.add(int32: [7], for: .name)
        var strayDirectory = RPMTestHeader.package()
        strayDirectory.add(strings: ["/usr/bin/"], for: .directoryNames)
        strayDirectory.add(strings: ["openssl"], for: .baseNames)
        strayDirectory.add(int32: [5], for: .directoryIndexes)
        var unindexed = RPMTestHeader.package()
        unindexed.add(strings: ["openssl"], for: .baseNames)
        let good = base
        return [
            .init(label: "empty blob", blob: [], error: .headerTooShort(byteCount: 0)),
            .init(label: "half a preamble", blob: [0, 0, 0], error: .headerTooShort(byteCount: 3)),
            .init(
                label: "truncated data store", blob: Array(good.dropLast(5)),
                error: .headerTruncated(expectedByteCount: good.count, actualByteCount: good.count - 5)),
            .init(
                label: "truncated index", blob: Array(good.prefix(24)),
                error: .headerTruncated(expectedByteCount: good.count, actualByteCount: 24)),
            .init(
                label: "entry past the data store", blob: base(entry: 0, field: 8, value: UInt32(dataLength + 1)),
                error: .entryOutOfBounds(tag: 1000, offset: Int64(dataLength + 1), dataLength: dataLength)),
            .init(
                label: "negative entry offset", blob: base(entry: 1, field: 8, value: 0xFFFF_FFF0),
                error: .entryOutOfBounds(tag: 1001, offset: -16, dataLength: dataLength)),
            .init(
                label: "integer count of 2^31", blob: base(entry: 4, field: 12, value: 0x8000_0000),
                error: .entryCountOutOfRange(tag: 1003, count: 0x8000_0000)),
            .init(
                label: "string count of 2^31", blob: base(entry: 0, field: 12, value: 0x8000_0000),
                error: .entryCountOutOfRange(tag: 1000, count: 0x8000_0000)),
            .init(
                label: "integer count one past the end", blob: base(entry: 4, field: 12, value: 2),
                error: .entryCountOutOfRange(tag: 1003, count: 2)),
            .init(
                label: "unknown entry type", blob: base(entry: 0, field: 4, value: 42),
                error: .unknownEntryType(tag: 1000, type: 42)),
            .init(
                label: "65536 entries",
                blob: {
                    var blob = good; blob.rpmTestSetBigEndian(0x1_0000, at: 0); return blob
                }(),
                error: .headerTooLarge(entryCount: 0x1_0000, dataLength: UInt32(dataLength))),
            .init(
                label: "256 MiB of data",
                blob: {
                    var blob = good; blob.rpmTestSetBigEndian(0x1000_0000, at: 4); return blob
                }(),
                error: .headerTooLarge(entryCount: 5, dataLength: 0x1000_0000)),
            .init(label: "unterminated string", blob: unterminated.blob, error: .unterminatedString(tag: 1011)),
            .init(label: "no NAME", blob: nameless.blob, error: .missingTag(tag: 1000)),
            .init(
                label: "NAME stored as an integer", blob: numericName.blob,
                error: .unexpectedEntryType(tag: 1000, type: 4)),
            .init(
                label: "directory index out of range", blob: strayDirectory.blob,
                error: .directoryIndexOutOfRange(index: 5, directoryCount: 1)),
            .init(
                label: "base names without directory indexes", blob: unindexed.blob,
                error: .fileListMismatch(baseNames: 1, directoryIndexes: 0)),
        ]
    }()
}

struct RPMHeaderTests {
    @Test func readsEveryTypedTag() throws {
        var builder = RPMTestHeader.package()
        builder.add(int32: [1], for: .epoch)
        builder.add(string: "openssl-3.0.7-24.el9.src.rpm", for: .sourceRPM)
        builder.add(string: "Apache-2.0", for: .license)
        builder.add(string: "nodejs:18:8070020230111101508:ad008a3a", for: .modularityLabel)
        builder.add(int32: [1234], for: .size)
        builder.add(int64: [5_000_000_000], for: .longSize)
        builder.add(string: "Red Hat, Inc.", for: .vendor, type: .i18nString)
        builder.add(strings: ["/usr/bin/", "/etc/pki/tls/"], for: .directoryNames)
        builder.add(strings: ["openssl", "openssl.cnf", "certs"], for: .baseNames)
        builder.add(int32: [0, 1, 1], for: .directoryIndexes)
        let header = try RPMHeader(blob: builder.blob)
        #expect(header.name == "openssl")
        #expect(header.epoch == 1)
        #expect(header.version == "3.0.7")
        #expect(header.release == "24.el9")
        #expect(header.architecture == "x86_64")
        #expect(header.sourceRPM == "openssl-3.0.7-24.el9.src.rpm")
        #expect(header.license == "Apache-2.0")
        #expect(header.modularityLabel == "nodejs:18:8070020230111101508:ad008a3a")
        #expect(header.size == 5_000_000_000)
        #expect(header.vendor == "Red Hat, Inc.")
        #expect(header.files == ["/usr/bin/openssl", "/etc/pki/tls/openssl.cnf", "/etc/pki/tls/certs"])
        #expect(!header.isPublicKey)
    }

    @Test func leavesAbsentTagsEmpty() throws {
        let header = try RPMHeader(blob: RPMTestHeader.package(architecture: nil).blob)
        #expect(header.epoch == nil)
        #expect(header.architecture == nil)
        #expect(header.sourceRPM == nil)
        #expect(header.size == nil)
        #expect(header.files.isEmpty)
    }

    @Test func readsTheFileListOfHeadersOlderThanRPM4() throws {
        var builder = RPMTestHeader.package()
        builder.add(strings: ["/bin/sh", "/etc/passwd"], for: .oldFileNames)
        #expect(try RPMHeader(blob: builder.blob).files == ["/bin/sh", "/etc/passwd"])
    }

    @Test func takesTheFirstOfTwoEntriesForOneTag() throws {
        var builder = RPMTestHeader.package(name: "first")
        builder.add(string: "second", for: .name)
        #expect(try RPMHeader(blob: builder.blob).name == "first")
    }

    @Test func recognizesPublicKeyPseudoPackages() throws {
        let blob = RPMTestHeader.package(
            name: "gpg-pubkey", version: "fd431d51", release: "4ae0493b", architecture: nil
        ).blob
        #expect(try RPMHeader(blob: blob).isPublicKey)
    }

    @Test("Rejects hostile headers with the exact error", arguments: HostileRPMHeader.all)
    func rejects(_ hostile: HostileRPMHeader) {
        #expect(throws: hostile.error) { try RPMHeader(blob: hostile.blob) }
        #expect(!hostile.error.description.isEmpty)
    }

    @Test func rejectsEveryTruncationOfARealHeader() throws {
        let contents = try RPMFixtureDatabase.ndb.contents()
        let blobs = try RPMDatabase.contents(of: contents).1.blobs
        let blob = try #require(blobs.first).bytes
        for length in 0..<blob.count {
            #expect(throws: RPMDatabaseError.self) { try RPMHeader(blob: Array(blob.prefix(length))) }
        }
        #expect(try RPMHeader(blob: blob).name.hasPrefix("plimsoll-"))
    }

    @Test func neverCrashesOnCorruptedRealHeaders() throws {
        let contents = try RPMFixtureDatabase.sqlite.contents()
        let blobs = try RPMDatabase.contents(of: contents).1.blobs.map(\.bytes)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var parsed = 0
        for round in 0..<3_000 {
            var blob = blobs[round % blobs.count]
            for _ in 0..<(1 + next() % 4) {
                blob[next() % blob.count] = UInt8(truncatingIfNeeded: next())
            }
            if (try? RPMHeader(blob: blob)) != nil { parsed += 1 }
        }
        // Most single-byte changes land in string data and still parse; none may crash.
        #expect(parsed > 0)
    }
}
