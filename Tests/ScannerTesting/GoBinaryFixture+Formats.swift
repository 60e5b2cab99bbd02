/// Go binaries in the PE and Mach-O formats, laid out where Go's linkers put the build information.
///
/// Go's linker writes the blob at the start of `.data` in PE images (`.go.buildinfo` keeps no section of its own there),
/// in a `__go_buildinfo` section of `__DATA` in Mach-O images from Go 1.18 on, and at the start of the `__DATA`
/// segment before. The pointer format (Go 1.13 to 1.17) puts two Go string headers after the blob and the strings in
/// read-only data, as `GoBinaryFixture.pointerBinary` does for ELF.
extension GoBinaryFixture {
    /// The blob, string headers and strings of a pointer-format build info whose blob is at `blobAddress` and whose
    /// strings start at `stringsAddress`: the blob is followed by the two string headers it points at.
    public static func pointerLayout(
        goVersion: String, moduleInfo: String?, is64Bit: Bool, isBigEndian: Bool, blobAddress: UInt64,
        stringsAddress: UInt64
    ) -> (blobAndHeaders: [UInt8], strings: [UInt8]) {
        let pointerSize = is64Bit ? 8 : 4
        let versionBytes = Array(goVersion.utf8)
        let moduleBytes = moduleInfo.map(framed) ?? []
        var writer = ByteWriter(isBigEndian: isBigEndian)
        writer.bytes = Array(
            header(pointerSize: UInt8(pointerSize), isBigEndian: isBigEndian, isInline: false).prefix(16))
        writer.word(blobAddress + 32, is64Bit: is64Bit)
        writer.word(blobAddress + 32 + UInt64(2 * pointerSize), is64Bit: is64Bit)
        writer.bytes += [UInt8](repeating: 0, count: 32 - writer.bytes.count)
        writer.word(stringsAddress, is64Bit: is64Bit)
        writer.word(UInt64(versionBytes.count), is64Bit: is64Bit)
        writer.word(stringsAddress + UInt64(versionBytes.count), is64Bit: is64Bit)
        writer.word(UInt64(moduleBytes.count), is64Bit: is64Bit)
        return (writer.bytes, versionBytes + moduleBytes)
    }

    /// A PE image whose `.data` section starts with `blob`, beside `.text` and `.rdata` holding `readOnlyData`.
    public static func pe(buildInfoBlob blob: [UInt8], readOnlyData: [UInt8] = [0], is64Bit: Bool = true) -> [UInt8] {
        PEBuilder(
            is64Bit: is64Bit,
            sections: [
                .init(name: ".text", characteristics: PEBuilder.Section.code, virtualAddress: 0x1000, contents: [0xC3]),
                .init(
                    name: ".rdata", characteristics: PEBuilder.Section.readOnlyData, virtualAddress: 0x2000,
                    contents: readOnlyData),
                .init(name: ".data", characteristics: PEBuilder.Section.data, virtualAddress: 0x3000, contents: blob),
            ]
        ).build()
    }

    /// A Go binary for Windows in the inline format (Go 1.18 and later).
    public static func inlinePE(
        goVersion: String = "go1.21.3", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true
    ) -> [UInt8] {
        pe(
            buildInfoBlob: inlineBlob(goVersion: goVersion, moduleInfo: moduleInfo, pointerSize: is64Bit ? 8 : 4),
            is64Bit: is64Bit)
    }

    /// A Go binary for Windows in the pointer format: addresses are the image base plus the sections' addresses.
    public static func pointerPE(
        goVersion: String = "go1.16.15", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true
    ) -> [UInt8] {
        let imageBase = PEBuilder(is64Bit: is64Bit).imageBase
        let layout = pointerLayout(
            goVersion: goVersion, moduleInfo: moduleInfo, is64Bit: is64Bit, isBigEndian: false,
            blobAddress: imageBase + 0x3000, stringsAddress: imageBase + 0x2000)
        return pe(buildInfoBlob: layout.blobAndHeaders, readOnlyData: layout.strings, is64Bit: is64Bit)
    }

    /// A Mach-O image: `__PAGEZERO`, `__TEXT` with `__text` and `__rodata` holding `readOnlyData`, and `__DATA` with
    /// `dataSections`.
    public static func machO(
        dataSections: [MachOBuilder.Section], readOnlyData: [UInt8] = [0], is64Bit: Bool = true,
        isBigEndian: Bool = false, cpuType: UInt32? = nil
    ) -> [UInt8] {
        MachOBuilder(
            is64Bit: is64Bit, isBigEndian: isBigEndian, cpuType: cpuType,
            segments: [
                .init(name: "__PAGEZERO", address: 0, protection: 0, sections: [], memorySize: 0x1_0000_0000),
                .init(
                    name: "__TEXT", address: 0x1_0000_0000, protection: 5,
                    sections: [
                        .init(name: "__text", contents: [0xC3]), .init(name: "__rodata", contents: readOnlyData),
                    ]
                ),
                .init(name: "__DATA", address: 0x1_0010_0000, protection: 3, sections: dataSections),
            ]
        ).build()
    }

    /// A Go binary for macOS in the inline format, the blob in `__DATA,__go_buildinfo`.
    public static func inlineMachO(
        goVersion: String = "go1.21.3", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true,
        isBigEndian: Bool = false, cpuType: UInt32? = nil
    ) -> [UInt8] {
        let blob = inlineBlob(
            goVersion: goVersion, moduleInfo: moduleInfo, pointerSize: is64Bit ? 8 : 4, isBigEndian: isBigEndian)
        return machO(
            dataSections: [.init(name: "__go_buildinfo", contents: blob), .init(name: "__data", contents: [1, 2])],
            is64Bit: is64Bit, isBigEndian: isBigEndian, cpuType: cpuType)
    }

    /// A Go binary for macOS in the pointer format, the blob at the start of `__DATA` (in `__data`), as before Go 1.18.
    public static func pointerMachO(
        goVersion: String = "go1.16.15", moduleInfo: String? = sampleModuleInfo, is64Bit: Bool = true,
        isBigEndian: Bool = false
    ) -> [UInt8] {
        let builder = MachOBuilder(
            is64Bit: is64Bit, isBigEndian: isBigEndian,
            segments: [
                .init(name: "__TEXT", address: 0x1000, protection: 5, sections: [.init(name: "__text", contents: [1])]),
                .init(name: "__DATA", address: 0x8000, protection: 3, sections: []),
            ])
        // __TEXT's `__rodata` starts 16 bytes into the segment, right after `__text`.
        let layout = pointerLayout(
            goVersion: goVersion, moduleInfo: moduleInfo, is64Bit: is64Bit, isBigEndian: isBigEndian,
            blobAddress: 0x8000, stringsAddress: builder.segments[0].address + 16)
        var complete = builder
        complete.segments[0].sections.append(.init(name: "__rodata", contents: layout.strings))
        complete.segments[1].sections = [.init(name: "__data", contents: layout.blobAndHeaders)]
        return complete.build()
    }
}
