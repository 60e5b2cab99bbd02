/// Go binaries built in memory: ELF files holding Go build information in either of its two formats.
///
/// The blobs follow Go's `debug/buildinfo`: a 32-byte header (`\xff Go buildinf:`, pointer size, flags), then either
/// two uvarint-prefixed strings (the inline format of Go 1.18 and later) or two addresses of Go string headers (the
/// pointer format of Go 1.13 to 1.17). Go 1.19's own `debug/elf` and `debug/buildinfo` read every variant these
/// builders make (both formats, both classes, both byte orders) to the same version and module information.
public enum GoBinaryFixture {
    /// The sentinels `cmd/go` wraps around `runtime.modinfo`.
    public static let moduleInfoStart: [UInt8] = [
        0x30, 0x77, 0xAF, 0x0C, 0x92, 0x74, 0x08, 0x02, 0x41, 0xE1, 0xC1, 0x07, 0xE6, 0xD6, 0x18, 0xE6,
    ]
    public static let moduleInfoEnd: [UInt8] = [
        0xF9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xD8, 0xF2,
    ]

    /// A typical module information text: a main module, two dependencies, one replaced, and two build settings.
    public static let sampleModuleInfo = """
        path\texample.com/app/cmd/server
        mod\texample.com/app\tv1.4.2\th1:mainsum=
        dep\tgithub.com/google/uuid\tv1.6.0\th1:uuidsum=
        dep\tgolang.org/x/net\tv0.17.0
        =>\tgithub.com/example/net-fork\tv0.17.1-fix\th1:forksum=
        build\t-buildmode=pie
        build\t-ldflags="-s -w -X \\"main.version=1.4.2\\""
        build\tCGO_ENABLED=0

        """

    /// `text` wrapped in the module-information sentinels, as the linker stores it.
    public static func framed(_ text: String) -> [UInt8] {
        moduleInfoStart + Array(text.utf8) + moduleInfoEnd
    }

    /// `value` as an unsigned LEB128 varint (`encoding/binary.PutUvarint`).
    public static func uvarint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
        return bytes
    }

    /// The 32-byte build-info header.
    public static func header(pointerSize: UInt8, isBigEndian: Bool, isInline: Bool) -> [UInt8] {
        let magic = Array("\u{FF} Go buildinf:".unicodeScalars.map { UInt8($0.value) })
        let flags: UInt8 = (isBigEndian ? 1 : 0) | (isInline ? 2 : 0)
        return magic + [pointerSize, flags] + [UInt8](repeating: 0, count: 16)
    }

    /// A blob in the inline format: header, then the version and the framed module information as varint strings,
    /// zero-padded to a multiple of 16 bytes as the linker pads the section.
    public static func inlineBlob(
        goVersion: String, moduleInfo: String?, pointerSize: UInt8 = 8, isBigEndian: Bool = false
    ) -> [UInt8] {
        let module = moduleInfo.map(framed) ?? []
        let blob =
            header(pointerSize: pointerSize, isBigEndian: isBigEndian, isInline: true)
            + uvarint(UInt64(goVersion.utf8.count)) + Array(goVersion.utf8) + uvarint(UInt64(module.count)) + module
        return blob + [UInt8](repeating: 0, count: 16 - blob.count % 16)
    }

    /// An executable with a `.text` section and a `.go.buildinfo` section holding `blob`, each in its own segment.
    public static func elf(
        buildInfoBlob blob: [UInt8], is64Bit: Bool = true, isBigEndian: Bool = false, machine: UInt16 = 62
    ) -> [UInt8] {
        ELFBuilder(
            is64Bit: is64Bit, isBigEndian: isBigEndian, machine: machine,
            sections: [
                .init(name: ".text", flags: 0x6, address: 0x40_1000, contents: [0xC3, 0x90, 0x90, 0x90]),
                .init(name: ".go.buildinfo", flags: 0x3, address: 0x50_0000, contents: blob),
            ],
            segments: [
                .init(flags: 0x5, sections: [".text"]), .init(flags: 0x6, sections: [".go.buildinfo"]),
            ]
        ).build()
    }

    /// A Go binary in the inline format (Go 1.18 and later).
    public static func inlineBinary(
        goVersion: String = "go1.21.3", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true,
        isBigEndian: Bool = false
    ) -> [UInt8] {
        let blob = inlineBlob(
            goVersion: goVersion, moduleInfo: moduleInfo, pointerSize: is64Bit ? 8 : 4, isBigEndian: isBigEndian)
        return elf(buildInfoBlob: blob, is64Bit: is64Bit, isBigEndian: isBigEndian, machine: is64Bit ? 62 : 8)
    }

    /// A Go binary in the pointer format (Go 1.13 to 1.17).
    ///
    /// `.go.buildinfo` holds the header with the addresses of two Go string headers in `.data`, which point at the
    /// string bytes in `.rodata`; each section is its own loadable segment, so reading it takes address translation.
    public static func pointerBinary(
        goVersion: String = "go1.16.15", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true,
        isBigEndian: Bool = false
    ) -> [UInt8] {
        let pointerSize = is64Bit ? 8 : 4
        let buildInfoAddress: UInt64 = 0x50_0000
        let dataAddress: UInt64 = 0x51_0000
        let rodataAddress: UInt64 = 0x52_0000
        let versionBytes = Array(goVersion.utf8)
        let moduleBytes = moduleInfo.map(framed) ?? []
        let rodata = [UInt8]("padding!".utf8) + versionBytes + moduleBytes

        var data = ByteWriter(isBigEndian: isBigEndian)
        data.word(0xDEAD, is64Bit: is64Bit)  // something before, so the headers are not at the segment start
        data.word(rodataAddress + 8, is64Bit: is64Bit)
        data.word(UInt64(versionBytes.count), is64Bit: is64Bit)
        data.word(rodataAddress + 8 + UInt64(versionBytes.count), is64Bit: is64Bit)
        data.word(UInt64(moduleBytes.count), is64Bit: is64Bit)

        var blob = ByteWriter(isBigEndian: isBigEndian)
        blob.bytes = Array(
            header(pointerSize: UInt8(pointerSize), isBigEndian: isBigEndian, isInline: false).prefix(16))
        blob.word(dataAddress + UInt64(pointerSize), is64Bit: is64Bit)
        blob.word(dataAddress + UInt64(3 * pointerSize), is64Bit: is64Bit)
        blob.bytes += [UInt8](repeating: 0, count: 32 - blob.bytes.count)

        return ELFBuilder(
            is64Bit: is64Bit, isBigEndian: isBigEndian, machine: is64Bit ? 62 : 8,
            sections: [
                .init(name: ".text", flags: 0x6, address: 0x40_1000, contents: [0xC3]),
                .init(name: ".go.buildinfo", flags: 0x3, address: buildInfoAddress, contents: blob.bytes),
                .init(name: ".data", flags: 0x3, address: dataAddress, contents: data.bytes),
                .init(name: ".rodata", flags: 0x2, address: rodataAddress, contents: rodata),
            ],
            segments: [
                .init(flags: 0x5, sections: [".text"]), .init(flags: 0x6, sections: [".go.buildinfo"]),
                .init(flags: 0x6, sections: [".data"]), .init(flags: 0x4, sections: [".rodata"]),
            ]
        ).build()
    }
}
