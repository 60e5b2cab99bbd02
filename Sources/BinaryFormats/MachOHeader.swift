/// The Mach-O file header (`mach_header` / `mach_header_64`), as Apple's `<mach-o/loader.h>` defines it.
public struct MachOHeader: Hashable, Sendable {
    /// Whether the file uses 64-bit structures (`MH_MAGIC_64`) rather than 32-bit ones (`MH_MAGIC`).
    public var is64Bit: Bool
    /// Whether multi-byte values are big-endian (PowerPC) rather than little-endian (x86, ARM).
    public var isBigEndian: Bool
    public var cpuType: MachOCPUType
    /// `cpusubtype`, capability bits included.
    public var cpuSubtype: UInt32
    public var fileType: MachOFileType
    /// `ncmds`: the number of load commands.
    public var loadCommandCount: Int
    /// `sizeofcmds`: the bytes the load commands take, right after the header.
    public var loadCommandsSize: UInt32
    public var flags: MachOHeaderFlags

    /// The size of the header in this class: 28 bytes, or 32 with the 64-bit header's reserved word.
    public var size: Int { is64Bit ? 32 : 28 }
}

/// `cputype`: the processor a Mach-O image is built for.
public struct MachOCPUType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `CPU_ARCH_ABI64`: the flag that makes a CPU type its 64-bit variant.
    static let abi64: UInt32 = 0x0100_0000

    public static let x86 = MachOCPUType(rawValue: 7)
    /// `CPU_TYPE_X86_64`.
    public static let amd64 = MachOCPUType(rawValue: 7 | abi64)
    public static let arm = MachOCPUType(rawValue: 12)
    public static let arm64 = MachOCPUType(rawValue: 12 | abi64)
    public static let powerPC = MachOCPUType(rawValue: 18)
    public static let powerPC64 = MachOCPUType(rawValue: 18 | abi64)
}

/// `filetype`: what kind of image a Mach-O file is.
public struct MachOFileType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let object = MachOFileType(rawValue: 1)
    public static let executable = MachOFileType(rawValue: 2)
    public static let dynamicLibrary = MachOFileType(rawValue: 6)
    public static let bundle = MachOFileType(rawValue: 8)
}

/// `flags` of the Mach-O header.
public struct MachOHeaderFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MH_ALLOW_STACK_EXECUTION`.
    public static let allowsStackExecution = MachOHeaderFlags(rawValue: 0x2_0000)
    /// `MH_PIE`: the executable is loaded at a random address.
    public static let positionIndependent = MachOHeaderFlags(rawValue: 0x20_0000)
    /// `MH_NO_HEAP_EXECUTION`.
    public static let noHeapExecution = MachOHeaderFlags(rawValue: 0x100_0000)
}
