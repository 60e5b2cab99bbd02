import ScanModel
import ScannerTesting
import Testing

@testable import ContainerImage

struct TarReaderTests {
    private func entries(_ bytes: [UInt8]) throws -> [TarEntry] {
        let reader = TarReader(source: MemorySource(bytes), name: "test layer")
        var entries: [TarEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    @Test func readsNamesSizesAndKinds() throws {
        var tar = TarBuilder()
        tar.add("etc/", .directory, mode: 0o755)
        tar.file("etc/hostname", "box\n")
        tar.add("etc/localtime", .symbolicLink("/usr/share/zoneinfo/UTC"))
        tar.add("bin/sh", .hardLink("bin/bash"), mode: 0o4755)
        let found = try entries(tar.archive)
        #expect(found.map(\.name) == ["etc/", "etc/hostname", "etc/localtime", "bin/sh"])
        #expect(found[1].size == 4)
        #expect(found[2].linkName == "/usr/share/zoneinfo/UTC")
        #expect(found[3].mode == 0o4755)
    }

    @Test("Long names come from PAX or GNU headers", arguments: [true, false])
    func longNames(usePAX: Bool) throws {
        let long = String(repeating: "d/", count: 80) + "file.txt"
        var tar = TarBuilder()
        tar.add(long, .file(Array("x".utf8)), usePAX: usePAX)
        tar.file("after", "y")
        #expect(try entries(tar.archive).map(\.name) == [long, "after"])
    }

    @Test func oneBufferServesEveryEntryWhateverItsSize() throws {
        var tar = TarBuilder()
        tar.file("large", String(repeating: "L", count: 100_000))
        tar.file("small", "tiny")
        tar.file("empty", "")
        let reader = TarReader(source: MemorySource(tar.archive), name: "test layer")
        var buffer: [UInt8] = []
        var seen: [String] = []
        while try reader.next() != nil {
            try reader.readContents(limit: 1 << 20, into: &buffer)
            seen.append(String(decoding: buffer.prefix(4), as: UTF8.self) + "/\(buffer.count)")
        }
        #expect(seen == ["LLLL/100000", "tiny/4", "/0"])
        #expect(buffer.capacity >= 100_000)
    }

    @Test func contentsAreReadWithinTheLimit() throws {
        var tar = TarBuilder()
        tar.file("a", String(repeating: "a", count: 1000))
        tar.file("b", "bee")
        let reader = TarReader(source: MemorySource(tar.archive), name: "test layer")
        _ = try reader.next()
        #expect(try reader.readContents(limit: 10) == Array(repeating: UInt8(ascii: "a"), count: 10))
        #expect(try reader.next()?.name == "b")
        #expect(try reader.readContents(limit: 100) == Array("bee".utf8))
        #expect(try reader.next() == nil)
    }

    @Test func aBase256SizeIsRead() throws {
        var tar = TarBuilder()
        tar.headerOnly("big", size: 600, base256: true)
        tar.appendRaw([UInt8](repeating: 7, count: 1024))
        tar.file("next", "n")
        #expect(try entries(tar.archive).map(\.size) == [600, 1])
    }

    @Test func aCorruptChecksumNamesTheOffset() throws {
        var tar = TarBuilder()
        tar.file("ok", "fine")
        var bytes = tar.archive
        bytes[1024 + 148] = UInt8(ascii: "7")  // second header's checksum
        tar = TarBuilder()
        tar.file("ok", "fine")
        tar.file("broken", "x")
        bytes = tar.archive
        bytes[512 * 2 + 10] ^= 0xFF  // flips a name byte of the second header: checksum no longer matches
        #expect(throws: ImageReadError.corruptTarHeader(layer: "test layer", offset: 1024, reason: "badChecksum")) {
            try entries(bytes)
        }
    }

    @Test func aTruncatedEntryIsAnError() throws {
        var tar = TarBuilder()
        tar.file("a", String(repeating: "a", count: 2000))
        let cut = Array(tar.bytes.prefix(1000))
        #expect(throws: ImageReadError.truncatedTar(layer: "test layer", offset: 1000)) { try entries(cut) }
    }

    @Test func aPAXSizeOfATerabyteEndsInATruncationErrorNotAHang() throws {
        var tar = TarBuilder()
        tar.paxHeader([("size", "1099511627776")])
        tar.file("huge", "tiny")
        #expect(throws: ImageReadError.self) { try entries(tar.archive) }
    }

    @Test func plainEndOfFileWithoutZeroBlocksIsAccepted() throws {
        var tar = TarBuilder()
        tar.file("a", "x")
        #expect(try entries(tar.bytes).map(\.name) == ["a"])
    }

    @Test func garbageIsACorruptHeader() {
        let garbage = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(throws: ImageReadError.self) { try entries(garbage) }
    }

    @Test func anOversizedExtensionHeaderIsRefused() throws {
        var tar = TarBuilder()
        tar.headerOnly("x", size: 4)
        var bytes = tar.bytes
        bytes[156] = UInt8(ascii: "x")
        // Size 2 MiB in octal, with the checksum recomputed.
        let size = Array(String(2 << 20, radix: 8).utf8)
        for index in 124..<136 { bytes[index] = 0 }
        for (offset, byte) in size.enumerated() { bytes[124 + offset] = byte }
        for index in 148..<156 { bytes[index] = UInt8(ascii: " ") }
        let sum = Array(String(bytes.prefix(512).reduce(0) { $0 + Int($1) }, radix: 8).utf8)
        for (offset, byte) in sum.enumerated() { bytes[148 + offset] = byte }
        bytes[148 + sum.count] = 0
        #expect(
            throws: ImageReadError.limitExceeded(
                layer: "test layer", limit: "an extension header of 2097152 bytes at byte 0")
        ) {
            try entries(bytes + [UInt8](repeating: 0, count: 1024))
        }
    }
}
