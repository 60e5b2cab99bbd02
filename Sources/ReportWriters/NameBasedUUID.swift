/// A name-based (version 5, SHA-1) UUID, RFC 9562 §5.5 (formerly RFC 4122 §4.3).
///
/// SBOM serial numbers and SPDX namespaces must be unique per document, yet the same report must render to the
/// same bytes; a UUID derived from what identifies the scan gives both.
struct NameBasedUUID: Equatable, Sendable, CustomStringConvertible {
    /// The RFC 9562 namespace for URLs and URIs: `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    let bytes: [UInt8]

    init(namespace: [UInt8] = Self.urlNamespace, name: String) {
        var digest = SHA1.hash(namespace + Array(name.utf8)).prefix(16).map { $0 }
        digest[6] = (digest[6] & 0x0F) | 0x50  // Version 5.
        digest[8] = (digest[8] & 0x3F) | 0x80  // The RFC variant.
        bytes = digest
    }

    /// The lower-case `8-4-4-4-12` form.
    var description: String {
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text += "-" }
            let hex = String(byte, radix: 16)
            text += hex.count == 1 ? "0" + hex : hex
        }
        return text
    }
}

/// SHA-1 (FIPS 180-4), used only to derive name-based UUIDs, where RFC 9562 prescribes it.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) {
            padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }

        var words = [UInt32](repeating: 0, count: 80)
        for blockStart in stride(from: 0, to: padded.count, by: 64) {
            for index in 0..<16 {
                let offset = blockStart + index * 4
                words[index] =
                    UInt32(padded[offset]) << 24 | UInt32(padded[offset + 1]) << 16 | UInt32(padded[offset + 2]) << 8
                    | UInt32(padded[offset + 3])
            }
            for index in 16..<80 {
                let mixed = words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16]
                words[index] = mixed << 1 | mixed >> 31
            }
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for index in 0..<80 {
                let (function, constant): (UInt32, UInt32) =
                    switch index {
                    case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                    case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                    case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                    default: (b ^ c ^ d, 0xCA62_C1D6)
                    }
                let temporary = (a << 5 | a >> 27) &+ function &+ e &+ constant &+ words[index]
                e = d
                d = c
                c = b << 30 | b >> 2
                b = a
                a = temporary
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
        }
        return state.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }
}
