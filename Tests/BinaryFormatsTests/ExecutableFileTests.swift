import ScannerTesting
import Testing

@testable import BinaryFormats

struct ExecutableFileTests {
    @Test(
        "Detects each format by its first bytes",
        arguments: [
            (GoBinaryFixture.inlineBinary(), ExecutableFormat.elf),
            (GoBinaryFixture.inlinePE(), .pe),
            (GoBinaryFixture.inlineMachO(), .machO),
            (GoBinaryFixture.inlineMachO(is64Bit: false, isBigEndian: true), .machO),
            (MachOFileTests.universal(), .universalMachO),
            (MachOFileTests.universal(is64BitTable: true), .universalMachO),
        ] as [([UInt8], ExecutableFormat)])
    func detection(bytes: [UInt8], format: ExecutableFormat) throws {
        #expect(ExecutableFormat(detecting: bytes) == format)
        let images = try ExecutableFile.images(in: bytes)
        #expect(images.count == (format == .universalMachO ? 2 : 1))
        #expect(images.allSatisfy { $0.format == (format == .universalMachO ? .machO : format) })
    }

    @Test func detectsNothingInOtherFiles() {
        for bytes in [[], Array("#!/bin/sh\n".utf8), [0x7F, 0x45], [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x34]] as [[UInt8]]
        {
            #expect(ExecutableFormat(detecting: bytes) == nil)
            #expect(throws: BinaryFormatError.unrecognizedExecutable) { try ExecutableFile.images(in: bytes) }
        }
    }

    @Test func findsSectionsInEachFormat() throws {
        let payload: [UInt8] = [0x78, 0x01, 0x03, 0x00]
        let elf = ELFBuilder(sections: [.init(name: ".dep-v0", flags: 0, contents: payload)]).build()
        let pe = PEBuilder(sections: [
            .init(
                name: ".dep-v0", characteristics: PEBuilder.Section.readOnlyData, virtualAddress: 0x1000,
                contents: payload)
        ]).build()
        let machO = GoBinaryFixture.machO(dataSections: [.init(name: ".dep-v0", contents: payload)])
        for bytes in [elf, pe, machO] {
            let image = try #require(try ExecutableFile.images(in: bytes).first)
            #expect(try image.contents(ofSectionNamed: ".dep-v0", machOSegment: "__DATA") == payload[...])
            #expect(try image.contents(ofSectionNamed: ".dep-v1") == nil)
        }
        let image = try #require(try ExecutableFile.images(in: machO).first)
        #expect(try image.contents(ofSectionNamed: ".dep-v0", machOSegment: "__TEXT") == nil)
    }

    @Test func translatesAddressesInEachFormat() throws {
        for bytes in [GoBinaryFixture.pointerBinary(), GoBinaryFixture.pointerPE(), GoBinaryFixture.pointerMachO()] {
            let image = try #require(try ExecutableFile.images(in: bytes).first)
            #expect(throws: BinaryFormatError.addressNotMapped(address: 0xDEAD_0000_0000, count: 1)) {
                try image.data(atAddress: 0xDEAD_0000_0000, count: 1)
            }
        }
        let pe = try #require(try ExecutableFile.images(in: GoBinaryFixture.pointerPE()).first)
        #expect(try pe.data(atAddress: 0x1_4000_2000, count: 9) == Array("go1.16.15".utf8)[...])
    }
}
