import Foundation

/// Writes the compact binary form stored in the database: LEB128 lengths and counts, UTF-8 strings.
///
/// An optional string is written as its length plus one, with zero for `nil`.
struct CompactWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func write(count value: Int) {
        var remaining = UInt64(max(0, value))
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            write(count: utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(optional string: String?) {
        guard var string else {
            bytes.append(0)
            return
        }
        string.withUTF8 { utf8 in
            write(count: utf8.count + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ strings: [String]) {
        write(count: strings.count)
        for string in strings { write(string) }
    }
}

/// Reads what `CompactWriter` wrote; every read checks the bounds, so a damaged blob throws instead of crashing.
struct CompactReader {
    /// The blob ended early or holds an impossible length.
    struct Truncated: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readByte() throws(Truncated) -> UInt8 {
        guard offset < bytes.count else { throw Truncated() }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The bytes not read yet.
    var remainder: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[offset...]) }

    mutating func readCount() throws(Truncated) -> Int {
        try readCount(limit: bytes.count)
    }

    /// Reads a count, which must be at most `limit`.
    mutating func readCount(limit: Int) throws(Truncated) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 63 else { throw Truncated() }
        }
        guard value <= UInt64(limit) else { throw Truncated() }
        return Int(value)
    }

    mutating func readString() throws(Truncated) -> String {
        try readUTF8(count: try readCount())
    }

    mutating func readOptionalString() throws(Truncated) -> String? {
        let stored = try readCount()
        return stored == 0 ? nil : try readUTF8(count: stored - 1)
    }

    mutating func readStrings() throws(Truncated) -> [String] {
        let count = try readCount()
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count { strings.append(try readString()) }
        return strings
    }

    private mutating func readUTF8(count: Int) throws(Truncated) -> String {
        guard count <= bytes.count - offset else { throw Truncated() }
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }
}
