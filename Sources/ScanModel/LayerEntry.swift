/// One entry of a layer, as a layer's tar (or a root filesystem walk) records it, whiteouts already recognised.
public struct LayerEntry: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        case regularFile
        case directory
        /// A symbolic link; the target is kept verbatim (relative or absolute).
        case symbolicLink(target: String)
        /// A hard link to another path of the same layer.
        case hardLink(target: ImagePath)
        /// `dir/.wh.NAME`: deletes `dir/NAME` from lower layers. `path` is the deleted path.
        case whiteout
        /// `dir/.wh..wh..opq`: hides every lower-layer child of `dir`. `path` is the directory.
        case opaqueDirectory
        /// A device, FIFO or socket.
        case special
    }

    public var path: ImagePath
    public var kind: Kind
    /// Bytes of content (regular files only).
    public var size: Int64
    /// Permission bits and the set-user-ID, set-group-ID and sticky bits.
    public var mode: UInt32
    public var userID: Int
    public var groupID: Int

    public init(path: ImagePath, kind: Kind, size: Int64 = 0, mode: UInt32 = 0o644, userID: Int = 0, groupID: Int = 0) {
        self.path = path
        self.kind = kind
        self.size = size
        self.mode = mode
        self.userID = userID
        self.groupID = groupID
    }
}

extension LayerEntry {
    /// Whether the mode matters for filesystem hygiene: a set-user-ID or set-group-ID file, or a file or folder
    /// others may write (symbolic links always show 0777 and are not).
    public var isNotableForHygiene: Bool {
        switch kind {
        case .regularFile: return mode & 0o6000 != 0 || mode & 0o002 != 0
        case .directory: return mode & 0o002 != 0
        default: return false
        }
    }
}

extension LayerEntryStream {
    public mutating func readContents(limit: Int, into buffer: inout [UInt8]) async throws {
        buffer = try await readContents(limit: limit)
    }
}

/// A layer's entries, read once, in order, with the contents of the current entry on request.
public protocol LayerEntryStream {
    /// The next entry, or `nil` at the end of the layer.
    mutating func next() async throws -> LayerEntry?
    /// Reads up to `limit` bytes of the current entry's contents; call at most once per entry.
    mutating func readContents(limit: Int) async throws -> [UInt8]
    /// Reads up to `limit` bytes of the current entry's contents into `buffer`, replacing what it held but keeping
    /// its storage: a walk that reuses one buffer does not map and fault in fresh memory for every large file.
    mutating func readContents(limit: Int, into buffer: inout [UInt8]) async throws
    /// Problems met and worked around (a duplicate entry, a skipped sparse file), one line each.
    var warnings: [String] { get }
}
