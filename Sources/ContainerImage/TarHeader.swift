/// One 512-byte tar header block, decoded; see POSIX `ustar`, GNU tar and PAX (`../reference/specs.md` §2).
struct TarHeaderBlock {
    var name: String
    var mode: UInt32
    var userID: Int
    var groupID: Int
    var size: Int64
    var typeflag: UInt8
    var linkName: String
    var isGNU: Bool

    enum ParseError: Error, Equatable {
        case badChecksum
        case badNumber(field: String)
    }

    /// Returns whether every byte of the block is zero (end-of-archive marker).
    static func isZeroBlock(_ block: UnsafeRawBufferPointer) -> Bool {
        block.allSatisfy { $0 == 0 }
    }

    /// Decodes a header block; throws when the checksum or a numeric field is invalid.
    static func parse(_ block: UnsafeRawBufferPointer) throws(ParseError) -> TarHeaderBlock {
        let recorded = try number(block, 148, 8, field: "checksum")
        var unsignedSum: Int64 = 0
        var signedSum: Int64 = 0
        for index in 0..<512 {
            let byte = (148..<156).contains(index) ? UInt8(ascii: " ") : block[index]
            unsignedSum += Int64(byte)
            signedSum += Int64(Int8(bitPattern: byte))
        }
        guard recorded == unsignedSum || recorded == signedSum else { throw .badChecksum }
        let magic = Array(block[257..<263])
        let isGNU = magic == Array("ustar ".utf8)
        let isPOSIX = magic == Array("ustar\0".utf8)
        var name = string(block, 0, 100)
        if isPOSIX {
            let prefix = string(block, 345, 155)
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        return TarHeaderBlock(
            name: name,
            mode: UInt32(truncatingIfNeeded: try number(block, 100, 8, field: "mode")),
            userID: Int(try number(block, 108, 8, field: "uid")),
            groupID: Int(try number(block, 116, 8, field: "gid")),
            size: try number(block, 124, 12, field: "size"),
            typeflag: block[156],
            linkName: string(block, 157, 100),
            isGNU: isGNU)
    }

    /// A NUL-terminated field as text (bytes that are not UTF-8 are replaced).
    static func string(_ block: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> String {
        let field = block[offset..<offset + length]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[offset..<end], as: UTF8.self)
    }

    /// An octal field (NUL or space terminated), or a base-256 one when the high bit of the first byte is set.
    static func number(
        _ block: UnsafeRawBufferPointer, _ offset: Int, _ length: Int, field: String
    ) throws(ParseError) -> Int64 {
        let first = block[offset]
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else { throw .badNumber(field: field) }  // negative
            var value: Int64 = Int64(first & 0x3F)
            for index in offset + 1..<offset + length {
                guard value <= (Int64.max >> 8) else { throw .badNumber(field: field) }
                value = (value << 8) | Int64(block[index])
            }
            return value
        }
        var value: Int64 = 0
        var seenDigit = false
        for index in offset..<offset + length {
            let byte = block[index]
            if byte == 0 || (byte == UInt8(ascii: " ") && seenDigit) { break }
            if byte == UInt8(ascii: " ") { continue }
            guard (48...55).contains(byte), value <= (Int64.max >> 3) else { throw .badNumber(field: field) }
            value = value * 8 + Int64(byte - 48)
            seenDigit = true
        }
        return value
    }
}

/// PAX extended header records: `"<length> key=value\n"`, the length counting the whole record.
enum PAXRecords {
    static func parse(_ data: [UInt8]) -> [String: String]? {
        var records: [String: String] = [:]
        var position = 0
        while position < data.count {
            if data[position] == 0 { break }
            var length = 0
            var cursor = position
            while cursor < data.count, data[cursor] != UInt8(ascii: " ") {
                guard (48...57).contains(data[cursor]), length < 1 << 30 else { return nil }
                length = length * 10 + Int(data[cursor] - 48)
                cursor += 1
            }
            guard length > 0, position + length <= data.count, cursor < position + length,
                data[position + length - 1] == UInt8(ascii: "\n")
            else { return nil }
            let record = data[(cursor + 1)..<(position + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
            records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            position += length
        }
        return records
    }
}
