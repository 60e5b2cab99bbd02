import ScannerTesting
import Testing

@testable import BinaryFormats

struct MachOFileTests {
    static let littleEndian64 = GoBinaryFixture.inlineMachO()
    static let classesAndByteOrders = [(true, false), (true, true), (false, false), (false, true)]

    /// The offset of the first occurrence of `text` in `bytes`: a name field of a load command.
    static func offset(of text: String, in bytes: [UInt8]) throws -> Int {
        let pattern = Array(text.utf8)
        return try #require(
            (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
    }

    @Test("Reads each class and byte order", arguments: classesAndByteOrders)
    func classAndByteOrder(is64Bit: Bool, isBigEndian: Bool) throws {
        let file = try MachOFile(GoBinaryFixture.inlineMachO(is64Bit: is64Bit, isBigEndian: isBigEndian))
        #expect(file.header.is64Bit == is64Bit)
        #expect(file.header.isBigEndian == isBigEndian)
        #expect(file.header.fileType == .executable)
        #expect(file.header.flags.contains(.positionIndependent))
        #expect(file.header.loadCommandCount == 4)
        #expect(file.loadCommands.map(\.type) == Array(repeating: is64Bit ? 0x19 : 0x1, count: 3) + [0x1B])
        #expect(file.segments.map(\.name) == ["__PAGEZERO", "__TEXT", "__DATA"])
        #expect(
            file.segments.map { $0.sections.map(\.name) } == [
                [], ["__text", "__rodata"], ["__go_buildinfo", "__data"],
            ])
        let data = try #require(file.segment(named: "__DATA"))
        #expect(data.initialProtection == [.read, .write])
        #expect(data.maximumProtection == [.read, .write])
        #expect(data.address == (is64Bit ? 0x1_0010_0000 : 0x10_0000))  // 32-bit addresses keep the low half
        let buildInfo = try #require(file.section(named: "__go_buildinfo", inSegment: "__DATA"))
        #expect(buildInfo.address == data.address)
        #expect(try file.contents(of: buildInfo).starts(with: GoBuildInfo.magic))
        #expect(try file.contents(of: data).starts(with: GoBuildInfo.magic))
    }

    @Test func findsSectionsByNameAndSegment() throws {
        let file = try MachOFile(Self.littleEndian64)
        #expect(file.section(named: "__data")?.segmentName == "__DATA")
        #expect(file.section(named: "__data", inSegment: "__TEXT") == nil)
        #expect(file.section(named: "__text", inSegment: "__TEXT")?.address == 0x1_0000_0000)
        #expect(try file.contents(of: try #require(file.section(named: "__text"))) == [0xC3])
        #expect(file.segment(named: "__LINKEDIT") == nil)
    }

    @Test func translatesVirtualAddressesThroughSegmentsButNotPageZero() throws {
        let file = try MachOFile(Self.littleEndian64)
        #expect(try file.data(atAddress: 0x1_0010_0001, count: 3) == [0x20, 0x47, 0x6F])  // " Go"
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x10, count: 8)) {
            try file.data(atAddress: 0x10, count: 8)
        }
        #expect(throws: BinaryFormatError.addressNotMapped(address: UInt64.max - 2, count: 8)) {
            try file.data(atAddress: UInt64.max - 2, count: 8)
        }
    }

    @Test func readsAZeroFillSectionAsEmpty() throws {
        let builder = MachOBuilder(segments: [
            .init(
                name: "__DATA", address: 0x4000, protection: 3,
                sections: [
                    .init(name: "__data", contents: [7]), .init(name: "__bss", contents: [0, 0], isZeroFill: true),
                ])
        ])
        let file = try MachOFile(builder.build())
        let bss = try #require(file.section(named: "__bss"))
        #expect(bss.isZeroFill)
        #expect(bss.size == 2)
        #expect(try file.contents(of: bss).isEmpty)
        #expect(try file.contents(of: try #require(file.section(named: "__data"))) == [7])
    }

    @Test func rejectsBytesWithoutAMachOMagic() {
        #expect(throws: BinaryFormatError.notMachO) { try MachOFile([]) }
        #expect(throws: BinaryFormatError.notMachO) { try MachOFile(GoBinaryFixture.inlineBinary()) }
        #expect(throws: BinaryFormatError.notMachO) { try MachOFile([0xFE, 0xED, 0xFA]) }
        #expect(MachOFile.hasMagic(Self.littleEndian64))
        #expect(!MachOFile.hasMagic([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 1]))
    }

    @Test("Reports a header cut short", arguments: [(true, 20, 32), (true, 31, 32), (false, 4, 28), (false, 27, 28)])
    func truncatedHeader(is64Bit: Bool, length: Int, needed: Int) {
        let bytes = GoBinaryFixture.inlineMachO(is64Bit: is64Bit)
        #expect(throws: BinaryFormatError.truncatedMachOHeader(size: length, needed: needed)) {
            try MachOFile(Array(bytes.prefix(length)))
        }
    }

    @Test func reportsLoadCommandsThatDoNotFit() {
        var bytes = Self.littleEndian64
        ELFFileTests.patch(&bytes, at: 20, value: 0xFFFF_FF00, size: 4)  // sizeofcmds
        #expect(throws: BinaryFormatError.loadCommandsOutOfBounds(count: 4, size: 0xFFFF_FF00, fileSize: bytes.count)) {
            try MachOFile(bytes)
        }
        bytes = Self.littleEndian64
        ELFFileTests.patch(&bytes, at: 16, value: 0xFFFF_FFFF, size: 4)  // ncmds: more than sizeofcmds can hold
        #expect(throws: BinaryFormatError.loadCommandsOutOfBounds(count: 0xFFFF_FFFF, size: 560, fileSize: bytes.count))
        {
            try MachOFile(bytes)
        }
        #expect(throws: BinaryFormatError.loadCommandsOutOfBounds(count: 4, size: 560, fileSize: 300)) {
            try MachOFile(Array(Self.littleEndian64.prefix(300)))
        }
    }

    @Test(
        "Reports a malformed load command",
        arguments: [
            (
                36, UInt64(0), 4,
                BinaryFormatError.malformedLoadCommand(index: 0, reason: "its size, 0, is under 8 bytes")
            ),
            (
                36, 0x1_0000, 4,
                .malformedLoadCommand(index: 0, reason: "its 65536 bytes run past the end of the load commands")
            ),
            (
                36, 16, 4,
                .malformedLoadCommand(index: 0, reason: "a segment command of 16 bytes, under the 72 it needs")
            ),
            (
                96, 0xFFFF_FFFF, 4,
                .malformedLoadCommand(index: 0, reason: "a segment command of 72 bytes claims 4294967295 sections")
            ),
            (16, 5, 4, .malformedLoadCommand(index: 4, reason: "it starts past the end of the load commands")),
        ])
    func malformedLoadCommand(offset: Int, value: UInt64, size: Int, error: BinaryFormatError) {
        var bytes = Self.littleEndian64
        ELFFileTests.patch(&bytes, at: offset, value: value, size: size)
        #expect(throws: error) { try MachOFile(bytes) }
    }

    @Test(
        "Reports section bytes outside the image when they are read",
        arguments: [(0xFFFF_FFF0, 48), (592, UInt64.max), (0x10_0000, 48)] as [(UInt64, UInt64)])
    func sectionOutOfBounds(offset: UInt64, size: UInt64) throws {
        var bytes = Self.littleEndian64
        let entry = try Self.offset(of: "__go_buildinfo", in: bytes)
        ELFFileTests.patch(&bytes, at: entry + 40, value: size, size: 8)
        ELFFileTests.patch(&bytes, at: entry + 48, value: offset, size: 4)
        let file = try MachOFile(bytes)
        let section = try #require(file.section(named: "__go_buildinfo"))
        #expect(
            throws: BinaryFormatError.sectionOutOfBounds(
                name: "__DATA,__go_buildinfo", offset: offset, size: size, fileSize: bytes.count)
        ) { try file.contents(of: section) }
        #expect(throws: BinaryFormatError.self) { try GoBuildInfo.parse(.machO(file)) }
    }

    @Test func reportsASegmentOutsideTheImage() throws {
        var bytes = Self.littleEndian64
        let command = try Self.offset(of: "__DATA", in: bytes) - 8
        ELFFileTests.patch(&bytes, at: command + 40, value: UInt64.max - 4, size: 8)  // fileoff: wraps with filesize
        let file = try MachOFile(bytes)
        let data = try #require(file.segment(named: "__DATA"))
        #expect(
            throws: BinaryFormatError.segmentOutOfBounds(
                index: 2, offset: UInt64.max - 4, size: data.fileSize, fileSize: bytes.count)
        ) { try file.contents(of: data) }
    }

    static func universal(is64BitTable: Bool = false) -> [UInt8] {
        MachOBuilder.universal(
            [
                (0x0100_0007, GoBinaryFixture.inlineMachO()),
                (0x0100_000C, GoBinaryFixture.inlineMachO(goVersion: "go1.22.1", cpuType: 0x0100_000C)),
            ], is64BitTable: is64BitTable)
    }

    @Test("Reads each slice of a universal binary", arguments: [false, true])
    func universalSlices(is64BitTable: Bool) throws {
        let bytes = Self.universal(is64BitTable: is64BitTable)
        #expect(MachOUniversalFile.hasMagic(bytes))
        let universal = try MachOUniversalFile(bytes)
        #expect(universal.is64BitTable == is64BitTable)
        #expect(universal.architectures.map(\.cpuType) == [.amd64, .arm64])
        #expect(universal.architectures.allSatisfy { $0.offset % 4096 == 0 && $0.alignment == 12 })
        let slices = try universal.architectures.map { try universal.file(for: $0) }
        #expect(slices.map(\.header.cpuType) == [.amd64, .arm64])
        #expect(slices.map(\.range.lowerBound) == universal.architectures.map { Int($0.offset) })
        let second = try #require(slices.last)
        #expect(try second.data(atAddress: 0x1_0010_0000, count: 4) == [0xFF, 0x20, 0x47, 0x6F])
        #expect(try GoBuildInfo.parse(.machO(second))?.goVersion == "go1.22.1")
    }

    @Test func tellsJavaClassFilesFromUniversalBinaries() {
        let javaClass: [UInt8] = [0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x41, 0x00, 0x1D]
        #expect(!MachOUniversalFile.hasMagic(javaClass))
        #expect(ExecutableFormat(detecting: javaClass) == nil)
        #expect(throws: BinaryFormatError.tooManyUniversalArchitectures(count: 0x41, maximum: 32)) {
            try MachOUniversalFile(javaClass)
        }
    }

    @Test(
        "Rejects a malformed universal header",
        arguments: [
            ([0xCA, 0xFE, 0xBA, 0xBE, 0, 0], BinaryFormatError.truncatedMachOHeader(size: 6, needed: 8)),
            ([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0], .emptyUniversalBinary),
            (
                [0xCA, 0xFE, 0xBA, 0xBF, 0x7F, 0xFF, 0xFF, 0xFF],
                .tooManyUniversalArchitectures(count: 0x7FFF_FFFF, maximum: 32)
            ),
            (
                [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 3] + [UInt8](repeating: 0, count: 20),
                .universalArchitectureTableOutOfBounds(count: 3, entrySize: 20, fileSize: 28)
            ),
            ([0xFE, 0xED, 0xFA, 0xCE], .notMachO),
        ] as [([UInt8], BinaryFormatError)])
    func malformedUniversalHeader(bytes: [UInt8], error: BinaryFormatError) {
        #expect(throws: error) { try MachOUniversalFile(bytes) }
    }

    @Test(
        "Reports a slice outside the file, wrapping around included",
        arguments: [(false, 0x10_0000, 100), (true, UInt64.max - 10, 100), (true, 4096, UInt64.max)]
            as [(Bool, UInt64, UInt64)])
    func sliceOutOfBounds(is64BitTable: Bool, offset: UInt64, size: UInt64) {
        var bytes = Self.universal(is64BitTable: is64BitTable)
        if is64BitTable {
            ELFFileTests.patch(&bytes, at: 16, value: offset, size: 8, isBigEndian: true)
            ELFFileTests.patch(&bytes, at: 24, value: size, size: 8, isBigEndian: true)
        } else {
            ELFFileTests.patch(&bytes, at: 16, value: offset, size: 4, isBigEndian: true)
            ELFFileTests.patch(&bytes, at: 20, value: size, size: 4, isBigEndian: true)
        }
        #expect(
            throws: BinaryFormatError.universalSliceOutOfBounds(
                index: 0, offset: offset, size: size, fileSize: bytes.count)
        ) { try MachOUniversalFile(bytes) }
    }

    @Test func refusesAnEmptySliceAndAUniversalBinaryInsideAnother() throws {
        var bytes = Self.universal()
        ELFFileTests.patch(&bytes, at: 20, value: 0, size: 4, isBigEndian: true)  // the first slice's size
        let empty = try MachOUniversalFile(bytes)
        #expect(throws: BinaryFormatError.notMachO) { try empty.file(for: empty.architectures[0]) }
        #expect(throws: BinaryFormatError.notMachO) { try ExecutableFile.images(in: bytes) }

        let nested = MachOBuilder.universal([(0x0100_0007, Self.universal())])
        let outer = try MachOUniversalFile(nested)
        #expect(throws: BinaryFormatError.notMachO) { try outer.file(for: outer.architectures[0]) }
    }

    @Test func neverCrashesOnAnyTruncation() {
        for file in [
            Self.littleEndian64, GoBinaryFixture.pointerMachO(is64Bit: false, isBigEndian: true),
            Array(Self.universal().prefix(5_000)),
        ] {
            for length in 0..<file.count {
                if let images = try? ExecutableFile.images(in: Array(file.prefix(length))) {
                    for image in images { _ = try? GoBuildInfo.parse(image) }
                }
            }
        }
    }

    @Test func neverCrashesOnCorruptedBytes() {
        var generator = SeededGenerator(seed: 0x4D41_4348)
        for original in [Self.littleEndian64, GoBinaryFixture.pointerMachO(), Self.universal(is64BitTable: true)] {
            for _ in 0..<2_000 {
                var bytes = original
                for _ in 0..<4 {
                    let index = Int(generator.next() % UInt64(min(bytes.count, 700)))
                    bytes[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                if let images = try? ExecutableFile.images(in: bytes) {
                    for case .machO(let file) in images {
                        _ = try? GoBuildInfo.parse(.machO(file))
                        for segment in file.segments { _ = try? file.contents(of: segment) }
                    }
                }
            }
        }
    }
}
