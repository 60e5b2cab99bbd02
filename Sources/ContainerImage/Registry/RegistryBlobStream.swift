import AsyncHTTPClient
import Foundation
import ScanModel

/// A layer blob arriving from a registry, read front to back; never more bytes than the manifest announced.
///
/// The layer reader hashes what it reads and checks the digest at the end, as for a blob on disk.
public final class RegistryBlobStream: ByteSource {
    private let delegate: StreamingDelegate
    private let task: HTTPClient.Task<Void>
    private let registry: String
    private let what: String
    private let expectedSize: Int64?
    private let mapError: @Sendable (any Error) -> any Error
    private var received: Int64 = 0
    private var isComplete = false

    init(
        delegate: StreamingDelegate, task: HTTPClient.Task<Void>, registry: String, what: String, expectedSize: Int64?,
        mapError: @escaping @Sendable (any Error) -> any Error
    ) {
        self.delegate = delegate
        self.task = task
        self.registry = registry
        self.what = what
        self.expectedSize = expectedSize
        self.mapError = mapError
    }

    deinit {
        if !isComplete {
            task.cancel()
            delegate.abandon()
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count: Int
        do {
            count = try delegate.read(into: buffer)
        } catch {
            throw mapError(error)
        }
        received += Int64(count)
        if let expectedSize {
            if received > expectedSize {
                throw RegistryError.wrongLength(
                    registry: registry, what: what, expected: expectedSize, actual: received)
            }
            if count == 0 && received != expectedSize {
                throw RegistryError.wrongLength(
                    registry: registry, what: what, expected: expectedSize, actual: received)
            }
        }
        if count == 0 { isComplete = true }
        return count
    }
}

/// Verified blobs kept on disk by digest (`DIR/blobs/sha256/<hex>`).
///
/// A second scan of an image reads no layer from the network. A blob enters the cache only after its every byte hashed to its digest.
public struct BlobCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The cached file of `digest`, if there is one.
    public func path(of digest: ScanModel.Digest) -> String? {
        let path = finalPath(digest)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    func finalPath(_ digest: ScanModel.Digest) -> String {
        "\(directory)/blobs/\(digest.algorithm.rawValue)/\(digest.encoded)"
    }

    /// A stream that copies `upstream` into the cache as it is read, keeping the copy only if it verifies.
    func recording(_ upstream: any ByteSource, digest: ScanModel.Digest) -> any ByteSource {
        let folder = "\(directory)/blobs/\(digest.algorithm.rawValue)"
        let temporary = "\(directory)/blobs/.incoming-\(digest.encoded)-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
            FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { return upstream }
        return CacheRecordingSource(
            upstream: upstream, handle: handle, temporary: temporary, final: finalPath(digest), digest: digest)
    }
}

/// Tees a blob into a temporary file; at the end, renames it into the cache if the digest holds, else deletes it.
final class CacheRecordingSource: ByteSource {
    private let upstream: DigestingSource
    private let handle: FileHandle
    private let temporary: String
    private let final: String
    private let digest: Digest
    private var isDone = false

    init(upstream: any ByteSource, handle: FileHandle, temporary: String, final: String, digest: Digest) {
        self.upstream = DigestingSource(upstream, algorithm: digest.algorithm)
        self.handle = handle
        self.temporary = temporary
        self.final = final
        self.digest = digest
    }

    deinit {
        if !isDone {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try upstream.read(into: buffer)
        if count > 0 {
            try? handle.write(contentsOf: Data(UnsafeRawBufferPointer(rebasing: buffer[0..<count])))
        } else if !isDone {
            isDone = true
            try? handle.close()
            if upstream.finalize() == digest {
                if rename(temporary, final) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
            } else {
                try? FileManager.default.removeItem(atPath: temporary)
            }
        }
        return count
    }
}
