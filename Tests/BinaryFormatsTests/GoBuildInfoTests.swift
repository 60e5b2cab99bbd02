import ScannerTesting
import Testing

@testable import BinaryFormats

struct GoBuildInfoTests {
    static let expectedSample = GoBuildInfo(
        goVersion: "go1.21.3", path: "example.com/app/cmd/server",
        mainModule: GoModule(path: "example.com/app", version: "v1.4.2", checksum: "h1:mainsum="),
        dependencies: [
            GoModule(path: "github.com/google/uuid", version: "v1.6.0", checksum: "h1:uuidsum="),
            GoModule(
                path: "golang.org/x/net", version: "v0.17.0",
                replacement: .init(path: "github.com/example/net-fork", version: "v0.17.1-fix", checksum: "h1:forksum=")
            ),
        ],
        settings: [
            GoBuildSetting(key: "-buildmode", value: "pie"),
            GoBuildSetting(key: "-ldflags", value: #"-s -w -X "main.version=1.4.2""#),
            GoBuildSetting(key: "CGO_ENABLED", value: "0"),
        ])

    static func parse(_ bytes: [UInt8]) throws -> GoBuildInfo? {
        try GoBuildInfo.parse(.elf(ELFFile(bytes)))
    }

    @Test func readsTheInlineFormatOfA64BitLittleEndianBinary() throws {
        #expect(try Self.parse(GoBinaryFixture.inlineBinary()) == Self.expectedSample)
    }

    @Test func readsTheInlineFormatOfA32BitBigEndianBinary() throws {
        var expected = Self.expectedSample
        expected.goVersion = "go1.22rc1"
        #expect(
            try Self.parse(GoBinaryFixture.inlineBinary(goVersion: "go1.22rc1", is64Bit: false, isBigEndian: true))
                == expected)
    }

    @Test(
        "Reads the pointer format of Go 1.13 to 1.17 in each class and byte order",
        arguments: [(true, false), (true, true), (false, false), (false, true)])
    func pointerFormat(is64Bit: Bool, isBigEndian: Bool) throws {
        var expected = Self.expectedSample
        expected.goVersion = "go1.16.15"
        let binary = GoBinaryFixture.pointerBinary(is64Bit: is64Bit, isBigEndian: isBigEndian)
        #expect(try Self.parse(binary) == expected)
    }

    @Test("Reads the inline format of PE32+ and PE32 images", arguments: [true, false])
    func inlinePE(is64Bit: Bool) throws {
        let image = ExecutableFile.pe(try PEFile(GoBinaryFixture.inlinePE(is64Bit: is64Bit)))
        #expect(try GoBuildInfo.parse(image) == Self.expectedSample)
    }

    @Test("Reads the pointer format of PE32+ and PE32 images through the image base", arguments: [true, false])
    func pointerPE(is64Bit: Bool) throws {
        var expected = Self.expectedSample
        expected.goVersion = "go1.16.15"
        let image = ExecutableFile.pe(try PEFile(GoBinaryFixture.pointerPE(is64Bit: is64Bit)))
        #expect(try GoBuildInfo.parse(image) == expected)
    }

    @Test func readsAPESectionNamedGoBuildInfo() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.23.0", moduleInfo: nil)
        let builder = PEBuilder(sections: [
            .init(name: ".data", characteristics: PEBuilder.Section.data, virtualAddress: 0x1000, contents: [1, 2]),
            .init(name: ".go.buildinfo", characteristics: 0x4000_0040, virtualAddress: 0x2000, contents: blob),
        ])
        #expect(try GoBuildInfo.parse(.pe(PEFile(builder.build()))) == GoBuildInfo(goVersion: "go1.23.0"))
    }

    @Test func looksOnlyInWritableInitializedPEData() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.21.3", moduleInfo: nil)
        for characteristics: UInt32 in [PEBuilder.Section.readOnlyData, 0xE000_0020, 0xC000_0080] {
            let builder = PEBuilder(sections: [
                .init(name: ".data", characteristics: characteristics, virtualAddress: 0x1000, contents: blob)
            ])
            #expect(try GoBuildInfo.parse(.pe(PEFile(builder.build()))) == nil)
        }
        let aligned = PEBuilder(sections: [
            .init(name: ".data", characteristics: 0xC060_0040, virtualAddress: 0x1000, contents: blob)
        ])
        #expect(try GoBuildInfo.parse(.pe(PEFile(aligned.build()))) == GoBuildInfo(goVersion: "go1.21.3"))
    }

    @Test(
        "Reads the inline format of Mach-O images in each class and byte order",
        arguments: MachOFileTests.classesAndByteOrders)
    func inlineMachO(is64Bit: Bool, isBigEndian: Bool) throws {
        let bytes = GoBinaryFixture.inlineMachO(is64Bit: is64Bit, isBigEndian: isBigEndian)
        #expect(try GoBuildInfo.parse(.machO(MachOFile(bytes))) == Self.expectedSample)
    }

    @Test(
        "Reads the pointer format at the start of the __DATA segment of older Mach-O images",
        arguments: MachOFileTests.classesAndByteOrders)
    func pointerMachO(is64Bit: Bool, isBigEndian: Bool) throws {
        var expected = Self.expectedSample
        expected.goVersion = "go1.16.15"
        let bytes = GoBinaryFixture.pointerMachO(is64Bit: is64Bit, isBigEndian: isBigEndian)
        #expect(try GoBuildInfo.parse(.machO(MachOFile(bytes))) == expected)
    }

    @Test func looksOnlyInReadWriteMachOSegments() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.21.3", moduleInfo: nil)
        let builder = MachOBuilder(segments: [
            .init(name: "__TEXT", address: 0x1000, protection: 5, sections: [.init(name: "__const", contents: blob)]),
            .init(name: "__DATA", address: 0x8000, protection: 3, sections: [.init(name: "__data", contents: [1])]),
        ])
        #expect(try GoBuildInfo.parse(.machO(MachOFile(builder.build()))) == nil)
    }

    @Test func reportsAMachOPointerIntoPageZero() throws {
        var writer = ByteWriter(isBigEndian: false)
        writer.bytes = Array(GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: false).prefix(16))
        writer.u64(0x100)
        writer.u64(0x110)
        let bytes = GoBinaryFixture.machO(dataSections: [.init(name: "__go_buildinfo", contents: writer.bytes)])
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x100, count: 16)) {
            try GoBuildInfo.parse(.machO(MachOFile(bytes)))
        }
    }

    @Test func readsABinaryBuiltOutsideAModule() throws {
        #expect(try Self.parse(GoBinaryFixture.inlineBinary(moduleInfo: nil)) == GoBuildInfo(goVersion: "go1.21.3"))
        #expect(
            try Self.parse(GoBinaryFixture.pointerBinary(goVersion: "go1.15", moduleInfo: nil))
                == GoBuildInfo(goVersion: "go1.15"))
    }

    @Test func findsTheHeaderInTheDataSegmentWhenTheSectionIsGone() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.21.3", moduleInfo: GoBinaryFixture.sampleModuleInfo)
        var builder = ELFBuilder(
            sections: [
                .init(name: ".text", flags: 0x6, address: 0x40_1000, contents: [0xC3]),
                .init(
                    name: ".noptrdata", flags: 0x3, address: 0x50_0000,
                    contents: [UInt8](repeating: 0xAA, count: 48) + blob),
            ],
            segments: [.init(flags: 0x5, sections: [".text"]), .init(flags: 0x6, sections: [".noptrdata"])])
        #expect(try Self.parse(builder.build()) == Self.expectedSample)
        builder.includesSectionHeaders = false
        #expect(try Self.parse(builder.build()) == Self.expectedSample)
    }

    @Test func ignoresAMagicThatIsNotSixteenByteAligned() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.21.3", moduleInfo: nil)
        let builder = ELFBuilder(
            sections: [.init(name: ".data", flags: 0x3, address: 0x50_0000, contents: [1, 2, 3] + blob)],
            segments: [.init(flags: 0x6, sections: [".data"])])
        #expect(try Self.parse(builder.build()) == nil)
    }

    @Test func findsNothingInAnELFFileThatIsNotGo() throws {
        let builder = ELFBuilder(
            sections: [
                .init(name: ".text", flags: 0x6, address: 0x40_1000, contents: [0xC3]),
                .init(name: ".data", flags: 0x3, address: 0x50_0000, contents: Array("hello, world".utf8)),
            ],
            segments: [.init(flags: 0x5, sections: [".text"]), .init(flags: 0x6, sections: [".data"])])
        #expect(try Self.parse(builder.build()) == nil)
    }

    @Test func reportsALengthThatRunsOffTheEnd() throws {
        let blob =
            GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: true) + [100] + Array("go1.2".utf8)
        #expect(throws: BinaryFormatError.goBuildInfoStringOutOfBounds(offset: 32, length: 100, available: 5)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: blob))
        }
    }

    @Test func reportsAVarintThatNeverEnds() throws {
        let header = GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: true)
        let unterminated = header + [UInt8](repeating: 0x80, count: 5)
        #expect(throws: BinaryFormatError.malformedGoBuildInfoVarint(offset: 32)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: unterminated))
        }
        let overlong = header + [UInt8](repeating: 0xFF, count: 11) + [0x01]
        #expect(throws: BinaryFormatError.malformedGoBuildInfoVarint(offset: 32)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: overlong))
        }
        let version = Array("go1.21.3".utf8)
        let secondRunsOff = header + [UInt8(version.count)] + version + [0xFF, 0xFF]
        #expect(throws: BinaryFormatError.malformedGoBuildInfoVarint(offset: 41)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: secondRunsOff))
        }
    }

    @Test func reportsAHeaderCutShort() throws {
        let blob = Array(GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: true).prefix(20))
        #expect(throws: BinaryFormatError.truncatedGoBuildInfo(available: 20)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: blob))
        }
    }

    @Test func reportsAPointerThatLeadsNowhere() throws {
        var writer = ByteWriter(isBigEndian: false)
        writer.bytes = Array(GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: false).prefix(16))
        writer.u64(0x7777_0000)
        writer.u64(0x7777_0010)
        #expect(throws: BinaryFormatError.addressNotMapped(address: 0x7777_0000, count: 16)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: writer.bytes))
        }
        var odd = GoBinaryFixture.header(pointerSize: 3, isBigEndian: false, isInline: false)
        odd[16] = 1
        #expect(throws: BinaryFormatError.unsupportedGoPointerSize(3)) {
            try Self.parse(GoBinaryFixture.elf(buildInfoBlob: odd))
        }
    }

    @Test func readsAnEmptyVersionAsNotGo() throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "", moduleInfo: nil)
        #expect(try Self.parse(GoBinaryFixture.elf(buildInfoBlob: blob)) == nil)
    }

    @Test func ignoresModuleInformationWithoutItsSentinels() throws {
        let text = Array("path\tx\nmod\tx\tv1.0.0\t\n".utf8)
        let blob =
            GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: true) + [8] + Array("go1.21.3".utf8)
            + GoBinaryFixture.uvarint(UInt64(text.count)) + text
        #expect(try Self.parse(GoBinaryFixture.elf(buildInfoBlob: blob)) == GoBuildInfo(goVersion: "go1.21.3"))
    }

    @Test func skipsMalformedModuleLinesAndReadsTheRest() {
        let text = """
            path\tcmd/tool
            mod\tcmd/tool\t(devel)\t
            dep\tonly-a-path
            =>\t../orphan\t\t
            dep\tgithub.com/a/b\tv1.0.0\th1:x=
            =>\t./vendor/b\t(devel)\t
            "build\tCGO_ENABLED=1
            build\t"key with space"="a\\tb\\u00e9\\x41"
            build\tnoequals
            unknown\tkeyword
            dep\tgithub.com/c/d\tv2.0.0+incompatible
            """
        let info = GoBuildInfo.parseModuleInfo(Array(text.utf8))
        #expect(info.path == "cmd/tool")
        #expect(info.mainModule == GoModule(path: "cmd/tool", version: "(devel)"))
        #expect(
            info.dependencies == [
                GoModule(
                    path: "github.com/a/b", version: "v1.0.0", checksum: "h1:x=",
                    replacement: .init(path: "./vendor/b", version: "(devel)")),
                GoModule(path: "github.com/c/d", version: "v2.0.0+incompatible"),
            ])
        #expect(info.dependencies.first?.replacement?.isLocalDirectory == true)
        #expect(info.settings == [GoBuildSetting(key: "key with space", value: "a\tbéA")])
        #expect(
            info.problems == [
                .malformedGoModuleInfoLine(number: 3, reason: "expected 2 or 3 fields after 'dep'"),
                .malformedGoModuleInfoLine(number: 4, reason: "a replacement with no module before it"),
                .malformedGoModuleInfoLine(number: 9, reason: "expected KEY=VALUE"),
            ])
    }
}
