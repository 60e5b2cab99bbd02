import ScanModel

/// A layer blob of an image and the digests it must have.
public struct LayerBlob: Sendable {
    public var container: ImageContainer
    /// The blob's path inside the container (`blobs/sha256/…`, `<id>/layer.tar`).
    public var path: String
    public var expectedDigest: Digest?
    public var expectedSize: Int64?
    public var expectedDiffID: Digest?

    public init(
        container: ImageContainer, path: String, expectedDigest: Digest?, expectedSize: Int64?, expectedDiffID: Digest?
    ) {
        self.container = container
        self.path = path
        self.expectedDigest = expectedDigest
        self.expectedSize = expectedSize
        self.expectedDiffID = expectedDiffID
    }

    /// How the user is told which blob is at fault.
    public var displayName: String {
        "layer \(expectedDigest?.description ?? expectedDiffID?.description ?? path) ('\(path)' in '\(container.displayName)')"
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

    public init(blob: LayerBlob, limits: LayerLimits = LayerLimits()) throws {
        self.blob = blob
        let (file, offset, length) = try blob.container.open(blob.path)
        if let expectedSize = blob.expectedSize, expectedSize != length {
            throw ImageReadError.sizeMismatch(blob: blob.displayName, expected: expectedSize, actual: length)
        }
        let magic = try file.read(count: 4, at: offset)
        let raw = FileRegionSource(file: file, offset: offset, length: length)
        let algorithm = blob.expectedDigest?.algorithm ?? blob.expectedDiffID?.algorithm ?? .sha256
        blobDigester = DigestingSource(raw, algorithm: algorithm)
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
