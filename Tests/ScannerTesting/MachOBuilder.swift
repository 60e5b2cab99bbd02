/// Builds small Mach-O images, and universal binaries of them, in memory.
///
/// The layout follows `<mach-o/loader.h>`: the header, then one `LC_SEGMENT` or `LC_SEGMENT_64` command per segment
/// (with its section entries) and an `LC_UUID` command, then the segments' bytes, each section 16-byte aligned. A
/// segment's file offset and size cover its sections; its virtual address is given and its sections' addresses follow
/// their place in it, so addresses and file offsets agree as a linker makes them agree.
public struct MachOBuilder: Sendable {
    /// A section to lay out.
    public struct Section: Sendable {
        public var name: String
        public var contents: [UInt8]
        /// Whether it is zero-fill (`S_ZEROFILL`): its size is the contents' count, but no bytes are written.
        public var isZeroFill: Bool

        public init(name: String, contents: [UInt8], isZeroFill: Bool = false) {
            self.name = name
            self.contents = contents
            self.isZeroFill = isZeroFill
        }
    }

    /// A segment and the sections it holds.
    public struct Segment: Sendable {
        public var name: String
        public var address: UInt64
        /// `initprot` and `maxprot`: 1 read, 2 write, 4 execute.
        public var protection: UInt32
        public var sections: [Section]
        /// `vmsize` when the segment has no sections (`__PAGEZERO`); otherwise its sections' extent.
        public var memorySize: UInt64

        public init(name: String, address: UInt64, protection: UInt32, sections: [Section], memorySize: UInt64 = 0) {
            self.name = name
            self.address = address
            self.protection = protection
            self.sections = sections
            self.memorySize = memorySize
        }
    }

    public var is64Bit: Bool
    public var isBigEndian: Bool
    /// `cputype`: 0x0100_0007 for x86-64, 0x0100_000C for ARM64, 7 for i386, 18 for PowerPC.
    public var cpuType: UInt32
    public var segments: [Segment]

    public init(is64Bit: Bool = true, isBigEndian: Bool = false, cpuType: UInt32? = nil, segments: [Segment] = []) {
        self.is64Bit = is64Bit
        self.isBigEndian = isBigEndian
        self.cpuType = cpuType ?? (isBigEndian ? (is64Bit ? 0x0100_0012 : 18) : (is64Bit ? 0x0100_0007 : 7))
        self.segments = segments
    }

    private var headerSize: Int { is64Bit ? 32 : 28 }
    private var segmentCommandSize: Int { is64Bit ? 72 : 56 }
    private var sectionEntrySize: Int { is64Bit ? 80 : 68 }
    /// The bytes the load commands take.
    public var loadCommandsSize: Int {
        segments.reduce(24) { $0 + segmentCommandSize + $1.sections.count * sectionEntrySize }
    }

    /// Where each section's bytes start in the built file, by section name.
    public var sectionOffsets: [String: Int] {
        var offsets: [String: Int] = [:]
        var position = Self.aligned(headerSize + loadCommandsSize)
        for segment in segments {
            for section in segment.sections {
                offsets[section.name] = position
                if !section.isZeroFill { position = Self.aligned(position + section.contents.count) }
            }
        }
        return offsets
    }

    /// The bytes of the image.
    public func build() -> [UInt8] {
        var writer = ByteWriter(isBigEndian: isBigEndian)
        let offsets = sectionOffsets
        writer.u32(is64Bit ? 0xFEED_FACF : 0xFEED_FACE)
        writer.u32(cpuType)
        writer.u32(cpuType & 0xFF == 7 ? 3 : 0)  // CPU_SUBTYPE_X86_ALL, CPU_SUBTYPE_ARM64_ALL…
        writer.u32(2)  // MH_EXECUTE
        writer.u32(UInt32(segments.count + 1))
        writer.u32(UInt32(loadCommandsSize))
        writer.u32(0x20_0085)  // MH_NOUNDEFS | MH_DYLDLINK | MH_TWOLEVEL | MH_PIE
        if is64Bit { writer.u32(0) }

        var body: [UInt8] = []
        let bodyStart = Self.aligned(headerSize + loadCommandsSize)
        for segment in segments {
            let stored = segment.sections.filter { !$0.isZeroFill }
            let fileOffset = segment.sections.first.flatMap { offsets[$0.name] } ?? 0
            let fileEnd = stored.map { (offsets[$0.name] ?? 0) + $0.contents.count }.max() ?? fileOffset
            let memoryEnd = segment.sections.map { (offsets[$0.name] ?? 0) + $0.contents.count }.max() ?? fileOffset
            writer.u32(is64Bit ? 0x19 : 0x1)
            writer.u32(UInt32(segmentCommandSize + segment.sections.count * sectionEntrySize))
            writer.bytes += Self.name(segment.name)
            writer.word(segment.address, is64Bit: is64Bit)
            writer.word(
                segment.sections.isEmpty ? segment.memorySize : UInt64(memoryEnd - fileOffset), is64Bit: is64Bit)
            writer.word(UInt64(fileOffset), is64Bit: is64Bit)
            writer.word(UInt64(fileEnd - fileOffset), is64Bit: is64Bit)
            writer.u32(segment.protection)
            writer.u32(segment.protection)
            writer.u32(UInt32(segment.sections.count))
            writer.u32(0)
            for section in segment.sections {
                let offset = offsets[section.name] ?? 0
                writer.bytes += Self.name(section.name) + Self.name(segment.name)
                writer.word(segment.address + UInt64(offset - fileOffset), is64Bit: is64Bit)
                writer.word(UInt64(section.contents.count), is64Bit: is64Bit)
                writer.u32(section.isZeroFill ? 0 : UInt32(offset))
                writer.u32(4)
                writer.u32(0)
                writer.u32(0)
                writer.u32(section.isZeroFill ? 0x1 : 0)
                writer.bytes += [UInt8](repeating: 0, count: is64Bit ? 12 : 8)
                if !section.isZeroFill {
                    body += [UInt8](repeating: 0, count: offset - bodyStart - body.count) + section.contents
                }
            }
        }
        writer.u32(0x1B)  // LC_UUID
        writer.u32(24)
        writer.bytes += (0..<16).map { UInt8($0) }
        writer.bytes += [UInt8](repeating: 0, count: bodyStart - writer.bytes.count)
        return writer.bytes + body
    }

    /// A universal binary of `slices`, each at a multiple of `2^alignment` bytes: a `FAT_MAGIC` table of 20-byte
    /// entries, or a `FAT_MAGIC_64` table of 32-byte ones.
    public static func universal(
        _ slices: [(cpuType: UInt32, image: [UInt8])], is64BitTable: Bool = false, alignment: UInt32 = 12
    ) -> [UInt8] {
        var writer = ByteWriter(isBigEndian: true)
        writer.u32(is64BitTable ? 0xCAFE_BABF : 0xCAFE_BABE)
        writer.u32(UInt32(slices.count))
        let unit = 1 << Int(alignment)
        var offsets: [Int] = []
        var position = 8 + slices.count * (is64BitTable ? 32 : 20)
        for slice in slices {
            position = (position + unit - 1) / unit * unit
            offsets.append(position)
            position += slice.image.count
        }
        for (index, slice) in slices.enumerated() {
            writer.u32(slice.cpuType)
            writer.u32(3)
            if is64BitTable {
                writer.u64(UInt64(offsets[index]))
                writer.u64(UInt64(slice.image.count))
                writer.u32(alignment)
                writer.u32(0)
            } else {
                writer.u32(UInt32(offsets[index]))
                writer.u32(UInt32(slice.image.count))
                writer.u32(alignment)
            }
        }
        for (index, slice) in slices.enumerated() {
            writer.bytes += [UInt8](repeating: 0, count: offsets[index] - writer.bytes.count)
            writer.bytes += slice.image
        }
        return writer.bytes
    }

    /// A 16-byte name field.
    static func name(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(16))
        return bytes + [UInt8](repeating: 0, count: 16 - bytes.count)
    }

    static func aligned(_ value: Int) -> Int { (value + 15) & ~15 }
}
