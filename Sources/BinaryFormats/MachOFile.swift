/// A Mach-O image read from memory: its header, load commands, segments and sections.
///
/// Follows Apple's `<mach-o/loader.h>`, for both classes (32- and 64-bit) and both byte orders. The image is either a
/// whole file or one architecture's slice of a universal binary (`MachOUniversalFile`); offsets in the image are from
/// its start, and every one is checked against the image's extent: the load commands must lie inside it and each must
/// hold what its size claims (else the initializer throws); a section's or segment's own bytes are checked when they
/// are read.
public struct MachOFile: Sendable {
    public let header: MachOHeader
    /// Every load command, in order.
    public let loadCommands: [MachOLoadCommand]
    /// The segments (`LC_SEGMENT`, `LC_SEGMENT_64`), in load-command order, each with its sections.
    public let segments: [MachOSegment]
    /// The bytes of the whole file, a universal binary's other slices included.
    public let bytes: [UInt8]
    /// Where this image lies in `bytes`.
    public let range: Range<Int>

    private var reader: ByteReader { ByteReader(bytes: bytes, isBigEndian: header.isBigEndian) }

    /// The first four bytes of a 32-bit big-endian image; the other magics are its 64-bit and byte-swapped variants.
    static let magic32: UInt32 = 0xFEED_FACE
    static let magic64: UInt32 = 0xFEED_FACF
    static let segmentCommandSize32 = 56
    static let segmentCommandSize64 = 72
    static let sectionSize32 = 68
    static let sectionSize64 = 80

    /// Returns whether `bytes` start with one of the four magics of a single-architecture Mach-O image.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        classify(Array(bytes.prefix(4))) != nil
    }

    /// The class and byte order the first four bytes announce, if they are a Mach-O magic.
    private static func classify(_ first: [UInt8]) -> (is64Bit: Bool, isBigEndian: Bool)? {
        guard first.count == 4 else { return nil }
        let bigEndian = ByteReader(bytes: first, isBigEndian: true).uint32(at: 0) ?? 0
        switch bigEndian {
        case magic32: return (false, true)
        case magic64: return (true, true)
        case magic32.byteSwapped: return (false, false)
        case magic64.byteSwapped: return (true, false)
        default: return nil
        }
    }

    /// Reads a single-architecture Mach-O file.
    ///
    /// - Throws: `BinaryFormatError` when the bytes are not a single-architecture Mach-O image (a universal binary is
    ///   read with `MachOUniversalFile`), the header is truncated, or a load command is malformed or lies outside
    ///   the file.
    public init(_ bytes: [UInt8]) throws(BinaryFormatError) {
        try self.init(bytes, range: bytes.indices)
    }

    /// Reads the image that occupies `range` of `bytes`, which must lie inside the buffer.
    init(_ bytes: [UInt8], range: Range<Int>) throws(BinaryFormatError) {
        guard let (is64Bit, isBigEndian) = Self.classify(Array(bytes[range].prefix(4))) else { throw .notMachO }
        let reader = ByteReader(bytes: bytes, isBigEndian: isBigEndian)
        let base = range.lowerBound
        let headerSize = is64Bit ? 32 : 28
        guard range.count >= headerSize else { throw .truncatedMachOHeader(size: range.count, needed: headerSize) }
        let header = MachOHeader(
            is64Bit: is64Bit, isBigEndian: isBigEndian,
            cpuType: MachOCPUType(rawValue: reader.uint32(at: base + 4) ?? 0),
            cpuSubtype: reader.uint32(at: base + 8) ?? 0,
            fileType: MachOFileType(rawValue: reader.uint32(at: base + 12) ?? 0),
            loadCommandCount: Int(reader.uint32(at: base + 16) ?? 0),
            loadCommandsSize: reader.uint32(at: base + 20) ?? 0,
            flags: MachOHeaderFlags(rawValue: reader.uint32(at: base + 24) ?? 0))
        self.bytes = bytes
        self.range = range
        self.header = header
        (self.loadCommands, self.segments) = try Self.readLoadCommands(reader, header: header, range: range)
    }

    /// The first section named `name`, in segment `segment` when one is given.
    public func section(named name: String, inSegment segment: String? = nil) -> MachOSection? {
        for candidate in segments where segment == nil || candidate.name == segment {
            if let section = candidate.sections.first(where: { $0.name == name }) { return section }
        }
        return nil
    }

    /// The first segment named `name`, if any.
    public func segment(named name: String) -> MachOSegment? {
        segments.first { $0.name == name }
    }

    /// The bytes of `section` in the file; empty for a zero-fill section.
    ///
    /// - Throws: `BinaryFormatError.sectionOutOfBounds` when the section's extent lies outside the image.
    public func contents(of section: MachOSection) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard !section.isZeroFill, section.size != 0 else { return [] }
        guard let bounds = Self.subrange(of: range, offset: UInt64(section.offset), count: section.size) else {
            throw .sectionOutOfBounds(
                name: "\(section.segmentName),\(section.name)", offset: UInt64(section.offset), size: section.size,
                fileSize: range.count)
        }
        return bytes[bounds]
    }

    /// The bytes of `segment` in the file (`filesize` of them, from `fileoff`).
    ///
    /// - Throws: `BinaryFormatError.segmentOutOfBounds` when the segment's extent lies outside the image.
    public func contents(of segment: MachOSegment) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard let bounds = Self.subrange(of: range, offset: segment.fileOffset, count: segment.fileSize) else {
            throw .segmentOutOfBounds(
                index: segment.commandIndex, offset: segment.fileOffset, size: segment.fileSize, fileSize: range.count)
        }
        return bytes[bounds]
    }

    /// The `count` bytes that sit at virtual address `address` once the image is loaded.
    ///
    /// Looks in the segments other than `__PAGEZERO`, as Go's `debug/buildinfo` does; the bytes must all come from
    /// one segment's file data.
    /// - Throws: `BinaryFormatError.addressNotMapped` when no segment holds the whole range, or the out-of-bounds
    ///   error of the segment that claims it.
    public func data(atAddress address: UInt64, count: UInt64) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard
            let segment = segments.first(where: {
                $0.name != "__PAGEZERO" && $0.contains(address: address, count: count)
            })
        else { throw .addressNotMapped(address: address, count: count) }
        let contents = try contents(of: segment)
        let start = contents.startIndex + Int(address - segment.address)
        return contents[start..<(start + Int(count))]
    }

    /// The `count` bytes at `offset` from the start of `range`, when they all lie inside it.
    static func subrange(of range: Range<Int>, offset: UInt64, count: UInt64) -> Range<Int>? {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= UInt64(range.count) else { return nil }
        return (range.lowerBound + Int(offset))..<(range.lowerBound + Int(end))
    }

    /// Walks the load commands, decoding the segments and their sections.
    private static func readLoadCommands(
        _ reader: ByteReader, header: MachOHeader, range: Range<Int>
    ) throws(BinaryFormatError) -> ([MachOLoadCommand], [MachOSegment]) {
        let count = header.loadCommandCount
        let size = UInt64(header.loadCommandsSize)
        guard let area = subrange(of: range, offset: UInt64(header.size), count: size), UInt64(count) * 8 <= size
        else {
            throw .loadCommandsOutOfBounds(count: count, size: header.loadCommandsSize, fileSize: range.count)
        }
        var commands: [MachOLoadCommand] = []
        var segments: [MachOSegment] = []
        var cursor = area.lowerBound
        for index in 0..<count {
            guard area.upperBound - cursor >= 8 else {
                throw .malformedLoadCommand(index: index, reason: "it starts past the end of the load commands")
            }
            let type = reader.uint32(at: cursor) ?? 0
            let commandSize = Int(reader.uint32(at: cursor + 4) ?? 0)
            guard commandSize >= 8 else {
                throw .malformedLoadCommand(index: index, reason: "its size, \(commandSize), is under 8 bytes")
            }
            guard commandSize <= area.upperBound - cursor else {
                throw .malformedLoadCommand(
                    index: index, reason: "its \(commandSize) bytes run past the end of the load commands")
            }
            let command = MachOLoadCommand(type: type, offset: cursor - range.lowerBound, size: commandSize)
            commands.append(command)
            if type == MachOLoadCommand.segment || type == MachOLoadCommand.segment64 {
                segments.append(
                    try segment(
                        at: cursor, index: index, size: commandSize, is64Bit: type == MachOLoadCommand.segment64,
                        reader: reader))
            }
            cursor += commandSize
        }
        return (commands, segments)
    }

    /// Decodes a segment command of `size` bytes at `offset`, known to lie inside the buffer, and its sections.
    private static func segment(
        at offset: Int, index: Int, size: Int, is64Bit: Bool, reader: ByteReader
    ) throws(BinaryFormatError) -> MachOSegment {
        let headerSize = is64Bit ? segmentCommandSize64 : segmentCommandSize32
        let sectionSize = is64Bit ? sectionSize64 : sectionSize32
        guard size >= headerSize else {
            throw .malformedLoadCommand(
                index: index, reason: "a segment command of \(size) bytes, under the \(headerSize) it needs")
        }
        let word = { (field: Int) -> UInt64 in
            is64Bit ? reader.uint64(at: offset + field) ?? 0 : UInt64(reader.uint32(at: offset + field) ?? 0)
        }
        let wordSize = is64Bit ? 8 : 4
        let tail = 24 + 4 * wordSize
        let sectionCount = UInt64(reader.uint32(at: offset + tail + 8) ?? 0)
        guard sectionCount <= UInt64((size - headerSize) / sectionSize) else {
            throw .malformedLoadCommand(
                index: index, reason: "a segment command of \(size) bytes claims \(sectionCount) sections")
        }
        var segment = MachOSegment(
            commandIndex: index, name: fixedString(at: offset + 8, reader: reader), address: word(24),
            memorySize: word(24 + wordSize), fileOffset: word(24 + 2 * wordSize), fileSize: word(24 + 3 * wordSize),
            maximumProtection: MachOProtection(rawValue: reader.uint32(at: offset + tail) ?? 0),
            initialProtection: MachOProtection(rawValue: reader.uint32(at: offset + tail + 4) ?? 0),
            flags: reader.uint32(at: offset + tail + 12) ?? 0)
        for number in 0..<Int(sectionCount) {
            let entry = offset + headerSize + number * sectionSize
            let sectionWord = { (field: Int) -> UInt64 in
                is64Bit ? reader.uint64(at: entry + field) ?? 0 : UInt64(reader.uint32(at: entry + field) ?? 0)
            }
            let fields = 32 + 2 * wordSize
            segment.sections.append(
                MachOSection(
                    name: fixedString(at: entry, reader: reader),
                    segmentName: fixedString(at: entry + 16, reader: reader), address: sectionWord(32),
                    size: sectionWord(32 + wordSize), offset: reader.uint32(at: entry + fields) ?? 0,
                    alignment: reader.uint32(at: entry + fields + 4) ?? 0,
                    flags: reader.uint32(at: entry + fields + 16) ?? 0))
        }
        return segment
    }

    /// A 16-byte name field, up to its first NUL.
    private static func fixedString(at offset: Int, reader: ByteReader) -> String {
        let field = reader.bytes[offset..<(offset + 16)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }
}
