/// One entry of an ELF dynamic section (`Elf32_Dyn`/`Elf64_Dyn`): a tag and its value.
public struct ELFDynamicEntry: Hashable, Sendable {
    public var tag: Int64
    public var value: UInt64

    public init(tag: Int64, value: UInt64) {
        self.tag = tag
        self.value = value
    }

    /// `DT_BIND_NOW`: resolve every symbol at load time.
    public static let bindNowTag: Int64 = 24
    /// `DT_FLAGS`, whose `DF_BIND_NOW` bit (0x8) asks for the same.
    public static let flagsTag: Int64 = 30
    /// `DT_FLAGS_1`, whose `DF_1_NOW` bit (0x1) asks for the same, and `DF_1_PIE` (0x0800_0000) marks a PIE.
    public static let flags1Tag: Int64 = 0x6fff_fffb
}

extension ELFFile {
    /// The entries of the dynamic segment (`PT_DYNAMIC`, else the `.dynamic` section), up to `DT_NULL`; empty for a
    /// statically linked file.
    ///
    /// - Throws: `BinaryFormatError` when the segment or section lies outside the file.
    public func dynamicEntries() throws(BinaryFormatError) -> [ELFDynamicEntry] {
        let contents: ArraySlice<UInt8>
        if let segment = programHeaders.first(where: { $0.type == .dynamic }) {
            contents = try self.contents(of: segment)
        } else if let section = sections.first(where: { $0.type == .dynamic }) {
            contents = try self.contents(of: section)
        } else {
            return []
        }
        let reader = ByteReader(bytes: Array(contents), isBigEndian: header.isBigEndian)
        let wordSize = header.is64Bit ? 8 : 4
        var entries: [ELFDynamicEntry] = []
        var offset = 0
        while offset + 2 * wordSize <= contents.count {
            let rawTag = reader.word(at: offset, size: wordSize) ?? 0
            let tag =
                header.is64Bit
                ? Int64(bitPattern: rawTag) : Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: rawTag)))
            if tag == 0 { break }
            entries.append(ELFDynamicEntry(tag: tag, value: reader.word(at: offset + wordSize, size: wordSize) ?? 0))
            offset += 2 * wordSize
        }
        return entries
    }

    /// The names of the dynamic symbols (`.dynsym`, with the string table its `sh_link` names), in table order, the
    /// empty first symbol left out; empty when the file has no `.dynsym` section.
    ///
    /// A name whose offset lies outside the string table is skipped.
    /// - Throws: `BinaryFormatError` when the symbol table or its string table lies outside the file.
    public func dynamicSymbolNames() throws(BinaryFormatError) -> [String] {
        guard let table = sections.first(where: { $0.type == .dynamicSymbolTable }) else { return [] }
        guard Int(table.link) < sections.count else { return [] }
        let symbols = try contents(of: table)
        let strings = try contents(of: sections[Int(table.link)])
        let entrySize = header.is64Bit ? 24 : 16
        let reader = ByteReader(bytes: Array(symbols), isBigEndian: header.isBigEndian)
        var names: [String] = []
        var offset = entrySize
        while offset + entrySize <= symbols.count {
            defer { offset += entrySize }
            guard let nameOffset = reader.uint32(at: offset), nameOffset != 0, Int(nameOffset) < strings.count else {
                continue
            }
            let start = strings.startIndex + Int(nameOffset)
            let end = strings[start...].firstIndex(of: 0) ?? strings.endIndex
            names.append(String(decoding: strings[start..<end], as: UTF8.self))
        }
        return names
    }

    /// The program interpreter (`PT_INTERP`: `/lib64/ld-linux-x86-64.so.2`, `/lib/ld-musl-x86_64.so.1`), if any.
    public func interpreter() throws(BinaryFormatError) -> String? {
        guard let segment = programHeaders.first(where: { $0.type == .interpreter }) else { return nil }
        let bytes = try contents(of: segment)
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }
}
