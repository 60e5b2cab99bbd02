import Crypto
import ScanModel

/// Passes bytes through while hashing and counting them; `verify()` checks them against the expected digest and size.
public final class DigestingSource: ByteSource {
    private let upstream: any ByteSource
    private var sha256 = SHA256()
    private var sha512 = SHA512()
    private let algorithm: ScanModel.Digest.Algorithm
    public private(set) var byteCount: Int64 = 0

    public init(_ upstream: any ByteSource, algorithm: ScanModel.Digest.Algorithm = .sha256) {
        self.upstream = upstream
        self.algorithm = algorithm
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try upstream.read(into: buffer)
        if count > 0 {
            let filled = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            switch algorithm {
            case .sha256: sha256.update(bufferPointer: filled)
            case .sha512: sha512.update(bufferPointer: filled)
            }
            byteCount += Int64(count)
        }
        return count
    }

    /// The digest of every byte read so far.
    public func finalize() -> ScanModel.Digest {
        switch algorithm {
        case .sha256: ScanModel.Digest(algorithm: .sha256, hash: sha256.finalize())
        case .sha512: ScanModel.Digest(algorithm: .sha512, hash: sha512.finalize())
        }
    }

    /// The digest of `bytes`, with the algorithm of `expected`.
    public static func digest(of bytes: [UInt8], algorithm: ScanModel.Digest.Algorithm = .sha256) -> ScanModel.Digest {
        switch algorithm {
        case .sha256: ScanModel.Digest(algorithm: .sha256, hash: SHA256.hash(data: bytes))
        case .sha512: ScanModel.Digest(algorithm: .sha512, hash: SHA512.hash(data: bytes))
        }
    }

    /// Throws when `bytes` do not hash to `expected`.
    public static func verify(_ bytes: [UInt8], against expected: ScanModel.Digest, blob: String) throws {
        let actual = digest(of: bytes, algorithm: expected.algorithm)
        guard actual == expected else {
            throw ImageReadError.digestMismatch(blob: blob, expected: expected, actual: actual)
        }
    }
}
