/// The headers of a PE image that come before its section table: the COFF file header and the fields of the optional
/// header this module uses, as Microsoft's "PE Format" specification defines them.
public struct PEHeader: Hashable, Sendable {
    /// `e_lfanew`: where the `PE\0\0` signature starts, read from offset 0x3C of the MS-DOS header.
    public var signatureOffset: UInt32
    public var machine: PEMachine
    /// `NumberOfSections`.
    public var sectionCount: Int
    /// `PointerToSymbolTable`: where the COFF symbol table starts, or 0; the string table follows it.
    public var symbolTableOffset: UInt32
    /// `NumberOfSymbols`.
    public var symbolCount: UInt32
    /// `SizeOfOptionalHeader`.
    public var optionalHeaderSize: Int
    public var characteristics: PEFileCharacteristics
    /// Whether the optional header is PE32+ (magic `0x20b`, 64-bit addresses) rather than PE32 (`0x10b`).
    public var isPE32Plus: Bool
    /// `AddressOfEntryPoint`: the entry point, relative to the image base, or 0.
    public var entryPoint: UInt32
    /// `ImageBase`: the preferred virtual address of the image's first byte; section addresses are relative to it.
    public var imageBase: UInt64
    /// `SectionAlignment`.
    public var sectionAlignment: UInt32
    /// `FileAlignment`.
    public var fileAlignment: UInt32
    /// `Subsystem`: 2 for a Windows GUI program, 3 for a console program.
    public var subsystem: UInt16
    /// `DllCharacteristics`: ASLR, DEP (NX) and Control Flow Guard flags among them.
    public var dllCharacteristics: PEDLLCharacteristics

    /// The offset of the COFF file header: right after the signature.
    public var fileHeaderOffset: Int { Int(signatureOffset) + 4 }
    /// The offset of the optional header: after the 20-byte COFF file header.
    public var optionalHeaderOffset: Int { fileHeaderOffset + 20 }
    /// The offset of the section table: after the optional header, whatever its recorded size.
    public var sectionTableOffset: Int { optionalHeaderOffset + optionalHeaderSize }
}

/// `Machine`: the processor a PE image is built for.
public struct PEMachine: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let i386 = PEMachine(rawValue: 0x14C)
    public static let arm = PEMachine(rawValue: 0x1C0)
    /// `IMAGE_FILE_MACHINE_ARMNT`: ARM Thumb-2.
    public static let armThumb2 = PEMachine(rawValue: 0x1C4)
    /// `IMAGE_FILE_MACHINE_AMD64`: x86-64.
    public static let amd64 = PEMachine(rawValue: 0x8664)
    public static let arm64 = PEMachine(rawValue: 0xAA64)
}

/// `Characteristics` of the COFF file header.
public struct PEFileCharacteristics: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let relocationsStripped = PEFileCharacteristics(rawValue: 0x0001)
    public static let executableImage = PEFileCharacteristics(rawValue: 0x0002)
    public static let largeAddressAware = PEFileCharacteristics(rawValue: 0x0020)
    public static let dll = PEFileCharacteristics(rawValue: 0x2000)
}

/// `DllCharacteristics` of the optional header.
public struct PEDLLCharacteristics: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// ASLR with a 64-bit address space.
    public static let highEntropyVirtualAddresses = PEDLLCharacteristics(rawValue: 0x0020)
    /// The image can be relocated at load time (ASLR).
    public static let dynamicBase = PEDLLCharacteristics(rawValue: 0x0040)
    /// The image is compatible with data execution prevention (DEP).
    public static let nxCompatible = PEDLLCharacteristics(rawValue: 0x0100)
    /// The image supports Control Flow Guard.
    public static let controlFlowGuard = PEDLLCharacteristics(rawValue: 0x4000)
}
