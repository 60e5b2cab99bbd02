import ScanModel

/// A `docker save` archive: the classic layout (`manifest.json`, `<id>/layer.tar`) or Docker 25's OCI layout with a
/// `manifest.json` beside it.
public struct DockerArchiveSource: ImageSource {
    public let name: String
    let archivePath: String
    /// `NAME:TAG` to pick one image of several.
    let image: String?
    let platform: String?
    let limits: LayerLimits

    public init(
        name: String, archivePath: String, image: String? = nil, platform: String? = nil,
        limits: LayerLimits = LayerLimits()
    ) {
        self.name = name
        self.archivePath = archivePath
        self.image = image
        self.platform = platform
        self.limits = limits
    }

    public func load() async throws -> LoadedImage {
        let container = ImageContainer.archive(try TarArchiveIndex(archivePath: archivePath, limits: limits))
        guard container.contains("manifest.json") else {
            guard container.contains("index.json") else { throw ImageReadError.notAnImage(path: archivePath) }
            return try await OCILayoutSource(
                name: name, container: container, selector: image.map { .tag($0) } ?? .any, platform: platform,
                sourceKind: "docker-archive", limits: limits
            ).load()
        }
        let items = try decodeJSON(
            [DockerManifestItem].self, from: try container.read("manifest.json"), file: "manifest.json")
        let item = try select(from: items)
        let configBytes = try container.read(item.config, limit: 16 << 20)
        // The configuration is named after its digest: `<hex>.json` or `blobs/sha256/<hex>`.
        let configHex = String(ImagePath(item.config).name.split(separator: ".").first ?? "")
        let imageID = Digest("sha256:" + configHex)
        if let imageID {
            try DigestingSource.verify(configBytes, against: imageID, blob: "configuration '\(item.config)'")
        }
        let configuration = try decodeJSON(ImageConfiguration.self, from: configBytes, file: item.config)
        let blobDigests = item.layers.map(Self.digest(fromBlobPath:))
        let (references, diffIDs) = try layerReferences(
            digests: blobDigests, sizes: item.layers.map { _ in nil }, configuration: configuration,
            configFile: item.config)
        let blobs = item.layers.indices.map { index in
            LayerBlob(
                container: container, path: item.layers[index], expectedDigest: blobDigests[index], expectedSize: nil,
                expectedDiffID: diffIDs[index])
        }
        return LoadedImage(
            sourceKind: "docker-archive", manifestDigest: nil, imageID: imageID, repoTags: item.repoTags ?? [],
            configuration: configuration, layers: references, layerContents: .blobs(blobs), limits: limits)
    }

    private func select(from items: [DockerManifestItem]) throws -> DockerManifestItem {
        if let image {
            let found = items.first { item in
                (item.repoTags ?? []).contains { OCILayoutSource.reference($0, matches: image) }
                    || image.hasPrefix("sha256:") && item.config.contains(image.dropFirst(7))
            }
            guard let found else {
                throw ImageReadError.imageNotFound(
                    archive: archivePath, requested: image, available: items.flatMap { $0.repoTags ?? [] })
            }
            return found
        }
        guard items.count == 1, let only = items.first else {
            if items.isEmpty { throw ImageReadError.notAnImage(path: archivePath) }
            throw ImageReadError.severalImages(
                archive: archivePath, available: items.map { $0.repoTags?.first ?? $0.config })
        }
        return only
    }

    /// Docker 25 names layer blobs by digest (`blobs/sha256/<hex>`); the classic `<id>/layer.tar` has no blob digest.
    static func digest(fromBlobPath path: String) -> Digest? {
        let components = ImagePath(path).components
        guard components.count == 3, components[0] == "blobs" else { return nil }
        return Digest("\(components[1]):\(components[2])")
    }
}
