import ScanModel

/// Where an image's files live: a directory (OCI layout) or a tar archive (`docker save`, OCI archive).
///
/// An archive is indexed once by walking its headers and seeking over the data, so its blobs are read in place.
public enum ImageContainer: Sendable {
    case directory(root: String)
    case archive(TarArchiveIndex)

    public var displayName: String {
        switch self {
        case .directory(let root): root
        case .archive(let index): index.archivePath
        }
    }

    /// Returns whether the container has a file at `path` (a path inside the layout, such as `index.json`).
    public func contains(_ path: String) -> Bool {
        switch self {
        case .directory(let root):
            (try? FileHandleBox(path: Self.join(root, path))) != nil
        case .archive(let index):
            index.region(of: path) != nil
        }
    }

    /// Opens the byte range of the file at `path`.
    func open(_ path: String) throws -> (file: FileHandleBox, offset: Int64, length: Int64) {
        switch self {
        case .directory(let root):
            let full = Self.join(root, path)
            guard let file = try? FileHandleBox(path: full) else {
                throw ImageReadError.missingFile(archive: root, path: path)
            }
            return (file, 0, try file.size())
        case .archive(let index):
            guard let region = index.region(of: path) else {
                throw ImageReadError.missingFile(archive: index.archivePath, path: path)
            }
            return (try FileHandleBox(path: index.archivePath), region.offset, region.length)
        }
    }

    /// Reads a whole small file (a manifest or a configuration), refusing one larger than `limit`.
    func read(_ path: String, limit: Int64 = 4 << 20) throws -> [UInt8] {
        let (file, offset, length) = try open(path)
        guard length <= limit else {
            throw ImageReadError.limitExceeded(
                layer: "'\(path)'", limit: "metadata of \(length) bytes (at most \(limit))")
        }
        return try file.read(count: Int(length), at: offset)
    }

    static func join(_ root: String, _ path: String) -> String {
        root.hasSuffix("/") ? root + path : root + "/" + path
    }
}

/// The entries of a tar archive, by normalized path, with the byte range of each file's data.
public struct TarArchiveIndex: Sendable {
    public struct Region: Sendable, Equatable {
        public var offset: Int64
        public var length: Int64
    }

    public let archivePath: String
    private var regions: [String: Region] = [:]
    private var links: [String: String] = [:]

    /// Walks the archive's headers, seeking over file data.
    public init(archivePath: String, limits: LayerLimits = LayerLimits()) throws {
        self.archivePath = archivePath
        let file = try FileHandleBox(path: archivePath)
        let fileSize = try file.size()
        let magic = try file.read(count: 4, at: 0)
        if magic.starts(with: [0x1F, 0x8B]) || magic == [0x28, 0xB5, 0x2F, 0xFD] {
            throw ImageReadError.cannotOpen(
                path: archivePath,
                reason: "it is compressed; decompress it first (gunzip or zstd -d), then scan the .tar")
        }
        var offset: Int64 = 0
        var pax: [String: String] = [:]
        var longName: String?
        var longLink: String?
        var count = 0
        while offset + 512 <= fileSize {
            let block = try file.read(count: 512, at: offset)
            let header: TarHeaderBlock
            do {
                let isZero = block.withUnsafeBytes { TarHeaderBlock.isZeroBlock($0) }
                if isZero { break }
                header = try block.withUnsafeBytes { try TarHeaderBlock.parse($0) }
            } catch {
                throw ImageReadError.corruptTarHeader(layer: "'\(archivePath)'", offset: offset, reason: "\(error)")
            }
            var size = header.size
            let dataOffset = offset + 512
            switch header.typeflag {
            case UInt8(ascii: "x"), UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "g"):
                guard size <= limits.maximumExtensionHeaderSize, dataOffset + size <= fileSize else {
                    throw ImageReadError.corruptTarHeader(
                        layer: "'\(archivePath)'", offset: offset, reason: "extension header of \(size) bytes")
                }
                let data = try file.read(count: Int(size), at: dataOffset)
                if header.typeflag == UInt8(ascii: "x") {
                    pax.merge(PAXRecords.parse(data) ?? [:]) { _, new in new }
                } else if header.typeflag == UInt8(ascii: "L") {
                    longName = TarReader.cString(data)
                } else if header.typeflag == UInt8(ascii: "K") {
                    longLink = TarReader.cString(data)
                }
                offset = dataOffset + size + TarReader.padding(for: size)
                continue
            default:
                break
            }
            if let paxSize = pax["size"].flatMap({ Int64($0) }) { size = paxSize }
            let name = ImagePath(pax["path"] ?? longName ?? header.name).description
            let linkName = pax["linkpath"] ?? longLink ?? header.linkName
            let isDataless = [UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "5")].contains(header.typeflag)
            switch header.typeflag {
            case UInt8(ascii: "1"):
                links[name] = ImagePath(linkName).description
            case UInt8(ascii: "2"):
                let base = linkName.hasPrefix("/") ? "" : ImagePath(name).parent.description + "/"
                links[name] = ImagePath(base + linkName).description
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                guard dataOffset + size <= fileSize else {
                    throw ImageReadError.truncatedTar(layer: "'\(archivePath)'", offset: offset)
                }
                regions[name] = Region(offset: dataOffset, length: size)
                links[name] = nil
            default:
                break
            }
            count += 1
            guard count <= limits.maximumEntryCount else {
                throw ImageReadError.limitExceeded(layer: "'\(archivePath)'", limit: "too many entries")
            }
            pax = [:]
            longName = nil
            longLink = nil
            let dataSize = isDataless ? 0 : size
            offset = dataOffset + dataSize + TarReader.padding(for: dataSize)
        }
    }

    /// The data range of the regular file at `path`, following links within the archive (at most 40).
    public func region(of path: String) -> Region? {
        var current = ImagePath(path).description
        for _ in 0..<40 {
            if let region = regions[current] { return region }
            guard let target = links[current] else { return nil }
            current = target
        }
        return nil
    }
}
