import ScanModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A root filesystem on disk (`dir:PATH`), scanned as one layer.
public struct RootFilesystemSource: ImageSource {
    public let name: String
    let root: String

    public init(name: String, root: String) {
        self.name = name
        self.root = root
    }

    public func load() async throws -> LoadedImage {
        var status = stat()
        guard stat(root, &status) == 0 else {
            throw ImageReadError.cannotOpen(path: root, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw ImageReadError.cannotOpen(path: root, reason: "dir: needs a directory")
        }
        return LoadedImage(
            sourceKind: "dir", manifestDigest: nil, imageID: nil, repoTags: [], configuration: nil,
            layers: [LayerReference(index: 0)], layerContents: .directory(root: root), limits: LayerLimits())
    }
}

/// Walks a directory tree depth first without following symbolic links, as the entries of one layer.
///
/// Scanning `/` skips the kernel's virtual filesystems (`/proc`, `/sys`, `/dev`): they are not the image.
public final class DirectoryLayerStream: LayerEntryStream {
    private let root: String
    private var pending: [String]  // relative paths of folders still to list
    private var queue: [(relative: String, status: stat)] = []  // reversed: the next entry is last
    private var currentFile: String?
    public private(set) var warnings: [String] = []
    private static let skippedAtHostRoot: Set<String> = ["proc", "sys", "dev"]

    public init(root: String) throws {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.pending = [""]
    }

    private func fullPath(_ relative: String) -> String {
        relative.isEmpty ? root : (root == "/" ? "/" + relative : root + "/" + relative)
    }

    public func next() async throws -> LayerEntry? {
        currentFile = nil
        while queue.isEmpty {
            guard let folder = pending.popLast() else { return nil }
            list(folder)
        }
        guard let (relative, status) = queue.popLast() else { return nil }
        let path = ImagePath(relative)
        let mode = UInt32(status.st_mode) & 0o7777
        let kind: LayerEntry.Kind
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            kind = .regularFile
            currentFile = fullPath(relative)
        case S_IFDIR:
            kind = .directory
            pending.append(relative)
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: 4097)
            let count = readlink(fullPath(relative), &buffer, 4096)
            let target =
                count >= 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            kind = .symbolicLink(target: target)
        default:
            kind = .special
        }
        return LayerEntry(
            path: path, kind: kind, size: kind == .regularFile ? Int64(status.st_size) : 0, mode: mode,
            userID: Int(status.st_uid), groupID: Int(status.st_gid))
    }

    private func list(_ folder: String) {
        guard let directory = opendir(fullPath(folder)) else {
            if !folder.isEmpty {
                warnings.append("\(fullPath(folder)): cannot list: \(String(cString: strerror(errno)))")
            }
            return
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if folder.isEmpty && root == "/" && Self.skippedAtHostRoot.contains(name) { continue }
            names.append(name)
        }
        for name in names.sorted().reversed() {
            let relative = folder.isEmpty ? name : folder + "/" + name
            var status = stat()
            if lstat(fullPath(relative), &status) == 0 { queue.append((relative, status)) }
        }
    }

    public func readContents(limit: Int) async throws -> [UInt8] {
        guard let currentFile else { return [] }
        let file = try FileHandleBox(path: currentFile)
        let size = try file.size()
        return try file.read(count: Int(min(Int64(limit), size)), at: 0)
    }
}
