/// The build information the Go linker embeds in every binary: the toolchain version and, for module-aware builds,
/// the main module, its dependencies and the build settings.
///
/// The format is the one Go's `debug/buildinfo` reads. A 32-byte header, 16-byte aligned near the start of the data:
/// the 14-byte magic `\xff Go buildinf:`, the pointer size, and a flags byte. Then either
/// - the inline format (Go 1.18 and later, flag bit 2 set): two strings, each a uvarint length followed by its
///   bytes, right after the header; or
/// - the pointer format (Go 1.13 to 1.17; bit 0 is the byte order): two virtual addresses, at bytes 16 and
///   16 + pointer size, each of a Go string header (data address, length) whose bytes sit elsewhere in the file.
///
/// The first string is `runtime.buildVersion` (`go1.21.3`); the second `runtime.modinfo`, the text of
/// `runtime/debug.BuildInfo` framed by 16 sentinel bytes on each side.
public struct GoBuildInfo: Hashable, Sendable {
    /// The toolchain that built the binary, as `runtime.Version()` reports it (`go1.21.3`,
    /// `go1.23.1 X:nocoverageredesign`).
    public var goVersion: String
    /// The main package's import path (the `path` line), when recorded.
    public var path: String?
    /// The main module (the `mod` line); absent for binaries built outside a module (GOPATH mode).
    public var mainModule: GoModule?
    /// The modules linked in (the `dep` lines), in the order recorded.
    public var dependencies: [GoModule]
    /// The build settings (the `build` lines), in the order recorded.
    public var settings: [GoBuildSetting]
    /// Lines of the module information that could not be read and were skipped.
    public var problems: [BinaryFormatError]

    public init(
        goVersion: String, path: String? = nil, mainModule: GoModule? = nil, dependencies: [GoModule] = [],
        settings: [GoBuildSetting] = [], problems: [BinaryFormatError] = []
    ) {
        self.goVersion = goVersion
        self.path = path
        self.mainModule = mainModule
        self.dependencies = dependencies
        self.settings = settings
        self.problems = problems
    }

    /// The 14 bytes that start the build-info header.
    public static let magic: [UInt8] = Array("\u{FF} Go buildinf:".unicodeScalars.map { UInt8($0.value) })

    /// How far into the data the header is looked for, as `debug/buildinfo` does: the linker puts it first.
    static let searchWindow = 64 << 10
    static let headerSize = 32
    static let alignment = 16

    /// Reads the build information of a Go binary, in whichever executable format it was built.
    ///
    /// Looks where Go's `debug/buildinfo` looks, within the first 64 KiB of each place:
    /// - ELF: the `.go.buildinfo` section; when the file has none (section headers stripped, or Go before 1.13), each
    ///   writable, non-executable loadable segment, then each writable allocated section;
    /// - PE: the `.go.buildinfo` section, if a linker kept it under that name; else each section of initialized,
    ///   readable, writable data with an address (the linker puts the header first in `.data`);
    /// - Mach-O: the `__go_buildinfo` section; else each segment with an address, bytes in the file and read-write
    ///   protection (`__DATA`), as older linkers put the header at its start.
    /// Pointer-format headers are followed through each format's address map.
    /// - Returns: `nil` when the file holds no build-info header, or one with an empty version: not a Go binary.
    /// - Throws: `BinaryFormatError` when a header was found but its contents are corrupt or point outside the file.
    public static func parse(_ executable: ExecutableFile) throws(BinaryFormatError) -> GoBuildInfo? {
        for region in try candidateRegions(in: executable) {
            guard let start = headerOffset(in: region) else { continue }
            let (version, moduleInfo) = try decode(blob: region[start...], executable: executable)
            guard !version.isEmpty else { return nil }
            var info = parseModuleInfo(moduleInfo)
            info.goVersion = version
            return info
        }
        return nil
    }

    /// The byte ranges that may hold the header, most likely first.
    private static func candidateRegions(in executable: ExecutableFile) throws(BinaryFormatError)
        -> [ArraySlice<UInt8>]
    {
        switch executable {
        case .elf(let elf): try candidateRegions(in: elf)
        case .pe(let pe): try candidateRegions(in: pe)
        case .machO(let machO): try candidateRegions(in: machO)
        }
    }

    private static func candidateRegions(in elf: ELFFile) throws(BinaryFormatError) -> [ArraySlice<UInt8>] {
        if let section = elf.section(named: ".go.buildinfo") {
            return [try elf.contents(of: section)]
        }
        var regions: [ArraySlice<UInt8>] = []
        for segment in elf.programHeaders
        where segment.type == .load && segment.flags.contains(.write) && !segment.flags.contains(.execute) {
            if let contents = try? elf.contents(of: segment) { regions.append(contents) }
        }
        if regions.isEmpty {
            for section in elf.sections
            where section.flags.contains([.write, .allocate]) && !section.flags.contains(.executable)
                && section.type == .programBits
            {
                if let contents = try? elf.contents(of: section) { regions.append(contents) }
            }
        }
        return regions
    }

    private static func candidateRegions(in pe: PEFile) throws(BinaryFormatError) -> [ArraySlice<UInt8>] {
        if let section = pe.section(named: ".go.buildinfo") {
            return [try pe.contents(of: section)]
        }
        let data: PESectionCharacteristics = [.initializedData, .read, .write]
        var regions: [ArraySlice<UInt8>] = []
        for section in pe.sections
        where section.virtualAddress != 0 && section.rawSize != 0
            && section.characteristics.subtracting(.alignmentMask) == data
        {
            if let contents = try? pe.contents(of: section) { regions.append(contents) }
        }
        return regions
    }

    private static func candidateRegions(in machO: MachOFile) throws(BinaryFormatError) -> [ArraySlice<UInt8>] {
        if let section = machO.section(named: "__go_buildinfo") {
            return [try machO.contents(of: section)]
        }
        let readWrite: MachOProtection = [.read, .write]
        var regions: [ArraySlice<UInt8>] = []
        for segment in machO.segments
        where segment.address != 0 && segment.fileSize != 0 && segment.initialProtection == readWrite
            && segment.maximumProtection == readWrite
        {
            if let contents = try? machO.contents(of: segment) { regions.append(contents) }
        }
        return regions
    }

    /// The index of the first 16-byte-aligned magic within the search window of `region`.
    static func headerOffset(in region: ArraySlice<UInt8>) -> Int? {
        let limit = min(region.endIndex, region.startIndex + searchWindow)
        var candidate = region.startIndex
        while candidate + magic.count <= limit {
            if region[candidate] == magic[0], region[candidate..<(candidate + magic.count)].elementsEqual(magic) {
                return candidate
            }
            candidate += alignment
        }
        return nil
    }

    /// Decodes the two strings a header introduces: the Go version and the framed module information.
    static func decode(
        blob: ArraySlice<UInt8>, executable: ExecutableFile
    ) throws(BinaryFormatError) -> (version: String, moduleInfo: [UInt8]) {
        guard blob.count >= headerSize else { throw .truncatedGoBuildInfo(available: blob.count) }
        let pointerSize = blob[blob.startIndex + 14]
        let flags = blob[blob.startIndex + 15]
        let versionBytes: ArraySlice<UInt8>
        let moduleBytes: ArraySlice<UInt8>
        if flags & 2 != 0 {
            var cursor = blob.startIndex + headerSize
            versionBytes = try inlineString(in: blob, at: &cursor)
            moduleBytes = try inlineString(in: blob, at: &cursor)
        } else {
            guard pointerSize == 4 || pointerSize == 8 else { throw .unsupportedGoPointerSize(pointerSize) }
            let isBigEndian = flags & 1 != 0
            let size = Int(pointerSize)
            let reader = ByteReader(bytes: Array(blob.prefix(headerSize)), isBigEndian: isBigEndian)
            let versionAddress = reader.word(at: 16, size: size) ?? 0
            let moduleAddress = reader.word(at: 16 + size, size: size) ?? 0
            versionBytes = try pointedString(
                at: versionAddress, pointerSize: size, isBigEndian: isBigEndian, executable: executable)
            moduleBytes = try pointedString(
                at: moduleAddress, pointerSize: size, isBigEndian: isBigEndian, executable: executable)
        }
        return (String(decoding: versionBytes, as: UTF8.self), unframed(moduleBytes))
    }

    /// Reads a uvarint-prefixed string at `cursor` and moves the cursor past it.
    private static func inlineString(
        in blob: ArraySlice<UInt8>, at cursor: inout Int
    ) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        let lengthOffset = cursor
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < blob.endIndex, shift < 64 else {
                throw .malformedGoBuildInfoVarint(offset: lengthOffset - blob.startIndex)
            }
            let byte = blob[cursor]
            cursor += 1
            if shift == 63, byte > 1 { throw .malformedGoBuildInfoVarint(offset: lengthOffset - blob.startIndex) }
            length |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let available = blob.endIndex - cursor
        guard length <= UInt64(available) else {
            throw .goBuildInfoStringOutOfBounds(
                offset: lengthOffset - blob.startIndex, length: length, available: available)
        }
        defer { cursor += Int(length) }
        return blob[cursor..<(cursor + Int(length))]
    }

    /// Reads the Go string whose header (data pointer, length) sits at virtual address `address`.
    private static func pointedString(
        at address: UInt64, pointerSize: Int, isBigEndian: Bool, executable: ExecutableFile
    ) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        let header = try executable.data(atAddress: address, count: UInt64(2 * pointerSize))
        let reader = ByteReader(bytes: Array(header), isBigEndian: isBigEndian)
        let dataAddress = reader.word(at: 0, size: pointerSize) ?? 0
        let length = reader.word(at: pointerSize, size: pointerSize) ?? 0
        guard length > 0 else { return [] }
        return try executable.data(atAddress: dataAddress, count: length)
    }

    /// Strips the 16-byte sentinels around `runtime.modinfo`; text without them is not module information.
    private static func unframed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.count >= 33, bytes[bytes.endIndex - 17] == UInt8(ascii: "\n") else { return [] }
        return Array(bytes[(bytes.startIndex + 16)..<(bytes.endIndex - 16)])
    }
}
