/// One entry of an ELF program header table (`Elf32_Phdr` / `Elf64_Phdr`): a segment, or information the loader
/// needs.
public struct ELFProgramHeader: Hashable, Sendable {
    /// The position in the program header table.
    public var index: Int
    public var type: ELFSegmentType
    public var flags: ELFSegmentFlags
    /// `p_offset`: where the segment's bytes start in the file.
    public var offset: UInt64
    /// `p_vaddr`: the virtual address of the segment's first byte in memory.
    public var virtualAddress: UInt64
    /// `p_paddr`: the physical address, where relevant.
    public var physicalAddress: UInt64
    /// `p_filesz`: the bytes the segment takes in the file.
    public var fileSize: UInt64
    /// `p_memsz`: the bytes the segment takes in memory; at least `fileSize`, the rest zero-filled.
    public var memorySize: UInt64
    public var alignment: UInt64

    public init(
        index: Int, type: ELFSegmentType, flags: ELFSegmentFlags, offset: UInt64, virtualAddress: UInt64,
        physicalAddress: UInt64 = 0, fileSize: UInt64, memorySize: UInt64, alignment: UInt64 = 1
    ) {
        self.index = index
        self.type = type
        self.flags = flags
        self.offset = offset
        self.virtualAddress = virtualAddress
        self.physicalAddress = physicalAddress
        self.fileSize = fileSize
        self.memorySize = memorySize
        self.alignment = alignment
    }

    /// Returns whether the segment's file bytes hold the `count` bytes at virtual address `address`.
    public func contains(address: UInt64, count: UInt64) -> Bool {
        guard address >= virtualAddress else { return false }
        let start = address - virtualAddress
        let (end, overflow) = start.addingReportingOverflow(count)
        return !overflow && end <= fileSize
    }
}

/// `p_type`: what a program header describes.
public struct ELFSegmentType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = ELFSegmentType(rawValue: 0)
    /// A segment mapped into memory.
    public static let load = ELFSegmentType(rawValue: 1)
    public static let dynamic = ELFSegmentType(rawValue: 2)
    /// The path of the program interpreter (the dynamic loader).
    public static let interpreter = ELFSegmentType(rawValue: 3)
    public static let note = ELFSegmentType(rawValue: 4)
    public static let programHeaderTable = ELFSegmentType(rawValue: 6)
    public static let threadLocalStorage = ELFSegmentType(rawValue: 7)
    public static let gnuEHFrame = ELFSegmentType(rawValue: 0x6474_e550)
    /// Its flags say whether the stack is executable.
    public static let gnuStack = ELFSegmentType(rawValue: 0x6474_e551)
    /// Memory made read-only after relocation (RELRO).
    public static let gnuRelro = ELFSegmentType(rawValue: 0x6474_e552)
    public static let gnuProperty = ELFSegmentType(rawValue: 0x6474_e553)
}

/// `p_flags`: the permissions of a segment in memory.
public struct ELFSegmentFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let execute = ELFSegmentFlags(rawValue: 0x1)
    public static let write = ELFSegmentFlags(rawValue: 0x2)
    public static let read = ELFSegmentFlags(rawValue: 0x4)
}
