import ScanModel

/// A layer blob of an image and the digests it must have.
public struct LayerBlob: Sendable {
    /// Where the blob's bytes are.
    public enum Location: Sendable {
        /// A file in a layout or archive: `blobs/sha256/…`, `<id>/layer.tar`.
        case file(ImageContainer, path: String)
        /// A blob of a registry repository, fetched when the layer is opened.
        case registry(RegistryClient, repository: String, cache: BlobCache?)
    }

    public var location: Location
    public var expectedDigest: Digest?
    public var expectedSize: Int64?
    public var expectedDiffID: Digest?

    public init(
        container: ImageContainer, path: String, expectedDigest: Digest?, expectedSize: Int64?, expectedDiffID: Digest?
    ) {
        self.init(
            location: .file(container, path: path), expectedDigest: expectedDigest, expectedSize: expectedSize,
            expectedDiffID: expectedDiffID)
    }

    public init(location: Location, expectedDigest: Digest?, expectedSize: Int64?, expectedDiffID: Digest?) {
        self.location = location
        self.expectedDigest = expectedDigest
        self.expectedSize = expectedSize
        self.expectedDiffID = expectedDiffID
    }

    /// How the user is told which blob is at fault.
    public var displayName: String {
        let name = expectedDigest?.description ?? expectedDiffID?.description ?? "(no digest)"
        switch location {
        case .file(let container, let path):
            return
                "layer \(expectedDigest?.description ?? expectedDiffID?.description ?? path) ('\(path)' in '\(container.displayName)')"
        case .registry(let client, let repository, _):
            return "layer \(name) of \(client.registry)/\(repository)"
        }
    }

    /// Opens the blob's bytes from the start, with their length when it is known before reading.
    func open() async throws -> (source: any ByteSource, length: Int64?) {
        switch location {
        case .file(let container, let path):
            let (file, offset, length) = try container.open(path)
            return (FileRegionSource(file: file, offset: offset, length: length), length)
        case .registry(let client, let repository, let cache):
            guard let digest = expectedDigest else {
                throw ImageReadError.invalidDigest("(none)", in: "the manifest of \(client.registry)/\(repository)")
            }
            if let cache, let cached = cache.path(of: digest) {
                let file = try FileHandleBox(path: cached)
                let length = try file.size()
                return (FileRegionSource(file: file, offset: 0, length: length), length)
            }
            let stream = try await client.openBlob(repository: repository, digest: digest, expectedSize: expectedSize)
            guard let cache else { return (stream, expectedSize) }
            return (cache.recording(stream, digest: digest), expectedSize)
        }
    }
}

/// Lets a reader look at the first bytes of a stream (its magic number) and then read it all from the start.
final class PeekingSource: ByteSource {
    private let upstream: any ByteSource
    private var head: [UInt8] = []
    private var headPosition = 0

    init(_ upstream: any ByteSource) { self.upstream = upstream }

    /// Reads up to `count` bytes ahead without consuming them.
    func peek(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = try bytes.withUnsafeMutableBytes { buffer in
                try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<count]))
            }
            if read == 0 { break }
            filled += read
        }
        head = Array(bytes[0..<filled])
        return head
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if headPosition < head.count {
            let count = min(buffer.count, head.count - headPosition)
            head.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[headPosition..<headPosition + count]))
            }
            headPosition += count
            return count
        }
        return try upstream.read(into: buffer)
    }
}

/// Stops a decompressor whose output outgrows its input past the ratio a real layer could have.
final class InflationGuard: ByteSource {
    private let upstream: any ByteSource
    private let compressed: DigestingSource
    private let limits: LayerLimits
    private let name: String
    private var produced: Int64 = 0

    init(_ upstream: any ByteSource, compressed: DigestingSource, limits: LayerLimits, name: String) {
        self.upstream = upstream
        self.compressed = compressed
        self.limits = limits
        self.name = name
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try upstream.read(into: buffer)
        produced += Int64(count)
        if produced > limits.maximumUncompressedSize {
            throw ImageReadError.limitExceeded(layer: name, limit: "more than \(limits.maximumUncompressedSize) bytes")
        }
        if produced > limits.ratioCheckThreshold,
            produced / max(compressed.byteCount, 1) > limits.maximumCompressionRatio
        {
            throw ImageReadError.limitExceeded(
                layer: name,
                limit: "it inflates more than \(limits.maximumCompressionRatio) times (a decompression bomb)")
        }
        return count
    }
}

/// The entries of a layer blob: read through its decompressor, whiteouts recognised, digests checked at the end.
public final class TarLayerStream: LayerEntryStream {
    private let blob: LayerBlob
    private let tar: TarReader
    private let blobDigester: DigestingSource
    /// Hashes the uncompressed stream; `nil` when the blob is not compressed (then the blob digest is the diff_id).
    private let diffDigester: DigestingSource?
    private var finished = false
    private var extraWarnings: [String] = []

    /// Opens the layer's blob, wherever it is, and prepares to read its entries.
    public static func open(blob: LayerBlob, limits: LayerLimits = LayerLimits()) async throws -> TarLayerStream {
        let (source, length) = try await blob.open()
        return try TarLayerStream(blob: blob, source: source, length: length, limits: limits)
    }

    /// Reads the entries of `blob` from `source`, whose length, when known, must be the size the image gave.
    public init(blob: LayerBlob, source: any ByteSource, length: Int64?, limits: LayerLimits = LayerLimits()) throws {
        self.blob = blob
        if let expectedSize = blob.expectedSize, let length, expectedSize != length {
            throw ImageReadError.sizeMismatch(blob: blob.displayName, expected: expectedSize, actual: length)
        }
        let peeking = PeekingSource(source)
        let magic = try peeking.peek(4)
        let algorithm = blob.expectedDigest?.algorithm ?? blob.expectedDiffID?.algorithm ?? .sha256
        blobDigester = DigestingSource(peeking, algorithm: algorithm)
        let decompressed: (any ByteSource)?
        if magic.starts(with: [0x1F, 0x8B]) {
            decompressed = try GzipSource(blobDigester, name: blob.displayName)
        } else if magic == [0x28, 0xB5, 0x2F, 0xFD] {
            decompressed = try ZstdSource(blobDigester, name: blob.displayName)
        } else {
            decompressed = nil
        }
        if let decompressed {
            let guarded = InflationGuard(decompressed, compressed: blobDigester, limits: limits, name: blob.displayName)
            let digester = DigestingSource(guarded, algorithm: blob.expectedDiffID?.algorithm ?? .sha256)
            diffDigester = digester
            tar = TarReader(source: digester, name: blob.displayName, limits: limits)
        } else {
            diffDigester = nil
            tar = TarReader(source: blobDigester, name: blob.displayName, limits: limits)
        }
    }

    public var warnings: [String] { tar.warnings + extraWarnings }

    public func next() async throws -> LayerEntry? {
        while !finished {
            guard let entry = try tar.next() else {
                finished = true
                try tar.drain()
                try verify()
                return nil
            }
            if let layerEntry = convert(entry) { return layerEntry }
        }
        return nil
    }

    public func readContents(limit: Int) async throws -> [UInt8] {
        try tar.readContents(limit: limit)
    }

    public func readContents(limit: Int, into buffer: inout [UInt8]) async throws {
        try tar.readContents(limit: limit, into: &buffer)
    }

    /// Checks the size and digests of everything read against what the image promised.
    private func verify() throws {
        let blobDigest = blobDigester.finalize()
        if let expected = blob.expectedSize, expected != blobDigester.byteCount {
            throw ImageReadError.sizeMismatch(
                blob: blob.displayName, expected: expected, actual: blobDigester.byteCount)
        }
        if let expected = blob.expectedDigest, expected != blobDigest {
            throw ImageReadError.digestMismatch(blob: blob.displayName, expected: expected, actual: blobDigest)
        }
        if let expected = blob.expectedDiffID {
            let diffID = diffDigester?.finalize() ?? blobDigest
            guard expected == diffID else {
                throw ImageReadError.digestMismatch(
                    blob: "the uncompressed \(blob.displayName)", expected: expected, actual: diffID)
            }
        }
    }

    /// Turns a tar entry into a layer entry; `nil` for entries that carry nothing (AUFS metadata).
    func convert(_ entry: TarEntry) -> LayerEntry? {
        let path = ImagePath(entry.name)
        if entry.name.split(separator: "/").contains("..") {
            extraWarnings.append(
                "\(blob.displayName): entry '\(entry.name)' climbs out of the layer; read as '\(path.absolute)'")
        }
        if path.isRoot { return nil }
        let name = path.name
        if name.hasPrefix(".wh.") {
            if name == ".wh..wh..opq" {
                return LayerEntry(path: path.parent, kind: .opaqueDirectory)
            }
            if name.hasPrefix(".wh..wh.") { return nil }
            return LayerEntry(path: path.parent.appending(String(name.dropFirst(4))), kind: .whiteout)
        }
        let kind: LayerEntry.Kind
        switch entry.typeflag {
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"), UInt8(ascii: "S"):
            kind = .regularFile
        case UInt8(ascii: "1"):
            kind = .hardLink(target: ImagePath(entry.linkName))
        case UInt8(ascii: "2"):
            kind = .symbolicLink(target: entry.linkName)
        case UInt8(ascii: "5"), UInt8(ascii: "D"):
            kind = .directory
        default:
            kind = .special
        }
        let isFile = kind == .regularFile
        return LayerEntry(
            path: path, kind: kind, size: isFile ? entry.size : 0, mode: entry.mode, userID: entry.userID,
            groupID: entry.groupID)
    }
}
