/// The executable formats this module reads, told apart by their first bytes.
public enum ExecutableFormat: Hashable, Sendable, CustomStringConvertible {
    case elf
    case pe
    case machO
    /// A Mach-O universal binary: several Mach-O images, one per architecture.
    case universalMachO

    /// The format whose magic `bytes` start with, as Go's `debug/buildinfo` tells them apart; `nil` for anything
    /// else.
    public init?(detecting bytes: some Collection<UInt8>) {
        if ELFFile.hasMagic(bytes) {
            self = .elf
        } else if PEFile.hasMagic(bytes) {
            self = .pe
        } else if MachOFile.hasMagic(bytes) {
            self = .machO
        } else if MachOUniversalFile.hasMagic(bytes) {
            self = .universalMachO
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .elf: "ELF"
        case .pe: "PE"
        case .machO: "Mach-O"
        case .universalMachO: "Mach-O universal"
        }
    }
}

/// One executable image, in whichever format it was built: what readers of embedded metadata need without caring
/// which.
public enum ExecutableFile: Sendable {
    case elf(ELFFile)
    case pe(PEFile)
    case machO(MachOFile)

    /// Every image in `bytes`: the file itself for ELF, PE and single-architecture Mach-O, and each architecture's
    /// slice, in table order, for a Mach-O universal binary.
    ///
    /// Each format reads only its headers and tables here; section and segment bytes are read on demand.
    /// - Throws: `BinaryFormatError.unrecognizedExecutable` when the bytes start with no known magic, or the error of
    ///   the format's reader.
    public static func images(in bytes: [UInt8]) throws(BinaryFormatError) -> [ExecutableFile] {
        switch ExecutableFormat(detecting: bytes) {
        case .elf: return [.elf(try ELFFile(bytes))]
        case .pe: return [.pe(try PEFile(bytes))]
        case .machO: return [.machO(try MachOFile(bytes))]
        case .universalMachO:
            let universal = try MachOUniversalFile(bytes)
            var images: [ExecutableFile] = []
            for architecture in universal.architectures {
                images.append(.machO(try universal.file(for: architecture)))
            }
            return images
        case nil: throw .unrecognizedExecutable
        }
    }

    /// The file's bytes.
    public var bytes: [UInt8] {
        switch self {
        case .elf(let file): file.bytes
        case .pe(let file): file.bytes
        case .machO(let file): file.bytes
        }
    }

    /// The format of the image.
    public var format: ExecutableFormat {
        switch self {
        case .elf: .elf
        case .pe: .pe
        case .machO: .machO
        }
    }

    /// The bytes of the first section named `name` (in segment `machOSegment`, for Mach-O), or `nil` when there is
    /// none.
    ///
    /// - Throws: `BinaryFormatError.sectionOutOfBounds` when the section's extent lies outside the file.
    public func contents(ofSectionNamed name: String, machOSegment: String? = nil) throws(BinaryFormatError)
        -> ArraySlice<UInt8>?
    {
        switch self {
        case .elf(let file):
            guard let section = file.section(named: name) else { return nil }
            return try file.contents(of: section)
        case .pe(let file):
            guard let section = file.section(named: name) else { return nil }
            return try file.contents(of: section)
        case .machO(let file):
            guard let section = file.section(named: name, inSegment: machOSegment) else { return nil }
            return try file.contents(of: section)
        }
    }

    /// The `count` bytes at virtual address `address` once the image is loaded, read from the file.
    ///
    /// - Throws: `BinaryFormatError.addressNotMapped` when the file does not hold them.
    public func data(atAddress address: UInt64, count: UInt64) throws(BinaryFormatError) -> ArraySlice<UInt8> {
        switch self {
        case .elf(let file): try file.data(atAddress: address, count: count)
        case .pe(let file): try file.data(atAddress: address, count: count)
        case .machO(let file): try file.data(atAddress: address, count: count)
        }
    }
}
