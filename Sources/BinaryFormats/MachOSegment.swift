/// A Mach-O segment (`LC_SEGMENT` / `LC_SEGMENT_64`) and the sections it holds.
public struct MachOSegment: Hashable, Sendable {
    /// The position of its load command among all load commands.
    public var commandIndex: Int
    /// `segname` (`__TEXT`, `__DATA`, `__LINKEDIT`).
    public var name: String
    /// `vmaddr`: the virtual address of the segment's first byte once loaded.
    public var address: UInt64
    /// `vmsize`: the bytes it takes in memory.
    public var memorySize: UInt64
    /// `fileoff`: where its bytes start, from the start of the image (of its slice, in a universal binary).
    public var fileOffset: UInt64
    /// `filesize`: the bytes it takes in the file.
    public var fileSize: UInt64
    /// `maxprot`: the most access the segment may ever be given.
    public var maximumProtection: MachOProtection
    /// `initprot`: the access it is given at load time.
    public var initialProtection: MachOProtection
    public var flags: UInt32
    public var sections: [MachOSection]

    public init(
        commandIndex: Int, name: String, address: UInt64, memorySize: UInt64, fileOffset: UInt64, fileSize: UInt64,
        maximumProtection: MachOProtection, initialProtection: MachOProtection, flags: UInt32 = 0,
        sections: [MachOSection] = []
    ) {
        self.commandIndex = commandIndex
        self.name = name
        self.address = address
        self.memorySize = memorySize
        self.fileOffset = fileOffset
        self.fileSize = fileSize
        self.maximumProtection = maximumProtection
        self.initialProtection = initialProtection
        self.flags = flags
        self.sections = sections
    }

    /// Returns whether the segment's file bytes hold the `count` bytes at virtual address `address`.
    public func contains(address: UInt64, count: UInt64) -> Bool {
        guard address >= self.address else { return false }
        let start = address - self.address
        let (end, overflow) = start.addingReportingOverflow(count)
        return !overflow && end <= fileSize
    }
}

/// A section of a Mach-O segment (`section` / `section_64`).
public struct MachOSection: Hashable, Sendable {
    /// `sectname` (`__text`, `__go_buildinfo`, `.dep-v0`).
    public var name: String
    /// `segname`: the segment it belongs to.
    public var segmentName: String
    /// `addr`: the virtual address of its first byte once loaded.
    public var address: UInt64
    /// `size`: its size in bytes; a zero-fill section takes none in the file.
    public var size: UInt64
    /// `offset`: where its bytes start, from the start of the image (of its slice, in a universal binary).
    public var offset: UInt32
    /// `align`: the alignment, as a power of two.
    public var alignment: UInt32
    /// `flags`: the section type in the low byte, attributes above it.
    public var flags: UInt32

    public init(
        name: String, segmentName: String, address: UInt64, size: UInt64, offset: UInt32, alignment: UInt32 = 0,
        flags: UInt32 = 0
    ) {
        self.name = name
        self.segmentName = segmentName
        self.address = address
        self.size = size
        self.offset = offset
        self.alignment = alignment
        self.flags = flags
    }

    /// Whether the section takes no bytes in the file (`S_ZEROFILL`, `S_GB_ZEROFILL`, `S_THREAD_LOCAL_ZEROFILL`).
    public var isZeroFill: Bool {
        let type = flags & 0xFF
        return type == 0x1 || type == 0xC || type == 0x12
    }
}

/// `vm_prot_t`: the access a segment's memory allows.
public struct MachOProtection: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let read = MachOProtection(rawValue: 0x1)
    public static let write = MachOProtection(rawValue: 0x2)
    public static let execute = MachOProtection(rawValue: 0x4)
}

/// A load command of a Mach-O file: its type and where its bytes are.
public struct MachOLoadCommand: Hashable, Sendable {
    /// `cmd`: `LC_SEGMENT` (0x1), `LC_SEGMENT_64` (0x19), `LC_CODE_SIGNATURE` (0x1d)…; the high bit is
    /// `LC_REQ_DYLD`.
    public var type: UInt32
    /// Where the command starts, from the start of the image.
    public var offset: Int
    /// `cmdsize`: its size, header included.
    public var size: Int

    public init(type: UInt32, offset: Int, size: Int) {
        self.type = type
        self.offset = offset
        self.size = size
    }

    /// `LC_SEGMENT`.
    public static let segment: UInt32 = 0x1
    /// `LC_SEGMENT_64`.
    public static let segment64: UInt32 = 0x19
}
