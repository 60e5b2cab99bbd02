/// An ELF object file read from memory: its header, sections and program headers.
///
/// Follows the System V ABI's "Object Files" chapter (ELF 1.2 and the gABI), for both classes (32- and 64-bit) and
/// both byte orders. Every offset and count the file gives is checked against the buffer: the header tables must lie
/// inside the file (else the initializer throws); a section's or segment's own bytes are checked when they are read,
/// since real files carry sections (`.bss`, `.tbss`) whose recorded extent lies past the end of the file.
public struct ELFFile: Sendable {
    public let header: ELFHeader
    /// The sections, in table order; empty when the file has no section header table.
    public let sections: [ELFSection]
    /// The program headers, in table order; empty when the file has none (relocatable objects).
    public let programHeaders: [ELFProgramHeader]
    /// The file's bytes.
    public let bytes: [UInt8]

    private var reader: ByteReader { ByteReader(bytes: bytes, isBigEndian: header.isBigEndian) }

    /// The four bytes every ELF file starts with.
    public static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

    /// Returns whether `bytes` start with the ELF magic; a cheap test before parsing.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// Reads the header, the section header table (with names) and the program header table.
    ///
    /// - Throws: `BinaryFormatError` when the bytes are not ELF, the header is truncated, or a header table or the
    ///   section-name table lies outside the file.
    public init(_ bytes: [UInt8]) throws(BinaryFormatError) {
        var header = try Self.readHeader(bytes)
        let reader = ByteReader(bytes: bytes, isBigEndian: header.isBigEndian)
        let unnamed = try Self.readSectionHeaders(reader, header: &header)
        self.bytes = bytes
        self.header = header
        self.sections = try Self.name(unnamed, reader: reader, nameTableIndex: header.sectionNameTableIndex)
        self.programHeaders = try Self.readProgramHeaders(reader, header: header)
    }

    /// The first section named `name`, if any.
    public func section(named name: String) -> ELFSection? {
        sections.first { $0.name == name }
    }

    /// The bytes of `section` in the file; empty for a `noBits` section.
    ///
    /// - Throws: `BinaryFormatError.sectionOutOfBounds` when the section's extent lies outside the file.
    public func contents(of section: ELFSection) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard section.type != .noBits, section.type != .null else { return [] }
        guard let range = reader.range(offset: section.offset, count: section.size) else {
            throw .sectionOutOfBounds(
                name: section.name, offset: section.offset, size: section.size, fileSize: bytes.count)
        }
        return bytes[range]
    }

    /// The bytes of `segment` in the file (`p_filesz` of them, from `p_offset`).
    ///
    /// - Throws: `BinaryFormatError.segmentOutOfBounds` when the segment's extent lies outside the file.
    public func contents(of segment: ELFProgramHeader) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard let range = reader.range(offset: segment.offset, count: segment.fileSize) else {
            throw .segmentOutOfBounds(
                index: segment.index, offset: segment.offset, size: segment.fileSize, fileSize: bytes.count)
        }
        return bytes[range]
    }

    /// The `count` bytes that sit at virtual address `address` once the file is loaded.
    ///
    /// Looks in the loadable segments (`PT_LOAD`), as a loader would; in a file without program headers, in the
    /// allocated sections. The bytes must all come from the file: a range reaching into a segment's zero-filled tail
    /// is not mapped here.
    /// - Throws: `BinaryFormatError.addressNotMapped` when no segment holds the whole range, or the out-of-bounds
    ///   error of the segment that claims it.
    public func data(atAddress address: UInt64, count: UInt64) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        let loadable = programHeaders.filter { $0.type == .load }
        if !loadable.isEmpty {
            guard let segment = loadable.first(where: { $0.contains(address: address, count: count) }) else {
                throw .addressNotMapped(address: address, count: count)
            }
            let contents = try contents(of: segment)
            let start = contents.startIndex + Int(address - segment.virtualAddress)
            return contents[start..<(start + Int(count))]
        }
        for section in sections where section.flags.contains(.allocate) && section.type != .noBits {
            guard address >= section.address, address - section.address <= section.size,
                count <= section.size - (address - section.address)
            else { continue }
            let contents = try contents(of: section)
            let start = contents.startIndex + Int(address - section.address)
            return contents[start..<(start + Int(count))]
        }
        throw .addressNotMapped(address: address, count: count)
    }

    private static func readHeader(_ bytes: [UInt8]) throws(BinaryFormatError) -> ELFHeader {
        guard hasMagic(bytes) else { throw .notELF }
        guard bytes.count > 5 else { throw .truncatedHeader(size: bytes.count, needed: 52) }
        let is64Bit: Bool
        switch bytes[4] {
        case 1: is64Bit = false
        case 2: is64Bit = true
        default: throw .unsupportedELFClass(bytes[4])
        }
        let isBigEndian: Bool
        switch bytes[5] {
        case 1: isBigEndian = false
        case 2: isBigEndian = true
        default: throw .unsupportedELFByteOrder(bytes[5])
        }
        let needed = is64Bit ? 64 : 52
        guard bytes.count >= needed else { throw .truncatedHeader(size: bytes.count, needed: needed) }
        let reader = ByteReader(bytes: bytes, isBigEndian: isBigEndian)
        let wordSize = is64Bit ? 8 : 4
        // Offsets after e_entry shift by the word size between the classes: 24 + 3 words starts e_flags.
        let tail = 24 + 3 * wordSize
        let header = ELFHeader(
            is64Bit: is64Bit, isBigEndian: isBigEndian, osABI: bytes[7],
            fileType: ELFFileType(rawValue: reader.uint16(at: 16) ?? 0),
            machine: ELFMachine(rawValue: reader.uint16(at: 18) ?? 0),
            entry: reader.word(at: 24, size: wordSize) ?? 0,
            flags: reader.uint32(at: tail) ?? 0,
            programHeaderOffset: reader.word(at: 24 + wordSize, size: wordSize) ?? 0,
            programHeaderEntrySize: Int(reader.uint16(at: tail + 6) ?? 0),
            programHeaderCount: Int(reader.uint16(at: tail + 8) ?? 0),
            sectionHeaderOffset: reader.word(at: 24 + 2 * wordSize, size: wordSize) ?? 0,
            sectionHeaderEntrySize: Int(reader.uint16(at: tail + 10) ?? 0),
            sectionHeaderCount: Int(reader.uint16(at: tail + 12) ?? 0),
            sectionNameTableIndex: Int(reader.uint16(at: tail + 14) ?? 0))
        return header
    }

    /// Checks that a header table lies inside the file and returns the offset of each entry.
    private static func entryOffsets(
        of table: ELFTable, offset: UInt64, count: UInt64, entrySize: Int, minimum: Int, fileSize: Int
    ) throws(BinaryFormatError) -> [Int] {
        guard count > 0 else { return [] }
        guard entrySize >= minimum else { throw .tableEntryTooSmall(table, entrySize: entrySize, minimum: minimum) }
        let (length, overflow) = count.multipliedReportingOverflow(by: UInt64(entrySize))
        let (end, endOverflow) = offset.addingReportingOverflow(length)
        guard !overflow, !endOverflow, end <= UInt64(fileSize) else {
            throw .tableOutOfBounds(table, offset: offset, count: count, entrySize: entrySize, fileSize: fileSize)
        }
        return (0..<Int(count)).map { Int(offset) + $0 * entrySize }
    }

    /// Reads the section header table, resolving extended numbering from section 0 into `header`.
    private static func readSectionHeaders(
        _ reader: ByteReader, header: inout ELFHeader
    ) throws(BinaryFormatError) -> [(section: ELFSection, nameOffset: UInt32)] {
        guard header.sectionHeaderOffset != 0 else {
            header.sectionHeaderCount = 0
            header.sectionNameTableIndex = 0
            return []
        }
        let minimum = header.is64Bit ? 64 : 40
        var count = UInt64(header.sectionHeaderCount)
        if count == 0 || header.sectionNameTableIndex == 0xFFFF || header.programHeaderCount == 0xFFFF {
            // Extended numbering (gABI, "Sections"): counts too large for the header live in section 0.
            let first = try entryOffsets(
                of: .sectionHeaders, offset: header.sectionHeaderOffset, count: 1,
                entrySize: header.sectionHeaderEntrySize, minimum: minimum, fileSize: reader.bytes.count)
            let section0 = section(at: first[0], index: 0, reader: reader, is64Bit: header.is64Bit).section
            if count == 0 { count = section0.size }
            if header.sectionNameTableIndex == 0xFFFF { header.sectionNameTableIndex = Int(section0.link) }
            if header.programHeaderCount == 0xFFFF { header.programHeaderCount = Int(section0.info) }
        }
        let offsets = try entryOffsets(
            of: .sectionHeaders, offset: header.sectionHeaderOffset, count: count,
            entrySize: header.sectionHeaderEntrySize, minimum: minimum, fileSize: reader.bytes.count)
        header.sectionHeaderCount = offsets.count
        return offsets.enumerated().map { section(at: $1, index: $0, reader: reader, is64Bit: header.is64Bit) }
    }

    /// Decodes one section header whose bytes are known to lie inside the buffer; the name is left to resolve.
    private static func section(
        at offset: Int, index: Int, reader: ByteReader, is64Bit: Bool
    ) -> (section: ELFSection, nameOffset: UInt32) {
        let nameOffset = reader.uint32(at: offset) ?? 0
        let type = ELFSectionType(rawValue: reader.uint32(at: offset + 4) ?? 0)
        if is64Bit {
            let section = ELFSection(
                index: index, name: "", type: type,
                flags: ELFSectionFlags(rawValue: reader.uint64(at: offset + 8) ?? 0),
                address: reader.uint64(at: offset + 16) ?? 0, offset: reader.uint64(at: offset + 24) ?? 0,
                size: reader.uint64(at: offset + 32) ?? 0, link: reader.uint32(at: offset + 40) ?? 0,
                info: reader.uint32(at: offset + 44) ?? 0, alignment: reader.uint64(at: offset + 48) ?? 0,
                entrySize: reader.uint64(at: offset + 56) ?? 0)
            return (section, nameOffset)
        }
        let word = { (field: Int) in UInt64(reader.uint32(at: offset + field) ?? 0) }
        let section = ELFSection(
            index: index, name: "", type: type, flags: ELFSectionFlags(rawValue: word(8)), address: word(12),
            offset: word(16), size: word(20), link: reader.uint32(at: offset + 24) ?? 0,
            info: reader.uint32(at: offset + 28) ?? 0, alignment: word(32), entrySize: word(36))
        return (section, nameOffset)
    }

    /// Gives each section its name from the section-name table (`e_shstrndx`).
    private static func name(
        _ unnamed: [(section: ELFSection, nameOffset: UInt32)], reader: ByteReader, nameTableIndex: Int
    ) throws(BinaryFormatError) -> [ELFSection] {
        guard nameTableIndex != 0, !unnamed.isEmpty else { return unnamed.map(\.section) }
        guard nameTableIndex < unnamed.count else {
            throw .invalidSectionNameTableIndex(nameTableIndex, sectionCount: unnamed.count)
        }
        let table = unnamed[nameTableIndex].section
        guard let range = reader.range(offset: table.offset, count: table.size) else {
            throw .sectionOutOfBounds(
                name: "section-name table", offset: table.offset, size: table.size, fileSize: reader.bytes.count)
        }
        let names = reader.bytes[range]
        var sections: [ELFSection] = []
        sections.reserveCapacity(unnamed.count)
        for (section, nameOffset) in unnamed {
            var named = section
            if nameOffset != 0 || !names.isEmpty {
                guard UInt64(nameOffset) < UInt64(names.count) else {
                    throw .sectionNameOutOfBounds(section: section.index, offset: nameOffset)
                }
                let start = names.startIndex + Int(nameOffset)
                let end = names[start...].firstIndex(of: 0) ?? names.endIndex
                named.name = String(decoding: names[start..<end], as: UTF8.self)
            }
            sections.append(named)
        }
        return sections
    }

    /// Reads the program header table.
    private static func readProgramHeaders(
        _ reader: ByteReader, header: ELFHeader
    ) throws(BinaryFormatError) -> [ELFProgramHeader] {
        guard header.programHeaderOffset != 0 else { return [] }
        let offsets = try entryOffsets(
            of: .programHeaders, offset: header.programHeaderOffset, count: UInt64(header.programHeaderCount),
            entrySize: header.programHeaderEntrySize, minimum: header.is64Bit ? 56 : 32, fileSize: reader.bytes.count)
        return offsets.enumerated().map { index, offset in
            let type = ELFSegmentType(rawValue: reader.uint32(at: offset) ?? 0)
            if header.is64Bit {
                return ELFProgramHeader(
                    index: index, type: type, flags: ELFSegmentFlags(rawValue: reader.uint32(at: offset + 4) ?? 0),
                    offset: reader.uint64(at: offset + 8) ?? 0, virtualAddress: reader.uint64(at: offset + 16) ?? 0,
                    physicalAddress: reader.uint64(at: offset + 24) ?? 0, fileSize: reader.uint64(at: offset + 32) ?? 0,
                    memorySize: reader.uint64(at: offset + 40) ?? 0, alignment: reader.uint64(at: offset + 48) ?? 0)
            }
            let word = { (field: Int) in UInt64(reader.uint32(at: offset + field) ?? 0) }
            return ELFProgramHeader(
                index: index, type: type, flags: ELFSegmentFlags(rawValue: reader.uint32(at: offset + 24) ?? 0),
                offset: word(4), virtualAddress: word(8), physicalAddress: word(12), fileSize: word(16),
                memorySize: word(20), alignment: word(28))
        }
    }
}
