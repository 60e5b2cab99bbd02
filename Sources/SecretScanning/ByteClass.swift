/// A set of bytes, tested in constant time.
public struct ByteClass: Sendable, Hashable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// An empty set.
    public init() {}

    /// The bytes of the ASCII characters in `characters`; `a-z` style ranges are expanded.
    public init(_ characters: String) {
        let bytes = Array(characters.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(bytes[index])
                index += 1
            }
        }
    }

    /// Adds `byte` to the set.
    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Returns whether the set holds `byte`.
    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    /// The union of two sets.
    public func union(_ other: ByteClass) -> ByteClass {
        var result = self
        result.bits = (bits.0 | other.bits.0, bits.1 | other.bits.1, bits.2 | other.bits.2, bits.3 | other.bits.3)
        return result
    }

    public static func == (lhs: ByteClass, rhs: ByteClass) -> Bool {
        lhs.bits == rhs.bits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bits.0)
        hasher.combine(bits.1)
        hasher.combine(bits.2)
        hasher.combine(bits.3)
    }

    static let alphanumeric = ByteClass("A-Za-z0-9")
    static let upperAlphanumeric = ByteClass("A-Z0-9")
    static let hexadecimal = ByteClass("0-9a-fA-F")
    static let letters = ByteClass("A-Za-z")
    static let base64 = ByteClass("A-Za-z0-9+/=")
    static let base64URL = ByteClass("A-Za-z0-9_-")
    /// Bytes that continue an identifier or a token: a match must not start or end next to one.
    static let word = ByteClass("A-Za-z0-9_")
    static let identifier = ByteClass("A-Za-z0-9_.-")
    static let horizontalSpace = ByteClass(" \t")
    static let whitespace = ByteClass(" \t\r\n")
    static let quotes = ByteClass("\"'`")
}
