import ScanModel

/// What the analyzers found in one layer, and the changes the layer makes to the filesystem below it.
///
/// A layer is analyzed on its own, so layers can be analyzed in any order (or cached by `diff_id`);
/// `SquashedAnalysis` combines them into what a container sees.
public struct LayerAnalysis: Sendable, Codable, Equatable {
    public var layer: LayerReference
    /// One result per analyzed file and analyzer; a later entry for the same path replaced earlier ones.
    public var files: [AnalyzedFileOutcome]
    /// Paths this layer deletes from lower layers (`.wh.NAME`).
    public var whiteouts: Set<ImagePath>
    /// Directories whose lower-layer children this layer hides (`.wh..wh..opq`).
    public var opaqueDirectories: Set<ImagePath>
    /// Paths some analyzer is interested in that this layer writes, whatever their kind: they hide lower versions.
    public var writtenPaths: Set<ImagePath>
    /// Symbolic links this layer writes, path to verbatim target.
    public var symbolicLinks: [ImagePath: String]
    /// How many entries the layer holds.
    public var entryCount: Int
    /// Files analyzers skipped as larger than their limit without reporting each one, by analyzer name.
    public var oversizedFileCounts: [String: Int]
    /// Entries whose mode matters for filesystem hygiene (set-user-ID, set-group-ID, writable by others).
    public var notableEntries: [LayerEntry]
    /// The regular files of at least `largeFileThreshold` bytes, path to size: what a later layer can waste.
    ///
    /// Bounded by the layer's size (at most one entry per 64 KiB of content), never by its entry count.
    public var largeFiles: [ImagePath: Int64]
    /// The bytes of all the layer's regular files.
    public var regularFileBytes: Int64
    public var warnings: [String]

    /// The smallest file `largeFiles` records.
    public static let largeFileThreshold: Int64 = 64 << 10

    public init(layer: LayerReference) {
        self.layer = layer
        self.files = []
        self.whiteouts = []
        self.opaqueDirectories = []
        self.writtenPaths = []
        self.symbolicLinks = [:]
        self.entryCount = 0
        self.oversizedFileCounts = [:]
        self.notableEntries = []
        self.largeFiles = [:]
        self.regularFileBytes = 0
        self.warnings = []
    }

    /// Returns whether this layer removes or replaces `path` as it stood in lower layers.
    ///
    /// Looks up the path and each of its folders: the cost is the path's depth, not the layer's size.
    public func hidesLowerVersion(of path: ImagePath) -> Bool {
        if writtenPaths.contains(path) || whiteouts.contains(path) { return true }
        // A folder deleted, made opaque, or replaced by a symbolic link takes everything below it away.
        return path.ancestors.contains {
            whiteouts.contains($0) || opaqueDirectories.contains($0) || symbolicLinks[$0] != nil
        }
    }

    /// Returns whether this layer deletes `path` without writing a new version of it.
    public func deletes(_ path: ImagePath) -> Bool {
        whiteouts.contains(path) || path.ancestors.contains { whiteouts.contains($0) || opaqueDirectories.contains($0) }
    }
}

/// One analyzer's outcome on one file of a layer.
public struct AnalyzedFileOutcome: Sendable, Codable, Equatable {
    public var path: ImagePath
    public var outcome: AnalyzerOutcome

    public init(path: ImagePath, outcome: AnalyzerOutcome) {
        self.path = path
        self.outcome = outcome
    }

    public var identity: AnalyzerIdentity {
        switch outcome {
        case .succeeded(let identity, _), .failed(let identity, _, _): identity
        }
    }
}
