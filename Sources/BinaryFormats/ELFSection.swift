/// One entry of an ELF section header table (`Elf32_Shdr` / `Elf64_Shdr`), with its name resolved.
public struct ELFSection: Hashable, Sendable {
    /// The position in the section header table.
    public var index: Int
    /// The name from the section-name table (`.text`, `.go.buildinfo`), or empty when the file has no such table.
    public var name: String
    public var type: ELFSectionType
    public var flags: ELFSectionFlags
    /// `sh_addr`: the virtual address of the first byte when the section is loaded, or 0.
    public var address: UInt64
    /// `sh_offset`: where the section's bytes start in the file.
    public var offset: UInt64
    /// `sh_size`: the section's size; a `nobits` section takes no bytes in the file whatever its size.
    public var size: UInt64
    /// `sh_link`: a related section's index, meaning per type (a symbol table's string table).
    public var link: UInt32
    /// `sh_info`: extra information, meaning per type.
    public var info: UInt32
    public var alignment: UInt64
    /// `sh_entsize`: the size of each entry, for sections holding a table of fixed-size entries.
    public var entrySize: UInt64

    public init(
        index: Int, name: String, type: ELFSectionType, flags: ELFSectionFlags, address: UInt64, offset: UInt64,
        size: UInt64, link: UInt32 = 0, info: UInt32 = 0, alignment: UInt64 = 1, entrySize: UInt64 = 0
    ) {
        self.index = index
        self.name = name
        self.type = type
        self.flags = flags
        self.address = address
        self.offset = offset
        self.size = size
        self.link = link
        self.info = info
        self.alignment = alignment
        self.entrySize = entrySize
    }
}

/// `sh_type`: what a section holds.
public struct ELFSectionType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = ELFSectionType(rawValue: 0)
    public static let programBits = ELFSectionType(rawValue: 1)
    public static let symbolTable = ELFSectionType(rawValue: 2)
    public static let stringTable = ELFSectionType(rawValue: 3)
    public static let relocationsWithAddends = ELFSectionType(rawValue: 4)
    public static let hash = ELFSectionType(rawValue: 5)
    public static let dynamic = ELFSectionType(rawValue: 6)
    public static let note = ELFSectionType(rawValue: 7)
    /// Occupies no bytes in the file (`.bss`).
    public static let noBits = ELFSectionType(rawValue: 8)
    public static let relocations = ELFSectionType(rawValue: 9)
    public static let dynamicSymbolTable = ELFSectionType(rawValue: 11)
}

/// `sh_flags`.
public struct ELFSectionFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let write = ELFSectionFlags(rawValue: 0x1)
    /// Occupies memory while the program runs.
    public static let allocate = ELFSectionFlags(rawValue: 0x2)
    public static let executable = ELFSectionFlags(rawValue: 0x4)
}
