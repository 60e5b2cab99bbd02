/// Builds tar archives in memory, entry by entry, for fixtures (POSIX ustar with PAX headers for long values).
public struct TarBuilder: Sendable {
    public enum EntryKind: Sendable {
        case file([UInt8])
        case directory
        case symbolicLink(String)
        case hardLink(String)
        case fifo
    }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Adds an entry; names and link targets over 100 bytes get a PAX header.
    public mutating func add(
        _ name: String, _ kind: EntryKind, mode: UInt32 = 0o644, userID: Int = 0, groupID: Int = 0, usePAX: Bool = true
    ) {
        var linkName = ""
        var typeflag = UInt8(ascii: "0")
        var data: [UInt8] = []
        switch kind {
        case .file(let contents):
            data = contents
        case .directory:
            typeflag = UInt8(ascii: "5")
        case .symbolicLink(let target):
            typeflag = UInt8(ascii: "2")
            linkName = target
        case .hardLink(let target):
            typeflag = UInt8(ascii: "1")
            linkName = target
        case .fifo:
            typeflag = UInt8(ascii: "6")
        }
        var pax: [(String, String)] = []
        if name.utf8.count > 100 { pax.append(("path", name)) }
        if linkName.utf8.count > 100 { pax.append(("linkpath", linkName)) }
        if !pax.isEmpty {
            if usePAX {
                appendRaw(
                    name: "PaxHeader", typeflag: UInt8(ascii: "x"), data: Self.paxData(pax), mode: 0o644, userID: 0,
                    groupID: 0, linkName: "")
            } else {
                appendRaw(
                    name: "././@LongLink", typeflag: UInt8(ascii: "L"), data: Array(name.utf8) + [0], mode: 0o644,
                    userID: 0, groupID: 0, linkName: "")
            }
        }
        appendRaw(
            name: String(decoding: name.utf8.prefix(100), as: UTF8.self), typeflag: typeflag, data: data, mode: mode,
            userID: userID, groupID: groupID, linkName: String(decoding: linkName.utf8.prefix(100), as: UTF8.self))
    }

    /// Adds a file.
    public mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644) {
        add(name, .file(Array(text.utf8)), mode: mode)
    }

    /// Adds a PAX extended header with arbitrary records, applying to the next entry.
    public mutating func paxHeader(_ records: [(String, String)]) {
        appendRaw(
            name: "PaxHeader", typeflag: UInt8(ascii: "x"), data: Self.paxData(records), mode: 0o644, userID: 0,
            groupID: 0,
            linkName: "")
    }

    /// Adds a header block whose size field says `size` but carries no data: for hostile-input tests.
    public mutating func headerOnly(_ name: String, size: Int64, base256: Bool = false) {
        var block = Self.header(
            name: name, typeflag: UInt8(ascii: "0"), size: 0, mode: 0o644, userID: 0, groupID: 0, linkName: "")
        if base256 {
            for index in 124..<136 { block[index] = 0 }
            block[124] = 0x80
            var value = size
            for index in stride(from: 135, through: 125, by: -1) {
                block[index] = UInt8(value & 0xFF)
                value >>= 8
            }
        } else {
            Self.writeOctal(&block, 124, 12, size)
        }
        Self.writeChecksum(&block)
        bytes += block
    }

    /// Appends raw bytes (a corrupt header, garbage).
    public mutating func appendRaw(_ raw: [UInt8]) { bytes += raw }

    /// The archive with its two end-of-archive blocks.
    public var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    private mutating func appendRaw(
        name: String, typeflag: UInt8, data: [UInt8], mode: UInt32, userID: Int, groupID: Int, linkName: String
    ) {
        bytes += Self.header(
            name: name, typeflag: typeflag, size: Int64(data.count), mode: mode, userID: userID, groupID: groupID,
            linkName: linkName)
        bytes += data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static func paxData(_ records: [(String, String)]) -> [UInt8] {
        var data: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            var length = body.utf8.count + 1
            while String(length).utf8.count + body.utf8.count != length { length += 1 }
            data += Array((String(length) + body).utf8)
        }
        return data
    }

    static func header(
        name: String, typeflag: UInt8, size: Int64, mode: UInt32, userID: Int, groupID: Int, linkName: String
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        for (index, byte) in name.utf8.prefix(100).enumerated() { block[index] = byte }
        writeOctal(&block, 100, 8, Int64(mode))
        writeOctal(&block, 108, 8, Int64(userID))
        writeOctal(&block, 116, 8, Int64(groupID))
        writeOctal(&block, 124, 12, size)
        writeOctal(&block, 136, 12, 1_700_000_000)
        block[156] = typeflag
        for (index, byte) in linkName.utf8.prefix(100).enumerated() { block[157 + index] = byte }
        for (index, byte) in "ustar\u{0}00".utf8.enumerated() { block[257 + index] = byte }
        writeChecksum(&block)
        return block
    }

    static func writeOctal(_ block: inout [UInt8], _ offset: Int, _ length: Int, _ value: Int64) {
        let digits = Array(String(value, radix: 8).utf8)
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, length - 1 - digits.count)) + digits
        for (index, byte) in padded.suffix(length - 1).enumerated() { block[offset + index] = byte }
        block[offset + length - 1] = 0
    }

    static func writeChecksum(_ block: inout [UInt8]) {
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int64($1) }
        writeOctal(&block, 148, 7, sum)
        block[155] = UInt8(ascii: " ")
    }
}
