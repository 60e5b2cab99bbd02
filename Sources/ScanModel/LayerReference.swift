/// One layer of an image, as the scan attributes files and packages to it.
public struct LayerReference: Hashable, Sendable, Codable {
    /// The position in the image, base layer first.
    public var index: Int
    /// The digest of the stored blob (compressed or not); `nil` for a root filesystem.
    public var digest: Digest?
    /// The digest of the uncompressed tar stream (`rootfs.diff_ids`); `nil` for a root filesystem.
    public var diffID: Digest?
    /// The stored blob's size in bytes, when known.
    public var size: Int64?
    /// The build step that made the layer, from the image history.
    public var createdBy: String?

    public init(index: Int, digest: Digest? = nil, diffID: Digest? = nil, size: Int64? = nil, createdBy: String? = nil)
    {
        self.index = index
        self.digest = digest
        self.diffID = diffID
        self.size = size
        self.createdBy = createdBy
    }
}
