import ScannerTesting
import Testing

@testable import BinaryFormats

struct PEFileTests {
    static let pe64 = GoBinaryFixture.inlinePE()
    static let pe32 = GoBinaryFixture.inlinePE(is64Bit: false)

    @Test("Reads the headers of PE32+ and PE32 images", arguments: [true, false])
    func headers(is64Bit: Bool) throws {
        let file = try PEFile(is64Bit ? Self.pe64 : Self.pe32)
        #expect(file.header.isPE32Plus == is64Bit)
        #expect(file.header.machine == (is64Bit ? .amd64 : .i386))
        #expect(file.header.imageBase == (is64Bit ? 0x1_4000_0000 : 0x40_0000))
        #expect(file.header.signatureOffset == 0x80)
        #expect(file.header.sectionCount == 3)
        #expect(file.header.subsystem == 3)
        #expect(file.header.dllCharacteristics == [.highEntropyVirtualAddresses, .dynamicBase, .nxCompatible])
        #expect(file.header.characteristics.contains(.executableImage))
        #expect(file.header.sectionTableOffset == 0x98 + (is64Bit ? 240 : 224))
        #expect(file.sections.map(\.name) == [".text", ".rdata", ".data"])
        #expect(file.sections.map(\.virtualAddress) == [0x1000, 0x2000, 0x3000])
        #expect(file.sections.map(\.rawOffset) == [0x200, 0x400, 0x600])
    }

    @Test func readsSectionsAndTheirCharacteristics() throws {
        let file = try PEFile(Self.pe64)
        let text = try #require(file.section(named: ".text"))
        #expect(text.characteristics == [.code, .execute, .read])
        #expect(try file.contents(of: text) == [0xC3])
        let data = try #require(file.section(named: ".data"))
        #expect(data.characteristics == [.initializedData, .read, .write])
        #expect(data.rawSize == 0x200)
        #expect(data.fileBackedSize == data.virtualSize)
        #expect(try file.contents(of: data).starts(with: GoBuildInfo.magic))
        #expect(file.section(named: ".bss") == nil)
    }

    @Test func resolvesLongSectionNamesThroughTheStringTable() throws {
        let builder = PEBuilder(sections: [
            .init(name: ".text", characteristics: PEBuilder.Section.code, virtualAddress: 0x1000, contents: [0xC3]),
            .init(name: ".go.buildinfo", characteristics: 0xC000_0040, virtualAddress: 0x2000, contents: [1, 2, 3]),
            .init(name: ".debug_info", characteristics: 0x4200_0040, virtualAddress: 0x3000, contents: [4]),
        ])
        let file = try PEFile(builder.build())
        #expect(file.sections.map(\.name) == [".text", ".go.buildinfo", ".debug_info"])
        #expect(try file.contents(of: try #require(file.section(named: ".go.buildinfo"))) == [1, 2, 3])
    }

    @Test func translatesVirtualAddressesFromTheImageBase() throws {
        let file = try PEFile(Self.pe64)
        let base = file.header.imageBase
        #expect(try file.data(atAddress: base + 0x3001, count: 3) == [0x20, 0x47, 0x6F])  // " Go"
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x3001, count: 1)) {
            try file.data(atAddress: 0x3001, count: 1)  // a relative address, below the image base
        }
        #expect(throws: BinaryFormatError.addressNotMapped(address: base + 0x1000, count: 2)) {
            try file.data(atAddress: base + 0x1000, count: 2)  // .text holds one byte
        }
        #expect(throws: BinaryFormatError.addressNotMapped(address: UInt64.max, count: 16)) {
            try file.data(atAddress: UInt64.max, count: 16)
        }
    }

    @Test func rejectsBytesWithoutTheMagicOrSignature() {
        #expect(throws: BinaryFormatError.notPE) { try PEFile([]) }
        #expect(throws: BinaryFormatError.notPE) { try PEFile(Array("#!/bin/sh\n".utf8)) }
        var dos = Self.pe64
        dos[0x80] = UInt8(ascii: "N")  // an MS-DOS program with a new-executable header
        #expect(throws: BinaryFormatError.missingPESignature(offset: 0x80)) { try PEFile(dos) }
        var far = Self.pe64
        ELFFileTests.patch(&far, at: 0x3C, value: 0xFFFF_FFFE, size: 4)  // e_lfanew: the 4 bytes would wrap
        #expect(throws: BinaryFormatError.missingPESignature(offset: 0xFFFF_FFFE)) { try PEFile(far) }
    }

    @Test(
        "Reports headers cut short",
        arguments: [
            (0x30, BinaryFormatError.truncatedPEHeader(size: 0x30, needed: 0x40)),
            (0x82, .missingPESignature(offset: 0x80)),
            (0x90, .truncatedPEHeader(size: 0x90, needed: 0x98)),
            (0x100, .truncatedPEHeader(size: 0x100, needed: 0x188)),
            (0x1A0, .peSectionTableOutOfBounds(offset: 0x188, count: 3, fileSize: 0x1A0)),
        ])
    func truncated(length: Int, error: BinaryFormatError) {
        #expect(throws: error) { try PEFile(Array(Self.pe64.prefix(length))) }
    }

    @Test func rejectsAnOptionalHeaderOfAnotherKindOrTooSmall() {
        var bytes = Self.pe64
        ELFFileTests.patch(&bytes, at: 0x98, value: 0x107, size: 2)  // a ROM image's magic
        #expect(throws: BinaryFormatError.unsupportedPEOptionalHeader(magic: 0x107)) { try PEFile(bytes) }
        bytes = Self.pe64
        ELFFileTests.patch(&bytes, at: 0x94, value: 16, size: 2)  // SizeOfOptionalHeader
        #expect(throws: BinaryFormatError.peOptionalHeaderTooSmall(size: 16, minimum: 72)) { try PEFile(bytes) }
        ELFFileTests.patch(&bytes, at: 0x94, value: 0xFFFF, size: 2)
        #expect(throws: BinaryFormatError.truncatedPEHeader(size: bytes.count, needed: 0x98 + 0xFFFF)) {
            try PEFile(bytes)
        }
    }

    @Test func reportsASectionTableWithAnAbsurdCount() {
        var bytes = Self.pe64
        ELFFileTests.patch(&bytes, at: 0x86, value: 0xFFFF, size: 2)  // NumberOfSections
        #expect(
            throws: BinaryFormatError.peSectionTableOutOfBounds(offset: 0x188, count: 0xFFFF, fileSize: bytes.count)
        ) {
            try PEFile(bytes)
        }
    }

    @Test(
        "Reports section data outside the file when it is read",
        arguments: [(0x10_0000, 0x200), (0xFFFF_FF00, 0x200), (0x600, 0xFFFF_FFFF)] as [(UInt64, UInt64)])
    func sectionOutOfBounds(rawOffset: UInt64, rawSize: UInt64) throws {
        var bytes = Self.pe64
        let entry = 0x188 + 2 * 40  // .data
        ELFFileTests.patch(&bytes, at: entry + 8, value: 0, size: 4)  // VirtualSize unknown: use SizeOfRawData
        ELFFileTests.patch(&bytes, at: entry + 16, value: rawSize, size: 4)
        ELFFileTests.patch(&bytes, at: entry + 20, value: rawOffset, size: 4)
        let file = try PEFile(bytes)
        let data = try #require(file.section(named: ".data"))
        #expect(
            throws: BinaryFormatError.sectionOutOfBounds(
                name: ".data", offset: rawOffset, size: rawSize, fileSize: bytes.count)
        ) { try file.contents(of: data) }
        // A data section Go's rule merely guesses at is skipped when unreadable, as ELF segments are.
        #expect(try GoBuildInfo.parse(.pe(file)) == nil)
    }

    @Test func readsUninitializedDataAsEmpty() throws {
        let builder = PEBuilder(sections: [
            .init(name: ".bss", characteristics: 0xC000_0080, virtualAddress: 0x1000, contents: [])
        ])
        let file = try PEFile(builder.build())
        let bss = try #require(file.section(named: ".bss"))
        #expect(try file.contents(of: bss).isEmpty)
        #expect(try GoBuildInfo.parse(.pe(file)) == nil)
    }

    @Test func reportsALongNameOutsideTheStringTable() throws {
        let builder = PEBuilder(sections: [
            .init(name: ".go.buildinfo", characteristics: 0xC000_0040, virtualAddress: 0x1000, contents: [1])
        ])
        var bytes = builder.build()
        let nameField = builder.sectionTableOffset
        bytes.replaceSubrange(nameField..<(nameField + 8), with: Array("/9999999".utf8))
        #expect(throws: BinaryFormatError.sectionNameOutOfBounds(section: 0, offset: 9_999_999)) {
            try PEFile(bytes)
        }
        ELFFileTests.patch(&bytes, at: 0x8C, value: 0xFFFF_FFF0, size: 4)  // PointerToSymbolTable past the end
        #expect(throws: BinaryFormatError.sectionNameOutOfBounds(section: 0, offset: 9_999_999)) {
            try PEFile(bytes)
        }
    }

    @Test func neverCrashesOnAnyTruncation() {
        for file in [Self.pe64, Self.pe32, GoBinaryFixture.pointerPE()] {
            for length in 0..<file.count {
                if let pe = try? PEFile(Array(file.prefix(length))) {
                    _ = try? GoBuildInfo.parse(.pe(pe))
                    for section in pe.sections { _ = try? pe.contents(of: section) }
                }
            }
        }
    }

    @Test func neverCrashesOnCorruptedBytes() {
        var generator = SeededGenerator(seed: 0x5045_0000)
        for original in [Self.pe64, GoBinaryFixture.pointerPE(is64Bit: false)] {
            for _ in 0..<2_000 {
                var bytes = original
                for _ in 0..<4 {
                    // Aim at the headers, where a corruption changes what is read.
                    let index = Int(generator.next() % UInt64(0x300))
                    bytes[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                if let pe = try? PEFile(bytes) {
                    _ = try? GoBuildInfo.parse(.pe(pe))
                    for section in pe.sections { _ = try? pe.contents(of: section) }
                }
            }
        }
    }
}
