import Foundation
import ScanModel

/// An image pulled from a registry: manifests fetched and verified, the platform chosen from an index, and each
/// layer streamed from the registry into the layer reader when the scan opens it (or read from the blob cache).
public struct RegistrySource: ImageSource {
    public let name: String
    public let reference: ImageReference
    public let client: RegistryClient
    /// `os/arch[/variant]`; `nil` picks the host's platform from an index.
    let platform: String?
    let limits: LayerLimits
    let cache: BlobCache?

    public init(
        name: String, reference: ImageReference, options: RegistryOptions, platform: String? = nil,
        limits: LayerLimits = LayerLimits()
    ) {
        self.init(
            name: name, reference: reference, client: RegistryClient(registry: reference.registry, options: options),
            platform: platform, limits: limits, cache: options.blobCacheDirectory.map(BlobCache.init(directory:)))
    }

    public init(
        name: String, reference: ImageReference, client: RegistryClient, platform: String? = nil,
        limits: LayerLimits = LayerLimits(), cache: BlobCache? = nil
    ) {
        self.name = name
        self.reference = reference
        self.client = client
        self.platform = platform
        self.limits = limits
        self.cache = cache
    }

    /// The image's manifest, chosen for the platform when the reference names an index.
    public struct ResolvedManifest: Sendable {
        /// The platform manifest: its bytes were hashed to this digest.
        public var manifest: RegistryManifest
        /// The index it was chosen from, if any.
        public var indexDigest: Digest?
    }

    /// Fetches the reference's manifest, and through an index the platform's; every digest is checked.
    public func resolveManifest() async throws -> ResolvedManifest {
        let (top, topKind) = try await fetchManifest(reference.manifestReference)
        guard topKind == .index else { return ResolvedManifest(manifest: top, indexDigest: nil) }
        var visited: Set<Digest> = [top.digest]
        var current = top
        for _ in 0..<4 {
            let index = try decodeJSON(OCIIndex.self, from: current.bytes, file: "index \(current.digest)")
            let chosen = try OCILayoutSource.selectPlatform(from: index.manifests, platform: platform)
            guard let digest = Digest(chosen.digest) else {
                throw ImageReadError.invalidDigest(chosen.digest, in: "index \(current.digest)")
            }
            guard !visited.contains(digest) else {
                throw RegistryError.indexCycle(registry: reference.registry, digest: current.digest)
            }
            visited.insert(digest)
            let (next, nextKind) = try await fetchManifest(digest.description)
            if nextKind != .index { return ResolvedManifest(manifest: next, indexDigest: top.digest) }
            current = next
        }
        throw RegistryError.indexCycle(registry: reference.registry, digest: current.digest)
    }

    public func load() async throws -> LoadedImage {
        try await load(resolved: try await resolveManifest())
    }

    /// Reads the image of a manifest already resolved (and trusted): exactly those bytes, whatever the tag now names.
    public func load(resolved: ResolvedManifest) async throws -> LoadedImage {
        let manifestDigest = resolved.manifest.digest
        let file = "manifest \(manifestDigest)"
        let manifest = try decodeJSON(OCIManifest.self, from: resolved.manifest.bytes, file: file)
        let configDigest = try parseDigest(manifest.config.digest, in: file)
        guard manifest.config.size >= 0, manifest.config.size <= 8 << 20 else {
            throw ImageReadError.limitExceeded(
                layer: "configuration \(configDigest)", limit: "metadata of \(manifest.config.size) bytes")
        }
        let configBytes = try await client.blob(
            repository: reference.repository, digest: configDigest, maximumSize: Int(manifest.config.size))
        guard configBytes.count == Int(manifest.config.size) else {
            throw ImageReadError.sizeMismatch(
                blob: "configuration \(configDigest)", expected: manifest.config.size, actual: Int64(configBytes.count))
        }
        let configuration = try decodeJSON(
            ImageConfiguration.self, from: configBytes, file: "configuration \(configDigest)")
        // Docker caps images at 127 layers; a manifest listing thousands is hostile.
        guard manifest.layers.count <= 1000 else {
            throw ImageReadError.limitExceeded(layer: file, limit: "more than 1000 layers")
        }
        let layerDigests = try manifest.layers.map { try parseDigest($0.digest, in: file) }
        let (references, diffIDs) = try layerReferences(
            digests: layerDigests, sizes: manifest.layers.map(\.size), configuration: configuration,
            configFile: "configuration \(configDigest)")
        let blobs = manifest.layers.indices.map { index in
            LayerBlob(
                location: .registry(client, repository: reference.repository, cache: cache),
                expectedDigest: layerDigests[index], expectedSize: manifest.layers[index].size,
                expectedDiffID: diffIDs[index])
        }
        var image = LoadedImage(
            sourceKind: "registry", manifestDigest: manifestDigest, imageID: configDigest,
            repoTags: reference.tag.map { ["\(reference.repositoryPath):\($0)"] } ?? [], configuration: configuration,
            layers: references, layerContents: .blobs(blobs), limits: limits)
        image.indexDigest = resolved.indexDigest
        return image
    }

    private func fetchManifest(_ manifestReference: String) async throws -> (
        manifest: RegistryManifest, kind: Kind
    ) {
        guard
            let manifest = try await client.manifest(
                repository: reference.repository, reference: manifestReference, allowMissing: true)
        else {
            throw RegistryError.notFound(
                registry: reference.registry, repository: reference.repository, what: "manifest '\(manifestReference)'")
        }
        let (type, kind) = Self.classify(manifest)
        if let type, MediaType.isSchema1(type) || !(MediaType.isIndex(type) || MediaType.isManifest(type)) {
            throw RegistryError.unsupportedManifest(
                registry: reference.registry, reference: "\(reference.repository)@\(manifest.digest)", mediaType: type)
        }
        return (manifest, kind)
    }

    enum Kind { case index, manifest }

    /// Whether `manifest` is an index or an image manifest.
    static func kind(of manifest: RegistryManifest) -> Kind { classify(manifest).kind }

    /// The media type, and the kind it gives.
    ///
    /// The type is the `Content-Type` when it names a manifest type, else the body's `mediaType`; without one, the
    /// body's shape (`manifests` or `layers`) gives the kind. The body is decoded once.
    static func classify(_ manifest: RegistryManifest) -> (mediaType: String?, kind: Kind) {
        struct Envelope: Decodable {
            struct Entry: Decodable {
                init(from decoder: any Decoder) throws {}
            }
            var mediaType: String?
            var manifests: [Entry]?
        }
        if let type = manifest.mediaType,
            MediaType.isIndex(type) || MediaType.isManifest(type) || MediaType.isSchema1(type)
        {
            return (type, MediaType.isIndex(type) ? .index : .manifest)
        }
        let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(manifest.bytes))
        let type =
            envelope?.mediaType
            ?? manifest.mediaType.flatMap { $0.contains("json") && !$0.hasPrefix("application/json") ? $0 : nil }
        if let type { return (type, MediaType.isIndex(type) ? .index : .manifest) }
        return (nil, envelope?.manifests != nil ? .index : .manifest)
    }
}
