/// An entry header of a tar stream, with PAX and GNU extensions applied.
public struct TarEntry: Sendable, Equatable {
    public var name: String
    public var typeflag: UInt8
    public var size: Int64
    public var linkName: String
    public var mode: UInt32
    public var userID: Int
    public var groupID: Int
    /// The offset of the entry's header in the tar stream.
    public var offset: Int64
}

/// Safety limits for reading layers from strangers.
public struct LayerLimits: Sendable {
    /// The largest PAX or GNU long-name extension header.
    public var maximumExtensionHeaderSize: Int64 = 1 << 20
    /// The most entries one layer may hold.
    public var maximumEntryCount = 20_000_000
    /// The most uncompressed bytes one layer may hold.
    public var maximumUncompressedSize: Int64 = 1 << 40
    /// The largest compression ratio accepted once a layer has inflated past `ratioCheckThreshold`.
    public var maximumCompressionRatio: Int64 = 1_000
    public var ratioCheckThreshold: Int64 = 1 << 30

    public init() {}
}

/// Reads a tar stream front to back: headers parsed in place, file data skipped unless asked for.
///
/// Follows POSIX ustar, GNU (`L`, `K`, base-256 numbers) and PAX (`x`, `g`); name precedence is PAX `path` > GNU
/// long name > prefix + name.
public final class TarReader {
    private let source: any ByteSource
    private let name: String
    private let limits: LayerLimits
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    /// Bytes consumed from the stream so far.
    public private(set) var position: Int64 = 0
    /// Content bytes of the current entry not yet consumed, and the padding after them.
    private var remaining: Int64 = 0
    private var padding: Int64 = 0
    private var ended = false
    public private(set) var entryCount = 0
    public private(set) var warnings: [String] = []

    public init(source: any ByteSource, name: String, limits: LayerLimits = LayerLimits(), bufferSize: Int = 256 << 10)
    {
        self.source = source
        self.name = name
        self.limits = limits
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 4096), alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// The next entry, or `nil` at the end of the archive.
    ///
    /// Skips whatever is left of the current entry.
    public func next() throws -> TarEntry? {
        guard !ended else { return nil }
        try skip(remaining + padding)
        remaining = 0
        padding = 0
        var pax: [String: String] = [:]
        var longName: String?
        var longLink: String?
        while true {
            let headerOffset = position
            guard try fill(512) else {
                if end - start == 0 && pax.isEmpty && longName == nil && longLink == nil {
                    ended = true  // plain end of file at a header boundary
                    return nil
                }
                throw ImageReadError.truncatedTar(layer: name, offset: position)
            }
            let block = UnsafeRawBufferPointer(rebasing: buffer[start..<start + 512])
            if TarHeaderBlock.isZeroBlock(block) {
                ended = true
                return nil
            }
            let header: TarHeaderBlock
            do {
                header = try TarHeaderBlock.parse(block)
            } catch {
                throw ImageReadError.corruptTarHeader(layer: name, offset: headerOffset, reason: "\(error)")
            }
            consume(512)
            var size = header.size
            switch header.typeflag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard size <= limits.maximumExtensionHeaderSize else {
                    throw ImageReadError.limitExceeded(
                        layer: name, limit: "an extension header of \(size) bytes at byte \(headerOffset)")
                }
                let data = try readExact(Int(size))
                try skip(Self.padding(for: size))
                switch header.typeflag {
                case UInt8(ascii: "x"):
                    guard let records = PAXRecords.parse(data) else {
                        throw ImageReadError.corruptTarHeader(
                            layer: name, offset: headerOffset, reason: "malformed PAX extended header")
                    }
                    pax.merge(records) { _, new in new }
                case UInt8(ascii: "L"):
                    longName = Self.cString(data)
                case UInt8(ascii: "K"):
                    longLink = Self.cString(data)
                default:
                    break  // Global PAX headers carry nothing a scanner needs.
                }
                continue
            default:
                break
            }
            if let paxSize = pax["size"] {
                guard let value = Int64(paxSize), value >= 0 else {
                    throw ImageReadError.corruptTarHeader(
                        layer: name, offset: headerOffset, reason: "PAX size '\(paxSize)'")
                }
                size = value
            }
            entryCount += 1
            guard entryCount <= limits.maximumEntryCount else {
                throw ImageReadError.limitExceeded(layer: name, limit: "more than \(limits.maximumEntryCount) entries")
            }
            let hasData = ![
                UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4"),
                UInt8(ascii: "5"), UInt8(ascii: "6"),
            ].contains(header.typeflag)
            remaining = hasData ? size : 0
            padding = hasData ? Self.padding(for: size) : 0
            if header.typeflag == UInt8(ascii: "S") {
                warnings.append("\(name): '\(header.name)' is a GNU sparse file; its contents were not read")
            }
            return TarEntry(
                name: pax["path"] ?? longName ?? header.name,
                typeflag: header.typeflag,
                size: hasData ? size : 0,
                linkName: pax["linkpath"] ?? longLink ?? header.linkName,
                mode: header.mode & 0o7777,
                userID: pax["uid"].flatMap { Int($0) } ?? header.userID,
                groupID: pax["gid"].flatMap { Int($0) } ?? header.groupID,
                offset: headerOffset)
        }
    }

    /// Reads up to `limit` bytes of the current entry's data.
    public func readContents(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try readContents(limit: limit, into: &bytes)
        return bytes
    }

    /// Reads up to `limit` bytes of the current entry's data into `bytes`, reusing its storage when it is unique.
    public func readContents(limit: Int, into bytes: inout [UInt8]) throws {
        let count = Int(min(Int64(limit), remaining))
        bytes.removeAll(keepingCapacity: true)
        try readExact(count, into: &bytes)
        remaining -= Int64(count)
    }

    /// Reads the stream to its end, so that digests over it are complete.
    public func drain() throws {
        ended = true
        remaining = 0
        padding = 0
        start = 0
        end = 0
        while !sourceEnded {
            let count = try source.read(into: buffer)
            if count == 0 { sourceEnded = true }
            position += Int64(count)
        }
    }

    static func padding(for size: Int64) -> Int64 { (512 - size % 512) % 512 }

    static func cString(_ data: [UInt8]) -> String {
        String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
    }

    private func consume(_ count: Int) {
        start += count
        position += Int64(count)
    }

    /// Makes `count` bytes available at `start`; returns `false` when the stream ends first.
    private func fill(_ count: Int) throws -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            let available = end - start
            if available > 0, let base = buffer.baseAddress {
                (base).copyMemory(from: base + start, byteCount: available)
            }
            start = 0
            end = available
        }
        while end - start < count && !sourceEnded {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if read == 0 { sourceEnded = true }
            end += read
        }
        return end - start >= count
    }

    private func readExact(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try readExact(count, into: &bytes)
        return bytes
    }

    /// Appends exactly `count` bytes of the stream to `bytes`.
    private func readExact(_ count: Int, into bytes: inout [UInt8]) throws {
        bytes.reserveCapacity(bytes.count + count)
        var needed = count
        while needed > 0 {
            if start == end {
                guard try fill(1) else { throw ImageReadError.truncatedTar(layer: name, offset: position) }
            }
            let take = min(needed, end - start)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<start + take]))
            consume(take)
            needed -= take
        }
    }

    private func skip(_ count: Int64) throws {
        var needed = count
        while needed > 0 {
            if start == end {
                start = 0
                end = 0
                guard !sourceEnded else { throw ImageReadError.truncatedTar(layer: name, offset: position) }
                let read = try source.read(into: buffer)
                if read == 0 {
                    sourceEnded = true
                    throw ImageReadError.truncatedTar(layer: name, offset: position)
                }
                end = read
            }
            let take = Int(min(needed, Int64(end - start)))
            consume(take)
            needed -= Int64(take)
        }
    }
}
