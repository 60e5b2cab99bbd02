/// A Mach-O universal ("fat") binary: one Mach-O image per architecture, behind a table of where each lies.
///
/// Follows Apple's `<mach-o/fat.h>`: a big-endian header (`FAT_MAGIC` `0xcafebabe`, or `FAT_MAGIC_64` `0xcafebabf`
/// whose table holds 64-bit offsets and sizes) and the architecture count, then one `fat_arch` (20 bytes) or
/// `fat_arch_64` (32 bytes) each. The table and every slice must lie inside the file, else the initializer throws;
/// each slice is read as a `MachOFile` over the same bytes, without copying them.
public struct MachOUniversalFile: Sendable {
    /// One entry of the architecture table.
    public struct Architecture: Hashable, Sendable {
        public var cpuType: MachOCPUType
        public var cpuSubtype: UInt32
        /// Where the slice starts in the file.
        public var offset: UInt64
        /// The slice's size in bytes.
        public var size: UInt64
        /// The slice's alignment, as a power of two.
        public var alignment: UInt32

        public init(cpuType: MachOCPUType, cpuSubtype: UInt32, offset: UInt64, size: UInt64, alignment: UInt32) {
            self.cpuType = cpuType
            self.cpuSubtype = cpuSubtype
            self.offset = offset
            self.size = size
            self.alignment = alignment
        }
    }

    /// Whether the table uses 64-bit offsets and sizes (`FAT_MAGIC_64`).
    public let is64BitTable: Bool
    /// The architectures, in table order.
    public let architectures: [Architecture]
    /// The file's bytes.
    public let bytes: [UInt8]

    static let magic32: UInt32 = 0xCAFE_BABE
    static let magic64: UInt32 = 0xCAFE_BABF
    /// The most architectures a universal binary is taken to have.
    ///
    /// Real ones have a handful. The bound also tells them from Java class files, which share `0xcafebabe` and whose
    /// next four bytes, read as an architecture count, are their version: 45 or more.
    public static let maximumArchitectureCount = 32

    /// Returns whether `bytes` start with a universal-binary magic followed by a plausible architecture count
    /// (1 to `maximumArchitectureCount`), which is how Apple's `file` tells them from Java class files.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        let reader = ByteReader(bytes: Array(bytes.prefix(8)), isBigEndian: true)
        guard let magic = reader.uint32(at: 0), magic == magic32 || magic == magic64,
            let count = reader.uint32(at: 4)
        else { return false }
        return count >= 1 && count <= maximumArchitectureCount
    }

    /// Reads the architecture table and checks that every slice lies inside the file.
    ///
    /// - Throws: `BinaryFormatError` when the bytes are not a universal binary, the table is empty, too long or cut
    ///   short, or a slice lies outside the file.
    public init(_ bytes: [UInt8]) throws(BinaryFormatError) {
        let reader = ByteReader(bytes: bytes, isBigEndian: true)
        guard let magic = reader.uint32(at: 0), magic == Self.magic32 || magic == Self.magic64 else {
            throw .notMachO
        }
        guard let count = reader.uint32(at: 4) else { throw .truncatedMachOHeader(size: bytes.count, needed: 8) }
        guard count > 0 else { throw .emptyUniversalBinary }
        guard count <= Self.maximumArchitectureCount else {
            throw .tooManyUniversalArchitectures(count: count, maximum: Self.maximumArchitectureCount)
        }
        let is64Bit = magic == Self.magic64
        let entrySize = is64Bit ? 32 : 20
        guard reader.range(offset: 8, count: UInt64(count) * UInt64(entrySize)) != nil else {
            throw .universalArchitectureTableOutOfBounds(count: count, entrySize: entrySize, fileSize: bytes.count)
        }
        var architectures: [Architecture] = []
        for index in 0..<Int(count) {
            let entry = 8 + index * entrySize
            let offset = is64Bit ? reader.uint64(at: entry + 8) ?? 0 : UInt64(reader.uint32(at: entry + 8) ?? 0)
            let size = is64Bit ? reader.uint64(at: entry + 16) ?? 0 : UInt64(reader.uint32(at: entry + 12) ?? 0)
            guard reader.range(offset: offset, count: size) != nil else {
                throw .universalSliceOutOfBounds(index: index, offset: offset, size: size, fileSize: bytes.count)
            }
            architectures.append(
                Architecture(
                    cpuType: MachOCPUType(rawValue: reader.uint32(at: entry) ?? 0),
                    cpuSubtype: reader.uint32(at: entry + 4) ?? 0, offset: offset, size: size,
                    alignment: reader.uint32(at: entry + (is64Bit ? 24 : 16)) ?? 0))
        }
        self.is64BitTable = is64Bit
        self.architectures = architectures
        self.bytes = bytes
    }

    /// The Mach-O image of `architecture`, one of `architectures`.
    ///
    /// - Throws: `BinaryFormatError` when the slice is not a single-architecture Mach-O image (a universal binary
    ///   nested in another is refused) or is malformed.
    public func file(for architecture: Architecture) throws(BinaryFormatError) -> MachOFile {
        guard
            let range = ByteReader(bytes: bytes, isBigEndian: true).range(
                offset: architecture.offset, count: architecture.size)
        else {
            throw .universalSliceOutOfBounds(
                index: architectures.firstIndex(of: architecture) ?? -1, offset: architecture.offset,
                size: architecture.size, fileSize: bytes.count)
        }
        return try MachOFile(bytes, range: range)
    }
}
