import ScannerTesting
import Testing

@testable import BinaryFormats

struct ELFFileTests {
    /// Overwrites `size` bytes at `offset` with `value` in the file's byte order.
    static func patch(_ bytes: inout [UInt8], at offset: Int, value: UInt64, size: Int, isBigEndian: Bool = false) {
        var writer = ByteWriter(isBigEndian: isBigEndian)
        writer.integer(value, size: size)
        bytes.replaceSubrange(offset..<(offset + size), with: writer.bytes)
    }

    static let littleEndian64 = GoBinaryFixture.inlineBinary()
    static let bigEndian32 = GoBinaryFixture.inlineBinary(goVersion: "go1.20.14", is64Bit: false, isBigEndian: true)

    @Test func readsTheHeaderOfA64BitLittleEndianExecutable() throws {
        let elf = try ELFFile(Self.littleEndian64)
        #expect(elf.header.is64Bit)
        #expect(!elf.header.isBigEndian)
        #expect(elf.header.fileType == .executable)
        #expect(elf.header.machine == .amd64)
        #expect(elf.header.entry == 0x40_1000)
        #expect(elf.header.programHeaderCount == 2)
        #expect(elf.header.sectionHeaderCount == 4)
        #expect(elf.header.sectionNameTableIndex == 3)
    }

    @Test func namesEverySection() throws {
        let elf = try ELFFile(Self.littleEndian64)
        #expect(elf.sections.map(\.name) == ["", ".text", ".go.buildinfo", ".shstrtab"])
        let text = try #require(elf.section(named: ".text"))
        #expect(text.type == .programBits)
        #expect(text.flags == [.allocate, .executable])
        #expect(text.address == 0x40_1000)
        #expect(try elf.contents(of: text) == [0xC3, 0x90, 0x90, 0x90])
        #expect(elf.section(named: ".data") == nil)
    }

    @Test func readsProgramHeaders() throws {
        let elf = try ELFFile(Self.littleEndian64)
        #expect(elf.programHeaders.map(\.type) == [.load, .load])
        #expect(elf.programHeaders.map(\.flags) == [[.read, .execute], [.read, .write]])
        let data = elf.programHeaders[1]
        #expect(data.virtualAddress == 0x50_0000)
        #expect(try elf.contents(of: data).starts(with: GoBuildInfo.magic))
    }

    @Test func readsA32BitBigEndianFile() throws {
        let elf = try ELFFile(Self.bigEndian32)
        #expect(!elf.header.is64Bit)
        #expect(elf.header.isBigEndian)
        #expect(elf.header.machine == .mips)
        #expect(elf.sections.map(\.name) == ["", ".text", ".go.buildinfo", ".shstrtab"])
        #expect(elf.programHeaders.map(\.virtualAddress) == [0x40_1000, 0x50_0000])
        let buildInfo = try #require(elf.section(named: ".go.buildinfo"))
        #expect(buildInfo.flags == [.write, .allocate])
        #expect(try elf.contents(of: buildInfo).starts(with: GoBuildInfo.magic))
    }

    @Test func translatesVirtualAddressesThroughLoadableSegments() throws {
        let elf = try ELFFile(Self.littleEndian64)
        #expect(try elf.data(atAddress: 0x50_0001, count: 3) == [0x20, 0x47, 0x6F])  // " Go"
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x60_0000, count: 1)) {
            try elf.data(atAddress: 0x60_0000, count: 1)
        }
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x40_1002, count: 8)) {
            try elf.data(atAddress: 0x40_1002, count: 8)  // runs past the end of the segment
        }
    }

    @Test func rejectsBytesWithoutTheMagic() {
        #expect(throws: BinaryFormatError.notELF) { try ELFFile([]) }
        #expect(throws: BinaryFormatError.notELF) { try ELFFile(Array("#!/bin/sh\necho hi\n".utf8)) }
        #expect(!ELFFile.hasMagic([0x7F, 0x45]))
        #expect(ELFFile.hasMagic(Self.littleEndian64))
    }

    @Test("Reports a header cut short", arguments: [6, 20, 52, 63])
    func truncatedHeader(length: Int) {
        #expect(throws: BinaryFormatError.truncatedHeader(size: length, needed: 64)) {
            try ELFFile(Array(Self.littleEndian64.prefix(length)))
        }
    }

    @Test func rejectsAnUnknownClassOrByteOrder() {
        var bytes = Self.littleEndian64
        bytes[4] = 3
        #expect(throws: BinaryFormatError.unsupportedELFClass(3)) { try ELFFile(bytes) }
        bytes = Self.littleEndian64
        bytes[5] = 0
        #expect(throws: BinaryFormatError.unsupportedELFByteOrder(0)) { try ELFFile(bytes) }
    }

    @Test func reportsASectionTableCutOffByTruncation() throws {
        let elf = try ELFFile(Self.littleEndian64)
        let truncated = Array(Self.littleEndian64.dropLast(10))
        #expect(
            throws: BinaryFormatError.tableOutOfBounds(
                .sectionHeaders, offset: elf.header.sectionHeaderOffset, count: 4, entrySize: 64,
                fileSize: truncated.count)
        ) { try ELFFile(truncated) }
    }

    @Test func reportsASectionTableOutsideTheFile() {
        var bytes = Self.littleEndian64
        Self.patch(&bytes, at: 40, value: 1 << 40, size: 8)  // e_shoff
        #expect(
            throws: BinaryFormatError.tableOutOfBounds(
                .sectionHeaders, offset: 1 << 40, count: 4, entrySize: 64, fileSize: bytes.count)
        ) { try ELFFile(bytes) }
        Self.patch(&bytes, at: 40, value: UInt64.max - 100, size: 8)  // offset + size overflows
        #expect(throws: BinaryFormatError.self) { try ELFFile(bytes) }
    }

    @Test func reportsAProgramHeaderTableOutsideTheFile() {
        var bytes = Self.bigEndian32
        Self.patch(&bytes, at: 28, value: 0xFFFF_FF00, size: 4, isBigEndian: true)  // e_phoff
        #expect(
            throws: BinaryFormatError.tableOutOfBounds(
                .programHeaders, offset: 0xFFFF_FF00, count: 2, entrySize: 32, fileSize: bytes.count)
        ) { try ELFFile(bytes) }
    }

    @Test func reportsTableEntriesTooSmallForTheirStructure() {
        var bytes = Self.littleEndian64
        Self.patch(&bytes, at: 58, value: 16, size: 2)  // e_shentsize
        #expect(throws: BinaryFormatError.tableEntryTooSmall(.sectionHeaders, entrySize: 16, minimum: 64)) {
            try ELFFile(bytes)
        }
    }

    @Test func reportsASectionWhoseBytesLieBeyondTheEnd() throws {
        var bytes = Self.littleEndian64
        let elf = try ELFFile(bytes)
        let buildInfo = try #require(elf.section(named: ".go.buildinfo"))
        let entry = Int(elf.header.sectionHeaderOffset) + buildInfo.index * 64
        Self.patch(&bytes, at: entry + 24, value: UInt64(bytes.count + 4096), size: 8)  // sh_offset
        let patched = try ELFFile(bytes)
        let moved = try #require(patched.section(named: ".go.buildinfo"))
        #expect(
            throws: BinaryFormatError.sectionOutOfBounds(
                name: ".go.buildinfo", offset: UInt64(bytes.count + 4096), size: buildInfo.size,
                fileSize: bytes.count)
        ) { try patched.contents(of: moved) }
        #expect(throws: BinaryFormatError.self) { try GoBuildInfo.parse(.elf(patched)) }
    }

    @Test func reportsASectionWhoseSizeRunsPastTheEnd() throws {
        var bytes = Self.littleEndian64
        let elf = try ELFFile(bytes)
        let text = try #require(elf.section(named: ".text"))
        let entry = Int(elf.header.sectionHeaderOffset) + text.index * 64
        Self.patch(&bytes, at: entry + 32, value: UInt64.max, size: 8)  // sh_size
        let patched = try ELFFile(bytes)
        #expect(throws: BinaryFormatError.self) { try patched.contents(of: patched.sections[text.index]) }
    }

    @Test func reportsABrokenSectionNameTable() throws {
        var bytes = Self.littleEndian64
        Self.patch(&bytes, at: 62, value: 9, size: 2)  // e_shstrndx
        #expect(throws: BinaryFormatError.invalidSectionNameTableIndex(9, sectionCount: 4)) { try ELFFile(bytes) }

        bytes = Self.littleEndian64
        let elf = try ELFFile(bytes)
        let entry = Int(elf.header.sectionHeaderOffset) + 1 * 64
        Self.patch(&bytes, at: entry, value: 0xFFFF, size: 4)  // .text's sh_name
        #expect(throws: BinaryFormatError.sectionNameOutOfBounds(section: 1, offset: 0xFFFF)) { try ELFFile(bytes) }
    }

    @Test func readsAFileWithoutSectionHeaders() throws {
        var builder = ELFBuilder(
            sections: [.init(name: ".data", flags: 0x3, address: 0x60_0000, contents: [1, 2, 3, 4])],
            segments: [.init(flags: 0x6, sections: [".data"])])
        builder.includesSectionHeaders = false
        let elf = try ELFFile(builder.build())
        #expect(elf.sections.isEmpty)
        #expect(elf.header.sectionHeaderCount == 0)
        #expect(try elf.data(atAddress: 0x60_0002, count: 2) == [3, 4])
    }

    @Test func resolvesExtendedSectionNumbering() throws {
        var bytes = Self.littleEndian64
        let elf = try ELFFile(bytes)
        let section0 = Int(elf.header.sectionHeaderOffset)
        Self.patch(&bytes, at: 60, value: 0, size: 2)  // e_shnum: see section 0
        Self.patch(&bytes, at: 62, value: 0xFFFF, size: 2)  // e_shstrndx: SHN_XINDEX
        Self.patch(&bytes, at: section0 + 32, value: 4, size: 8)  // section 0 sh_size: the count
        Self.patch(&bytes, at: section0 + 40, value: 3, size: 4)  // section 0 sh_link: the name table
        let extended = try ELFFile(bytes)
        #expect(extended.sections.map(\.name) == elf.sections.map(\.name))
        #expect(extended.header.sectionNameTableIndex == 3)
    }

    @Test func neverCrashesOnAnyTruncation() {
        for file in [Self.littleEndian64, Self.bigEndian32, GoBinaryFixture.pointerBinary(is64Bit: false)] {
            for length in 0..<file.count {
                let prefix = Array(file.prefix(length))
                if let elf = try? ELFFile(prefix) {
                    _ = try? GoBuildInfo.parse(.elf(elf))
                    for section in elf.sections { _ = try? elf.contents(of: section) }
                }
            }
        }
    }

    @Test func neverCrashesOnCorruptedBytes() {
        var generator = SeededGenerator(seed: 0x504C_494D)
        for original in [Self.littleEndian64, GoBinaryFixture.pointerBinary(), Self.bigEndian32] {
            for _ in 0..<2_000 {
                var bytes = original
                for _ in 0..<4 {
                    let index = Int(generator.next() % UInt64(bytes.count))
                    bytes[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                if let elf = try? ELFFile(bytes) {
                    _ = try? GoBuildInfo.parse(.elf(elf))
                    for segment in elf.programHeaders { _ = try? elf.contents(of: segment) }
                }
            }
        }
    }
}
