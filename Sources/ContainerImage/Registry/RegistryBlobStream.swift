import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ScanModel

/// A layer blob arriving from a registry, read front to back; never more bytes than the manifest announced.
///
/// The layer reader hashes what it reads and checks the digest at the end, as for a blob on disk. A transfer cut off
/// in the middle (a dropped connection, a stall) is resumed from where it stopped with a `Range` request, up to
/// three times; a registry that ignores `Range` sends the blob again and the bytes already read are skipped.
public final class RegistryBlobStream: ByteSource {
    /// How to ask for the rest of the blob: the same request, from a byte offset.
    struct Resumption {
        var client: HTTPClient
        var url: String
        var headers: HTTPHeaders
        var timeout: TimeAmount
    }

    private var delegate: StreamingDelegate
    private var task: HTTPClient.Task<Void>
    private let registry: String
    private let what: String
    private let expectedSize: Int64?
    private let resumption: Resumption?
    private let mapError: @Sendable (any Error) -> any Error
    private var received: Int64 = 0
    private var bytesToSkip: Int64 = 0
    private var resumptions = 0
    private var isComplete = false

    /// The most times one blob's transfer is resumed.
    static let maximumResumptions = 3

    init(
        delegate: StreamingDelegate, task: HTTPClient.Task<Void>, registry: String, what: String, expectedSize: Int64?,
        resumption: Resumption?, mapError: @escaping @Sendable (any Error) -> any Error
    ) {
        self.delegate = delegate
        self.task = task
        self.registry = registry
        self.what = what
        self.expectedSize = expectedSize
        self.resumption = resumption
        self.mapError = mapError
    }

    deinit {
        if !isComplete {
            task.cancel()
            delegate.abandon()
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            var count: Int
            do {
                count = try delegate.read(into: buffer)
            } catch {
                try resume(after: error)
                continue
            }
            if bytesToSkip > 0 && count > 0 {
                let skipped = Int(min(Int64(count), bytesToSkip))
                bytesToSkip -= Int64(skipped)
                if skipped == count { continue }
                if let base = buffer.baseAddress { memmove(base, base + skipped, count - skipped) }
                count -= skipped
            }
            received += Int64(count)
            if let expectedSize {
                if received > expectedSize || (count == 0 && received != expectedSize) {
                    throw RegistryError.wrongLength(
                        registry: registry, what: what, expected: expectedSize, actual: received)
                }
            }
            if count == 0 { isComplete = true }
            return count
        }
    }

    /// Asks for the rest of the blob after a transfer error, or throws that error when it cannot be resumed.
    private func resume(after error: any Error) throws {
        let mapped = mapError(error)
        guard let resumption, resumptions < Self.maximumResumptions, !(error is CancellationError),
            !(mapped is CancellationError)
        else { throw mapped }
        resumptions += 1
        task.cancel()
        delegate.abandon()
        var headers = resumption.headers
        headers.replaceOrAdd(name: "Range", value: "bytes=\(received)-")
        let next = StreamingDelegate()
        let nextTask: HTTPClient.Task<Void>
        let head: HTTPResponseHead
        do {
            let request = try HTTPClient.Request(url: resumption.url, method: .GET, headers: headers)
            nextTask = resumption.client.execute(request: request, delegate: next)
            head = try next.waitForHead(timeout: resumption.timeout)
        } catch {
            throw mapped
        }
        delegate = next
        task = nextTask
        switch head.status.code {
        case 206:
            let range = head.headers.first(name: "Content-Range") ?? ""
            guard range.hasPrefix("bytes \(received)-") else { throw mapped }
            bytesToSkip = 0
        case 200:
            bytesToSkip = received
        default:
            throw mapped
        }
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
