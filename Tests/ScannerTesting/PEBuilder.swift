/// Builds small PE images (PE32 or PE32+) in memory, laid out as a linker would.
///
/// The layout follows Microsoft's "PE Format": a 64-byte MS-DOS header whose `e_lfanew` points at 0x80, the
/// `PE\0\0` signature, the COFF file header, an optional header with 16 data directories, the section table, then each
/// section's bytes at a multiple of the file alignment. Names longer than eight bytes go into a COFF string table after
/// the sections and are written `/OFFSET`, as MinGW and Go's linker write DWARF section names.
public struct PEBuilder: Sendable {
    /// A section to lay out.
    public struct Section: Sendable {
        public var name: String
        /// `Characteristics`: 0x20 code, 0x40 initialized data, 0x2000_0000 execute, 0x4000_0000 read,
        /// 0x8000_0000 write.
        public var characteristics: UInt32
        /// `VirtualAddress`, relative to the image base.
        public var virtualAddress: UInt32
        public var contents: [UInt8]

        public init(name: String, characteristics: UInt32, virtualAddress: UInt32, contents: [UInt8]) {
            self.name = name
            self.characteristics = characteristics
            self.virtualAddress = virtualAddress
            self.contents = contents
        }

        /// `.text`: code, executable and readable.
        public static let code: UInt32 = 0x6000_0020
        /// `.data`: initialized data, readable and writable.
        public static let data: UInt32 = 0xC000_0040
        /// `.rdata`: initialized data, read-only.
        public static let readOnlyData: UInt32 = 0x4000_0040
    }

    /// Whether to write a PE32+ optional header (64-bit) rather than PE32.
    public var is64Bit: Bool
    /// `Machine`: 0x8664 for x86-64, 0x14C for i386, 0xAA64 for ARM64.
    public var machine: UInt16
    public var imageBase: UInt64
    public var sections: [Section]
    public var fileAlignment = 0x200

    public init(is64Bit: Bool = true, machine: UInt16? = nil, imageBase: UInt64? = nil, sections: [Section] = []) {
        self.is64Bit = is64Bit
        self.machine = machine ?? (is64Bit ? 0x8664 : 0x14C)
        self.imageBase = imageBase ?? (is64Bit ? 0x1_4000_0000 : 0x40_0000)
        self.sections = sections
    }

    /// Where the `PE\0\0` signature is written.
    public static let signatureOffset = 0x80
    /// The optional header's size: the fixed fields and 16 data directories.
    public var optionalHeaderSize: Int { is64Bit ? 240 : 224 }
    /// Where the section table starts.
    public var sectionTableOffset: Int { Self.signatureOffset + 24 + optionalHeaderSize }

    /// Where each section's bytes start in the built file, by name.
    public var sectionOffsets: [String: Int] {
        var offsets: [String: Int] = [:]
        var position = aligned(sectionTableOffset + sections.count * 40)
        for section in sections {
            offsets[section.name] = position
            position = aligned(position + section.contents.count)
        }
        return offsets
    }

    /// The bytes of the file.
    public func build() -> [UInt8] {
        var writer = ByteWriter(isBigEndian: false)
        let offsets = sectionOffsets
        var strings: [UInt8] = []
        var storedNames: [[UInt8]] = []
        for section in sections {
            let name = Array(section.name.utf8)
            if name.count <= 8 {
                storedNames.append(name + [UInt8](repeating: 0, count: 8 - name.count))
            } else {
                let reference = Array("/\(4 + strings.count)".utf8)
                storedNames.append(reference + [UInt8](repeating: 0, count: 8 - reference.count))
                strings += name + [0]
            }
        }
        let sectionsEnd =
            aligned(sectionTableOffset + sections.count * 40)
            + sections.reduce(0) {
                $0 + aligned($1.contents.count)
            }
        let stringTableOffset = strings.isEmpty ? 0 : sectionsEnd

        // MS-DOS header and stub.
        writer.bytes = [0x4D, 0x5A] + [UInt8](repeating: 0, count: 0x3A)
        writer.u32(UInt32(Self.signatureOffset))
        writer.bytes += [UInt8](repeating: 0, count: Self.signatureOffset - writer.bytes.count)

        // Signature and COFF file header.
        writer.bytes += [0x50, 0x45, 0, 0]
        writer.u16(machine)
        writer.u16(UInt16(sections.count))
        writer.u32(0x6500_0000)  // TimeDateStamp
        writer.u32(UInt32(stringTableOffset))
        writer.u32(0)  // NumberOfSymbols
        writer.u16(UInt16(optionalHeaderSize))
        writer.u16(is64Bit ? 0x0022 : 0x0102)  // executable image, large-address-aware or 32-bit machine

        // Optional header.
        let sizeOfImage = sections.map { Int($0.virtualAddress) + max($0.contents.count, 1) }.max() ?? 0x1000
        writer.u16(is64Bit ? 0x20B : 0x10B)
        writer.bytes += [3, 0]  // linker version
        writer.u32(0)
        writer.u32(0)
        writer.u32(0)
        writer.u32(sections.first.map(\.virtualAddress) ?? 0)  // AddressOfEntryPoint
        writer.u32(0x1000)  // BaseOfCode
        if is64Bit {
            writer.u64(imageBase)
        } else {
            writer.u32(0)  // BaseOfData
            writer.u32(UInt32(truncatingIfNeeded: imageBase))
        }
        writer.u32(0x1000)  // SectionAlignment
        writer.u32(UInt32(fileAlignment))
        writer.u16(6)
        writer.u16(0)
        writer.u16(0)
        writer.u16(0)
        writer.u16(6)
        writer.u16(0)
        writer.u32(0)
        writer.u32(UInt32((sizeOfImage + 0xFFF) & ~0xFFF))
        writer.u32(UInt32(aligned(sectionTableOffset + sections.count * 40)))
        writer.u32(0)  // CheckSum
        writer.u16(3)  // console
        writer.u16(0x0160)  // high entropy, dynamic base, NX compatible
        for _ in 0..<4 { writer.word(0x10_0000, is64Bit: is64Bit) }
        writer.u32(0)  // LoaderFlags
        writer.u32(16)
        writer.bytes += [UInt8](repeating: 0, count: 16 * 8)

        // Section table.
        for (index, section) in sections.enumerated() {
            writer.bytes += storedNames[index]
            writer.u32(UInt32(section.contents.count))
            writer.u32(section.virtualAddress)
            writer.u32(UInt32(aligned(section.contents.count)))
            writer.u32(section.contents.isEmpty ? 0 : UInt32(offsets[section.name] ?? 0))
            writer.bytes += [UInt8](repeating: 0, count: 12)
            writer.u32(section.characteristics)
        }
        for section in sections {
            writer.bytes += [UInt8](repeating: 0, count: (offsets[section.name] ?? 0) - writer.bytes.count)
            writer.bytes += section.contents
        }
        writer.bytes += [UInt8](repeating: 0, count: aligned(writer.bytes.count) - writer.bytes.count)
        if !strings.isEmpty {
            writer.u32(UInt32(4 + strings.count))
            writer.bytes += strings
        }
        return writer.bytes
    }

    private func aligned(_ value: Int) -> Int { (value + fileAlignment - 1) / fileAlignment * fileAlignment }
}
