import ScanModel

/// A manifest as a registry returned it.
public struct FetchedManifest: Sendable, Equatable {
    /// The manifest bytes, exactly as received.
    public var bytes: [UInt8]
    /// The digest of `bytes`.
    public var digest: Digest
    /// The `Content-Type` the registry gave, when it gave one.
    public var mediaType: String?

    /// Creates a fetched manifest.
    public init(bytes: [UInt8], digest: Digest, mediaType: String? = nil) {
        self.bytes = bytes
        self.digest = digest
        self.mediaType = mediaType
    }
}

/// Where an image's signatures are read from.
///
/// That is the image's repository in a registry, or the repository `COSIGN_REPOSITORY` names. The registry client
/// implements it; tests use an in-memory one.
///
/// An implementation throws `TrustError.contentDigestMismatch` when content does not hash to the digest it was
/// fetched by, and `TrustError.blobTooLarge` when a blob exceeds the size asked for; the verifier reports the first as
/// a tampered payload. Any other error (the registry is unreachable, access is denied) ends the verification.
public protocol SignatureStore: Sendable {
    /// The manifest tagged `tag` in the image's signature repository, or nil when there is none (404).
    func manifest(tagged tag: String) async throws -> FetchedManifest?
    /// The manifest with `digest`, verified against it, or nil when there is none.
    func manifest(digest: Digest) async throws -> FetchedManifest?
    /// The blob with `digest`, at most `maximumSize` bytes, verified against its digest.
    func blob(_ digest: Digest, maximumSize: Int) async throws -> [UInt8]
    /// The referrers index of `digest` (an OCI image index), or nil when the registry does not offer the API (404).
    func referrers(of digest: Digest) async throws -> [UInt8]?
}
