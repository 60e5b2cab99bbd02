/// The order of bytes in a stored integer.
enum RPMByteOrder: Sendable {
    case bigEndian
    case littleEndian
}

/// Bounds-checked integer reads over a byte array: a read that would pass either end returns `nil`.
///
/// Every database reader here takes hostile input, so none of them indexes bytes without going through this.
struct RPMBytes: Sendable {
    let storage: [UInt8]

    init(_ storage: [UInt8]) {
        self.storage = storage
    }

    var count: Int { storage.count }

    func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= storage.count && length <= storage.count - offset
    }

    func uint8(at offset: Int) -> UInt8? {
        contains(offset: offset, length: 1) ? storage[offset] : nil
    }

    func uint16(at offset: Int, _ order: RPMByteOrder) -> UInt16? {
        guard contains(offset: offset, length: 2) else { return nil }
        let first = UInt16(storage[offset])
        let second = UInt16(storage[offset + 1])
        return order == .bigEndian ? first << 8 | second : second << 8 | first
    }

    func uint32(at offset: Int, _ order: RPMByteOrder) -> UInt32? {
        guard contains(offset: offset, length: 4) else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = UInt32(storage[offset + (order == .bigEndian ? index : 3 - index)])
            value = value << 8 | byte
        }
        return value
    }

    func uint64(at offset: Int, _ order: RPMByteOrder) -> UInt64? {
        guard contains(offset: offset, length: 8) else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 {
            let byte = UInt64(storage[offset + (order == .bigEndian ? index : 7 - index)])
            value = value << 8 | byte
        }
        return value
    }

    /// The bytes in `offset..<offset + length`, or `nil` when that range is not all inside.
    func slice(at offset: Int, length: Int) -> ArraySlice<UInt8>? {
        contains(offset: offset, length: length) ? storage[offset..<(offset + length)] : nil
    }

    /// Whether the bytes at `offset` are exactly `expected`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard let slice = slice(at: offset, length: expected.count) else { return false }
        return slice.elementsEqual(expected)
    }

    /// Up to the first `limit` bytes in lower-case hex, for error messages.
    func leadingHex(_ limit: Int = 16) -> String {
        storage.prefix(limit).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
