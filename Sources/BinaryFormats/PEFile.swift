/// A PE image (a Windows executable or DLL) read from memory: its headers and section table.
///
/// Follows Microsoft's "PE Format" specification, for PE32 and PE32+ images: the MS-DOS header, whose `e_lfanew` at
/// 0x3C gives the offset of the `PE\0\0` signature; the 20-byte COFF file header; the optional header; then the
/// section table, 40 bytes an entry. Every offset and count the file gives is checked against the buffer: the headers
/// and the section table must lie inside the file (else the initializer throws), and a section's own bytes are
/// checked when they are read. PE files are little-endian whatever the machine.
public struct PEFile: Sendable {
    public let header: PEHeader
    /// The sections, in table order.
    public let sections: [PESection]
    /// The file's bytes.
    public let bytes: [UInt8]

    private var reader: ByteReader { ByteReader(bytes: bytes, isBigEndian: false) }

    /// The two bytes every PE file starts with: the MS-DOS header's `MZ`.
    public static let magic: [UInt8] = [0x4D, 0x5A]
    /// The four bytes at `e_lfanew`.
    public static let signature: [UInt8] = [0x50, 0x45, 0x00, 0x00]
    /// The size of the MS-DOS header, which holds `e_lfanew` in its last four bytes.
    static let dosHeaderSize = 0x40
    /// The optional-header bytes read here: up to and including `DllCharacteristics`, at the same offsets in PE32
    /// and PE32+.
    static let optionalHeaderMinimum = 72
    static let sectionHeaderSize = 40
    static let symbolSize = 18

    /// Returns whether `bytes` start with the MS-DOS magic `MZ`, as every PE file does; a cheap test before parsing.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// Reads the headers and the section table, resolving long section names through the COFF string table.
    ///
    /// - Throws: `BinaryFormatError` when the bytes are not PE, a header is truncated, the optional header is neither
    ///   PE32 nor PE32+, or the section table or a long name lies outside the file.
    public init(_ bytes: [UInt8]) throws(BinaryFormatError) {
        let reader = ByteReader(bytes: bytes, isBigEndian: false)
        let header = try Self.readHeader(reader)
        self.bytes = bytes
        self.header = header
        self.sections = try Self.readSections(reader, header: header)
    }

    /// The first section named `name`, if any.
    public func section(named name: String) -> PESection? {
        sections.first { $0.name == name }
    }

    /// The bytes of `section` in the file, without the padding past its virtual size; empty for uninitialized data.
    ///
    /// - Throws: `BinaryFormatError.sectionOutOfBounds` when the section's extent lies outside the file.
    public func contents(of section: PESection) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard section.rawOffset != 0, section.fileBackedSize != 0 else { return [] }
        guard let range = reader.range(offset: UInt64(section.rawOffset), count: UInt64(section.fileBackedSize)) else {
            throw .sectionOutOfBounds(
                name: section.name, offset: UInt64(section.rawOffset), size: UInt64(section.fileBackedSize),
                fileSize: bytes.count)
        }
        return bytes[range]
    }

    /// The `count` bytes that sit at virtual address `address` once the image is loaded at its preferred base.
    ///
    /// The address is the image base plus a section's relative address, as Go's pointers in a PE image are; the
    /// bytes must all come from one section's file data.
    /// - Throws: `BinaryFormatError.addressNotMapped` when no section holds the whole range, or the out-of-bounds
    ///   error of the section that claims it.
    public func data(atAddress address: UInt64, count: UInt64) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        guard address >= header.imageBase else { throw .addressNotMapped(address: address, count: count) }
        let relative = address - header.imageBase
        for section in sections where relative >= UInt64(section.virtualAddress) {
            let start = relative - UInt64(section.virtualAddress)
            let size = UInt64(section.fileBackedSize)
            guard start < size || (start == size && count == 0), count <= size - start else { continue }
            let contents = try contents(of: section)
            let lower = contents.startIndex + Int(start)
            return contents[lower..<(lower + Int(count))]
        }
        throw .addressNotMapped(address: address, count: count)
    }

    private static func readHeader(_ reader: ByteReader) throws(BinaryFormatError) -> PEHeader {
        let bytes = reader.bytes
        guard hasMagic(bytes) else { throw .notPE }
        guard bytes.count >= dosHeaderSize else { throw .truncatedPEHeader(size: bytes.count, needed: dosHeaderSize) }
        let signatureOffset = reader.uint32(at: 0x3C) ?? 0
        guard let signatureRange = reader.range(offset: UInt64(signatureOffset), count: 4),
            bytes[signatureRange].elementsEqual(signature)
        else { throw .missingPESignature(offset: signatureOffset) }
        let fileHeader = signatureRange.upperBound
        guard bytes.count >= fileHeader + 20 else {
            throw .truncatedPEHeader(size: bytes.count, needed: fileHeader + 20)
        }
        let optionalHeaderSize = Int(reader.uint16(at: fileHeader + 16) ?? 0)
        let optional = fileHeader + 20
        guard optionalHeaderSize >= optionalHeaderMinimum else {
            throw .peOptionalHeaderTooSmall(size: optionalHeaderSize, minimum: optionalHeaderMinimum)
        }
        guard bytes.count >= optional + optionalHeaderSize else {
            throw .truncatedPEHeader(size: bytes.count, needed: optional + optionalHeaderSize)
        }
        let optionalMagic = reader.uint16(at: optional) ?? 0
        let isPE32Plus: Bool
        switch optionalMagic {
        case 0x10B: isPE32Plus = false
        case 0x20B: isPE32Plus = true
        default: throw .unsupportedPEOptionalHeader(magic: optionalMagic)
        }
        let imageBase =
            isPE32Plus ? reader.uint64(at: optional + 24) ?? 0 : UInt64(reader.uint32(at: optional + 28) ?? 0)
        return PEHeader(
            signatureOffset: signatureOffset, machine: PEMachine(rawValue: reader.uint16(at: fileHeader) ?? 0),
            sectionCount: Int(reader.uint16(at: fileHeader + 2) ?? 0),
            symbolTableOffset: reader.uint32(at: fileHeader + 8) ?? 0,
            symbolCount: reader.uint32(at: fileHeader + 12) ?? 0, optionalHeaderSize: optionalHeaderSize,
            characteristics: PEFileCharacteristics(rawValue: reader.uint16(at: fileHeader + 18) ?? 0),
            isPE32Plus: isPE32Plus, entryPoint: reader.uint32(at: optional + 16) ?? 0, imageBase: imageBase,
            sectionAlignment: reader.uint32(at: optional + 32) ?? 0,
            fileAlignment: reader.uint32(at: optional + 36) ?? 0, subsystem: reader.uint16(at: optional + 68) ?? 0,
            dllCharacteristics: PEDLLCharacteristics(rawValue: reader.uint16(at: optional + 70) ?? 0))
    }

    /// Reads the section table, which must lie wholly inside the file.
    private static func readSections(_ reader: ByteReader, header: PEHeader) throws(BinaryFormatError) -> [PESection] {
        let tableOffset = header.sectionTableOffset
        let count = header.sectionCount
        guard reader.range(offset: UInt64(tableOffset), count: UInt64(count * sectionHeaderSize)) != nil else {
            throw .peSectionTableOutOfBounds(offset: UInt64(tableOffset), count: count, fileSize: reader.bytes.count)
        }
        var sections: [PESection] = []
        sections.reserveCapacity(count)
        for index in 0..<count {
            let entry = tableOffset + index * sectionHeaderSize
            let rawName = reader.bytes[entry..<(entry + 8)]
            let name = try resolvedName(rawName, section: index, reader: reader, header: header)
            sections.append(
                PESection(
                    index: index, name: name, virtualSize: reader.uint32(at: entry + 8) ?? 0,
                    virtualAddress: reader.uint32(at: entry + 12) ?? 0, rawSize: reader.uint32(at: entry + 16) ?? 0,
                    rawOffset: reader.uint32(at: entry + 20) ?? 0,
                    characteristics: PESectionCharacteristics(rawValue: reader.uint32(at: entry + 36) ?? 0)))
        }
        return sections
    }

    /// The name in a section header's eight bytes, or, for `/OFFSET`, the string at that offset of the string table
    /// that follows the COFF symbol table.
    private static func resolvedName(
        _ raw: ArraySlice<UInt8>, section: Int, reader: ByteReader, header: PEHeader
    ) throws(BinaryFormatError) -> String {
        let end = raw.firstIndex(of: 0) ?? raw.endIndex
        let name = String(decoding: raw[..<end], as: UTF8.self)
        guard name.count > 1, name.hasPrefix("/"), header.symbolTableOffset != 0,
            let offset = UInt32(name.dropFirst())
        else { return name }
        let tableStart = UInt64(header.symbolTableOffset) + UInt64(header.symbolCount) * UInt64(symbolSize)
        guard let sizeRange = reader.range(offset: tableStart, count: 4),
            let declaredSize = reader.uint32(at: sizeRange.lowerBound),
            offset >= 4, offset < declaredSize,
            let stringStart = reader.range(offset: tableStart + UInt64(offset), count: 1)?.lowerBound
        else { throw .sectionNameOutOfBounds(section: section, offset: offset) }
        let tableEnd = min(reader.bytes.count, sizeRange.lowerBound + Int(declaredSize))
        let bytes = reader.bytes[stringStart..<max(stringStart, tableEnd)]
        let stringEnd = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[..<stringEnd], as: UTF8.self)
    }
}
