/// A content digest, `algorithm:hex`, as the OCI image specification defines it.
///
/// Only `sha256` and `sha512` are accepted: an unknown algorithm cannot be verified.
public struct Digest: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public enum Algorithm: String, Sendable, Codable {
        case sha256, sha512
        var hexLength: Int { self == .sha256 ? 64 : 128 }
    }

    public let algorithm: Algorithm
    /// The lower-case hexadecimal encoding.
    public let encoded: String

    /// Parses `sha256:<64 hex>`; returns `nil` for anything else.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"),
            let algorithm = Algorithm(rawValue: String(text[..<colon]))
        else { return nil }
        let encoded = text[text.index(after: colon)...]
        guard encoded.utf8.count == algorithm.hexLength,
            encoded.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.algorithm = algorithm
        self.encoded = String(encoded)
    }

    public init(algorithm: Algorithm, encoded: String) {
        self.algorithm = algorithm
        self.encoded = encoded
    }

    /// The digest whose hash is `bytes` (what SHA-256 or SHA-512 returned), hex-encoded.
    public init(algorithm: Algorithm, hash bytes: some Sequence<UInt8>) {
        self.algorithm = algorithm
        self.encoded = Self.hexadecimal(bytes)
    }

    /// Lower-case hexadecimal of `bytes`.
    public static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public var description: String { "\(algorithm.rawValue):\(encoded)" }

    /// The first twelve hex digits, as `docker images` shows them.
    public var short: String { String(encoded.prefix(12)) }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = Digest(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a valid digest")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
