/// The ELF file header (`Elf32_Ehdr` / `Elf64_Ehdr`), as the System V ABI's "Object Files" chapter defines it.
public struct ELFHeader: Hashable, Sendable {
    /// Whether the file uses 64-bit (`ELFCLASS64`) or 32-bit (`ELFCLASS32`) structures.
    public var is64Bit: Bool
    /// Whether multi-byte values are big-endian (`ELFDATA2MSB`) rather than little-endian (`ELFDATA2LSB`).
    public var isBigEndian: Bool
    /// `EI_OSABI`: 0 for System V, 3 for Linux (GNU).
    public var osABI: UInt8
    public var fileType: ELFFileType
    public var machine: ELFMachine
    /// `e_entry`: the virtual address where execution starts, or 0.
    public var entry: UInt64
    /// `e_flags`: processor-specific flags.
    public var flags: UInt32
    /// `e_phoff`: where the program header table starts, or 0 when there is none.
    public var programHeaderOffset: UInt64
    /// `e_phentsize`.
    public var programHeaderEntrySize: Int
    /// The number of program headers, extended numbering (`PN_XNUM`) resolved.
    public var programHeaderCount: Int
    /// `e_shoff`: where the section header table starts, or 0 when there is none.
    public var sectionHeaderOffset: UInt64
    /// `e_shentsize`.
    public var sectionHeaderEntrySize: Int
    /// The number of sections, extended numbering resolved.
    public var sectionHeaderCount: Int
    /// The index of the section-name table, extended numbering (`SHN_XINDEX`) resolved; 0 when there is none.
    public var sectionNameTableIndex: Int

    /// The size of the file header in this class.
    public var size: Int { is64Bit ? 64 : 52 }
}

/// `e_type`: what kind of object an ELF file is.
public struct ELFFileType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let relocatable = ELFFileType(rawValue: 1)
    /// A position-dependent executable.
    public static let executable = ELFFileType(rawValue: 2)
    /// A shared library or a position-independent executable (PIE).
    public static let sharedObject = ELFFileType(rawValue: 3)
    public static let core = ELFFileType(rawValue: 4)

    public var description: String {
        switch self {
        case .relocatable: "relocatable"
        case .executable: "executable"
        case .sharedObject: "shared object"
        case .core: "core"
        default: "type \(rawValue)"
        }
    }
}

/// `e_machine`: the processor an ELF file is built for.
public struct ELFMachine: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let i386 = ELFMachine(rawValue: 3)
    public static let mips = ELFMachine(rawValue: 8)
    public static let powerPC = ELFMachine(rawValue: 20)
    public static let powerPC64 = ELFMachine(rawValue: 21)
    public static let s390 = ELFMachine(rawValue: 22)
    public static let arm = ELFMachine(rawValue: 40)
    /// `EM_X86_64`: x86-64 (amd64).
    public static let amd64 = ELFMachine(rawValue: 62)
    public static let aarch64 = ELFMachine(rawValue: 183)
    public static let riscV = ELFMachine(rawValue: 243)
}
