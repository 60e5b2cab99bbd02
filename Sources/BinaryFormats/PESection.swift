/// One entry of a PE section table (`IMAGE_SECTION_HEADER`), with a long name resolved through the string table.
public struct PESection: Hashable, Sendable {
    /// The position in the section table.
    public var index: Int
    /// The name (`.text`, `.data`, `.dep-v0`); names longer than eight bytes are stored as `/OFFSET` into the COFF
    /// string table and are resolved.
    public var name: String
    /// `VirtualSize`: the section's size once loaded; 0 in object files.
    public var virtualSize: UInt32
    /// `VirtualAddress`: the address of the section's first byte once loaded, relative to the image base.
    public var virtualAddress: UInt32
    /// `SizeOfRawData`: the bytes the section takes in the file, rounded up to the file alignment; 0 for
    /// uninitialized data.
    public var rawSize: UInt32
    /// `PointerToRawData`: where the section's bytes start in the file.
    public var rawOffset: UInt32
    public var characteristics: PESectionCharacteristics

    public init(
        index: Int, name: String, virtualSize: UInt32, virtualAddress: UInt32, rawSize: UInt32, rawOffset: UInt32,
        characteristics: PESectionCharacteristics
    ) {
        self.index = index
        self.name = name
        self.virtualSize = virtualSize
        self.virtualAddress = virtualAddress
        self.rawSize = rawSize
        self.rawOffset = rawOffset
        self.characteristics = characteristics
    }

    /// The number of the section's bytes that come from the file: `SizeOfRawData`, less the file-alignment padding
    /// past `VirtualSize` when that is recorded.
    public var fileBackedSize: UInt32 {
        virtualSize == 0 ? rawSize : min(rawSize, virtualSize)
    }
}

/// `Characteristics` of a PE section.
public struct PESectionCharacteristics: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let code = PESectionCharacteristics(rawValue: 0x0000_0020)
    public static let initializedData = PESectionCharacteristics(rawValue: 0x0000_0040)
    public static let uninitializedData = PESectionCharacteristics(rawValue: 0x0000_0080)
    public static let discardable = PESectionCharacteristics(rawValue: 0x0200_0000)
    public static let execute = PESectionCharacteristics(rawValue: 0x2000_0000)
    public static let read = PESectionCharacteristics(rawValue: 0x4000_0000)
    public static let write = PESectionCharacteristics(rawValue: 0x8000_0000)
    /// The `IMAGE_SCN_ALIGN_*` field (bits 20 to 23): the alignment of an object file's section, not a flag.
    public static let alignmentMask = PESectionCharacteristics(rawValue: 0x00F0_0000)
}
