/// Reads fixed-size integers from a byte buffer in one byte order, returning `nil` instead of reading out of bounds.
struct ByteReader {
    let bytes: [UInt8]
    let isBigEndian: Bool

    /// The `count` bytes at `offset`, when they all lie inside the buffer.
    func range(offset: UInt64, count: UInt64) -> Range<Int>? {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= UInt64(bytes.count) else { return nil }
        return Int(offset)..<Int(end)
    }

    func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[offset]
    }

    func uint16(at offset: Int) -> UInt16? {
        integer(at: offset, size: 2).map { UInt16(truncatingIfNeeded: $0) }
    }

    func uint32(at offset: Int) -> UInt32? {
        integer(at: offset, size: 4).map { UInt32(truncatingIfNeeded: $0) }
    }

    func uint64(at offset: Int) -> UInt64? {
        integer(at: offset, size: 8)
    }

    /// A 4- or 8-byte word, widened: an ELF `Addr`, `Off` or `Xword`, or a Go pointer.
    func word(at offset: Int, size: Int) -> UInt64? {
        integer(at: offset, size: size)
    }

    private func integer(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, size <= 8, offset <= bytes.count - size else { return nil }
        var value: UInt64 = 0
        if isBigEndian {
            for index in offset..<(offset + size) { value = value << 8 | UInt64(bytes[index]) }
        } else {
            for index in (offset..<(offset + size)).reversed() { value = value << 8 | UInt64(bytes[index]) }
        }
        return value
    }
}
