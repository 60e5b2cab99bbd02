/// Builds small ELF files in memory, for tests of binary readers and of the analyzers that use them.
///
/// The layout is simple and valid: the file header, the program header table, each section's bytes (16-byte
/// aligned, in order), the section-name table, then the section header table. Segments are described by the sections
/// they cover, so their offsets and addresses follow the layout.
public struct ELFBuilder: Sendable {
    /// A section to lay out.
    public struct Section: Sendable {
        public var name: String
        /// `sh_type`: 1 for bytes in the file (`PROGBITS`), 8 for none (`NOBITS`).
        public var type: UInt32
        /// `sh_flags`: 1 write, 2 allocate, 4 execute.
        public var flags: UInt64
        public var address: UInt64
        public var contents: [UInt8]

        public init(name: String, type: UInt32 = 1, flags: UInt64 = 0x2, address: UInt64 = 0, contents: [UInt8]) {
            self.name = name
            self.type = type
            self.flags = flags
            self.address = address
            self.contents = contents
        }
    }

    /// A program header covering consecutive sections.
    public struct Segment: Sendable {
        /// `p_type`: 1 for `PT_LOAD`.
        public var type: UInt32
        /// `p_flags`: 1 execute, 2 write, 4 read.
        public var flags: UInt32
        /// The names of the sections it covers, first to last.
        public var sections: [String]

        public init(type: UInt32 = 1, flags: UInt32, sections: [String]) {
            self.type = type
            self.flags = flags
            self.sections = sections
        }
    }

    public var is64Bit: Bool
    public var isBigEndian: Bool
    /// `e_type`: 2 for an executable, 3 for a shared object or PIE.
    public var fileType: UInt16 = 2
    /// `e_machine`: 62 for x86-64, 8 for MIPS.
    public var machine: UInt16
    public var sections: [Section]
    public var segments: [Segment]
    /// Whether to write the section header table (and `.shstrtab`); a stripped-down file has none.
    public var includesSectionHeaders = true

    public init(
        is64Bit: Bool = true, isBigEndian: Bool = false, machine: UInt16 = 62, sections: [Section] = [],
        segments: [Segment] = []
    ) {
        self.is64Bit = is64Bit
        self.isBigEndian = isBigEndian
        self.machine = machine
        self.sections = sections
        self.segments = segments
    }

    private var headerSize: Int { is64Bit ? 64 : 52 }
    private var programHeaderSize: Int { is64Bit ? 56 : 32 }
    private var sectionHeaderSize: Int { is64Bit ? 64 : 40 }

    /// Where each section's bytes start in the built file, by name.
    public var sectionOffsets: [String: Int] {
        var offsets: [String: Int] = [:]
        var position = Self.aligned(headerSize + segments.count * programHeaderSize)
        for section in sections {
            offsets[section.name] = position
            if section.type != 8 { position = Self.aligned(position + section.contents.count) }
        }
        return offsets
    }

    /// The bytes of the file.
    public func build() -> [UInt8] {
        var writer = ByteWriter(isBigEndian: isBigEndian)
        let offsets = sectionOffsets
        var names: [UInt8] = [0]
        var nameOffsets: [Int] = []
        for section in sections + [Section(name: ".shstrtab", type: 3, flags: 0, contents: [])] {
            nameOffsets.append(names.count)
            names += Array(section.name.utf8) + [0]
        }
        var body: [UInt8] = []
        let bodyStart = Self.aligned(headerSize + segments.count * programHeaderSize)
        for section in sections where section.type != 8 {
            let offset = offsets[section.name] ?? bodyStart
            body += [UInt8](repeating: 0, count: offset - bodyStart - body.count) + section.contents
        }
        body += [UInt8](repeating: 0, count: Self.aligned(bodyStart + body.count) - bodyStart - body.count)
        let namesOffset = bodyStart + body.count
        body += names
        body += [UInt8](repeating: 0, count: Self.aligned(bodyStart + body.count) - bodyStart - body.count)
        let sectionTableOffset = includesSectionHeaders ? bodyStart + body.count : 0

        // File header.
        writer.bytes += [0x7F, 0x45, 0x4C, 0x46, is64Bit ? 2 : 1, isBigEndian ? 2 : 1, 1, 0]
        writer.bytes += [UInt8](repeating: 0, count: 8)
        writer.u16(fileType)
        writer.u16(machine)
        writer.u32(1)
        writer.word(0x40_1000, is64Bit: is64Bit)
        writer.word(segments.isEmpty ? 0 : UInt64(headerSize), is64Bit: is64Bit)
        writer.word(UInt64(sectionTableOffset), is64Bit: is64Bit)
        writer.u32(0)
        writer.u16(UInt16(headerSize))
        writer.u16(UInt16(programHeaderSize))
        writer.u16(UInt16(segments.count))
        writer.u16(UInt16(sectionHeaderSize))
        writer.u16(includesSectionHeaders ? UInt16(sections.count + 2) : 0)
        writer.u16(includesSectionHeaders ? UInt16(sections.count + 1) : 0)

        for segment in segments {
            let covered = sections.filter { segment.sections.contains($0.name) }
            let first = covered.first
            let offset = first.flatMap { offsets[$0.name] } ?? 0
            let end = covered.map { (offsets[$0.name] ?? 0) + ($0.type == 8 ? 0 : $0.contents.count) }.max() ?? offset
            let memoryEnd = covered.map { (offsets[$0.name] ?? 0) + $0.contents.count }.max() ?? offset
            let address = first?.address ?? 0
            writer.u32(segment.type)
            if is64Bit {
                writer.u32(segment.flags)
                writer.u64(UInt64(offset))
                writer.u64(address)
                writer.u64(address)
                writer.u64(UInt64(end - offset))
                writer.u64(UInt64(memoryEnd - offset))
                writer.u64(16)
            } else {
                writer.u32(UInt32(offset))
                writer.u32(UInt32(truncatingIfNeeded: address))
                writer.u32(UInt32(truncatingIfNeeded: address))
                writer.u32(UInt32(end - offset))
                writer.u32(UInt32(memoryEnd - offset))
                writer.u32(segment.flags)
                writer.u32(16)
            }
        }
        writer.bytes += [UInt8](repeating: 0, count: bodyStart - writer.bytes.count)
        writer.bytes += body

        guard includesSectionHeaders else { return writer.bytes }
        writer.bytes += [UInt8](repeating: 0, count: sectionHeaderSize)  // section 0
        let nameTable = Section(name: ".shstrtab", type: 3, flags: 0, contents: names)
        for (index, section) in (sections + [nameTable]).enumerated() {
            let offset = index == sections.count ? namesOffset : offsets[section.name] ?? 0
            writer.u32(UInt32(nameOffsets[index]))
            writer.u32(section.type)
            writer.word(section.flags, is64Bit: is64Bit)
            writer.word(section.address, is64Bit: is64Bit)
            writer.word(UInt64(offset), is64Bit: is64Bit)
            writer.word(UInt64(section.contents.count), is64Bit: is64Bit)
            writer.u32(0)
            writer.u32(0)
            writer.word(16, is64Bit: is64Bit)
            writer.word(0, is64Bit: is64Bit)
        }
        return writer.bytes
    }

    static func aligned(_ value: Int) -> Int { (value + 15) & ~15 }
}

/// Appends integers in one byte order.
public struct ByteWriter: Sendable {
    public var bytes: [UInt8] = []
    public let isBigEndian: Bool

    public init(isBigEndian: Bool) {
        self.isBigEndian = isBigEndian
    }

    public mutating func integer(_ value: UInt64, size: Int) {
        let little = (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        bytes += isBigEndian ? little.reversed() : little
    }

    public mutating func u16(_ value: UInt16) { integer(UInt64(value), size: 2) }
    public mutating func u32(_ value: UInt32) { integer(UInt64(value), size: 4) }
    public mutating func u64(_ value: UInt64) { integer(value, size: 8) }
    public mutating func word(_ value: UInt64, is64Bit: Bool) { integer(value, size: is64Bit ? 8 : 4) }
}
