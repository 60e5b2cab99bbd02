import Crypto
import ScanModel

/// The digest of `bytes` with `algorithm`.
func contentDigest(of bytes: [UInt8], algorithm: ScanModel.Digest.Algorithm) -> ScanModel.Digest {
    switch algorithm {
    case .sha256: ScanModel.Digest(algorithm: .sha256, hash: SHA256.hash(data: bytes))
    case .sha512: ScanModel.Digest(algorithm: .sha512, hash: SHA512.hash(data: bytes))
    }
}
