/// A problem reading an executable or its embedded metadata.
///
/// Every offset, size and address comes from the file, so every one is checked against the bytes at hand; a file that
/// points outside itself is an error, never a crash.
public enum BinaryFormatError: Error, Hashable, CustomStringConvertible {
    /// The bytes do not start with `\x7fELF`.
    case notELF
    /// `EI_CLASS` is neither 1 (32-bit) nor 2 (64-bit).
    case unsupportedELFClass(UInt8)
    /// `EI_DATA` is neither 1 (little-endian) nor 2 (big-endian).
    case unsupportedELFByteOrder(UInt8)
    /// The file ends inside the ELF header.
    case truncatedHeader(size: Int, needed: Int)
    /// A header table's entries are smaller than the structure they must hold.
    case tableEntryTooSmall(ELFTable, entrySize: Int, minimum: Int)
    /// A header table lies partly or wholly outside the file.
    case tableOutOfBounds(ELFTable, offset: UInt64, count: UInt64, entrySize: Int, fileSize: Int)
    /// `e_shstrndx` names a section that does not exist.
    case invalidSectionNameTableIndex(Int, sectionCount: Int)
    /// A section's name starts past the end of the section-name table (ELF `.shstrtab`, the PE string table).
    case sectionNameOutOfBounds(section: Int, offset: UInt32)
    /// A section's bytes lie partly or wholly outside the file.
    case sectionOutOfBounds(name: String, offset: UInt64, size: UInt64, fileSize: Int)
    /// A segment's bytes lie partly or wholly outside the file.
    case segmentOutOfBounds(index: Int, offset: UInt64, size: UInt64, fileSize: Int)
    /// No loaded segment holds the bytes at this virtual address.
    case addressNotMapped(address: UInt64, count: UInt64)
    /// The bytes start with no magic of a format this module reads.
    case unrecognizedExecutable
    /// The bytes do not start with the MS-DOS magic `MZ`.
    case notPE
    /// `e_lfanew` points past the end of the file, or not at a `PE\0\0` signature: an MS-DOS program, or corrupt.
    case missingPESignature(offset: UInt32)
    /// The file ends inside the PE headers.
    case truncatedPEHeader(size: Int, needed: Int)
    /// `SizeOfOptionalHeader` is too small for the fields an image's optional header must have.
    case peOptionalHeaderTooSmall(size: Int, minimum: Int)
    /// The optional header's magic is neither PE32 (`0x10b`) nor PE32+ (`0x20b`).
    case unsupportedPEOptionalHeader(magic: UInt16)
    /// The PE section table lies partly or wholly outside the file.
    case peSectionTableOutOfBounds(offset: UInt64, count: Int, fileSize: Int)
    /// The bytes do not start with a Mach-O magic.
    case notMachO
    /// The file (or universal-binary slice) ends inside the Mach-O header.
    case truncatedMachOHeader(size: Int, needed: Int)
    /// The load commands (`sizeofcmds` bytes after the header) lie outside the image, or cannot hold `ncmds`
    /// commands.
    case loadCommandsOutOfBounds(count: Int, size: UInt32, fileSize: Int)
    /// A load command's size is too small for what it must hold, or runs past the end of the load commands.
    case malformedLoadCommand(index: Int, reason: String)
    /// A universal binary lists no architectures.
    case emptyUniversalBinary
    /// A universal binary lists more architectures than any real one has.
    case tooManyUniversalArchitectures(count: UInt32, maximum: Int)
    /// A universal binary's architecture table runs past the end of the file.
    case universalArchitectureTableOutOfBounds(count: UInt32, entrySize: Int, fileSize: Int)
    /// An architecture's slice of a universal binary lies partly or wholly outside the file.
    case universalSliceOutOfBounds(index: Int, offset: UInt64, size: UInt64, fileSize: Int)
    /// The Go build-info header (`\xff Go buildinf:`) is cut short.
    case truncatedGoBuildInfo(available: Int)
    /// The Go build-info header names a pointer size other than 4 or 8.
    case unsupportedGoPointerSize(UInt8)
    /// A varint in the Go build info is longer than ten bytes, overflows 64 bits, or runs off the end.
    case malformedGoBuildInfoVarint(offset: Int)
    /// A string in the Go build info is longer than the bytes that follow it.
    case goBuildInfoStringOutOfBounds(offset: Int, length: UInt64, available: Int)
    /// A line of the Go module information does not have the fields its keyword needs; it was skipped.
    case malformedGoModuleInfoLine(number: Int, reason: String)

    public var description: String {
        switch self {
        case .notELF:
            "not an ELF file (no \\x7fELF magic)."
        case .unsupportedELFClass(let value):
            "ELF class \(value) is neither 32-bit (1) nor 64-bit (2); the header is corrupt."
        case .unsupportedELFByteOrder(let value):
            "ELF data encoding \(value) is neither little-endian (1) nor big-endian (2); the header is corrupt."
        case .truncatedHeader(let size, let needed):
            "the file is \(size) bytes, shorter than the \(needed)-byte ELF header; it is truncated."
        case .tableEntryTooSmall(let table, let entrySize, let minimum):
            "the \(table) entries are \(entrySize) bytes, smaller than the \(minimum) bytes each must hold."
        case .tableOutOfBounds(let table, let offset, let count, let entrySize, let fileSize):
            "the \(table) (\(count) entries of \(entrySize) bytes at offset \(offset)) lies outside the "
                + "\(fileSize)-byte file; it is truncated or corrupt."
        case .invalidSectionNameTableIndex(let index, let sectionCount):
            "the section-name table is section \(index), but the file has \(sectionCount) sections."
        case .sectionNameOutOfBounds(let section, let offset):
            "section \(section)'s name starts at offset \(offset), past the end of the section-name table."
        case .sectionOutOfBounds(let name, let offset, let size, let fileSize):
            "section '\(name)' (\(size) bytes at offset \(offset)) lies outside the \(fileSize)-byte file; "
                + "it is truncated or corrupt."
        case .segmentOutOfBounds(let index, let offset, let size, let fileSize):
            "segment \(index) (\(size) bytes at offset \(offset)) lies outside the \(fileSize)-byte file; "
                + "it is truncated or corrupt."
        case .addressNotMapped(let address, let count):
            "no loaded segment holds the \(count) bytes at address 0x\(String(address, radix: 16))."
        case .unrecognizedExecutable:
            "not an ELF, PE or Mach-O executable."
        case .notPE:
            "not a PE file (no MZ magic)."
        case .missingPESignature(let offset):
            "no PE\\0\\0 signature at offset \(offset), where the MS-DOS header points; this is an MS-DOS program "
                + "or a corrupt file."
        case .truncatedPEHeader(let size, let needed):
            "the file is \(size) bytes, but its PE headers need \(needed); it is truncated."
        case .peOptionalHeaderTooSmall(let size, let minimum):
            "the PE optional header is \(size) bytes, smaller than the \(minimum) bytes an image's must hold."
        case .unsupportedPEOptionalHeader(let magic):
            "the PE optional header's magic is 0x\(String(magic, radix: 16)), neither PE32 (0x10b) nor PE32+ "
                + "(0x20b); the header is corrupt."
        case .peSectionTableOutOfBounds(let offset, let count, let fileSize):
            "the PE section table (\(count) entries of 40 bytes at offset \(offset)) lies outside the "
                + "\(fileSize)-byte file; it is truncated or corrupt."
        case .notMachO:
            "not a Mach-O image (no Mach-O magic)."
        case .truncatedMachOHeader(let size, let needed):
            "the image is \(size) bytes, shorter than the \(needed)-byte Mach-O header; it is truncated."
        case .loadCommandsOutOfBounds(let count, let size, let fileSize):
            "the Mach-O load commands (\(count) commands in \(size) bytes after the header) do not fit in the "
                + "\(fileSize)-byte image; it is truncated or corrupt."
        case .malformedLoadCommand(let index, let reason):
            "Mach-O load command \(index) is malformed: \(reason)."
        case .emptyUniversalBinary:
            "the universal binary lists no architectures."
        case .tooManyUniversalArchitectures(let count, let maximum):
            "the universal binary claims \(count) architectures, more than the \(maximum) read; it is corrupt."
        case .universalArchitectureTableOutOfBounds(let count, let entrySize, let fileSize):
            "the universal binary's table of \(count) architectures (\(entrySize) bytes each) runs past the end of "
                + "the \(fileSize)-byte file; it is truncated."
        case .universalSliceOutOfBounds(let index, let offset, let size, let fileSize):
            "architecture \(index) of the universal binary (\(size) bytes at offset \(offset)) lies outside the "
                + "\(fileSize)-byte file; it is truncated or corrupt."
        case .truncatedGoBuildInfo(let available):
            "the Go build-info header is cut short: \(available) of its 32 bytes are present."
        case .unsupportedGoPointerSize(let size):
            "the Go build-info header gives a pointer size of \(size), not 4 or 8; it is corrupt."
        case .malformedGoBuildInfoVarint(let offset):
            "the Go build info has a malformed length at byte \(offset) of its blob."
        case .goBuildInfoStringOutOfBounds(let offset, let length, let available):
            "the Go build info has a \(length)-byte string at byte \(offset) of its blob, but only \(available) "
                + "bytes follow; it is truncated."
        case .malformedGoModuleInfoLine(let number, let reason):
            "line \(number) of the Go module information: \(reason); skipped it."
        }
    }
}

/// The header tables of an ELF file.
public enum ELFTable: String, Hashable, Sendable, CustomStringConvertible {
    case sectionHeaders = "section header table"
    case programHeaders = "program header table"

    public var description: String { rawValue }
}
