import Crypto
import ScanModel

/// The digest of `bytes` with `algorithm`.
func contentDigest(of bytes: [UInt8], algorithm: ScanModel.Digest.Algorithm) -> ScanModel.Digest {
    let hash: [UInt8] =
        switch algorithm {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha512: Array(SHA512.hash(data: bytes))
        }
    return ScanModel.Digest(algorithm: algorithm, encoded: hexadecimal(hash))
}

/// Lower-case hexadecimal of `bytes`.
func hexadecimal(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}
