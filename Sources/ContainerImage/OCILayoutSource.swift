import ScanModel

/// An OCI image layout (`oci-layout`, `index.json`, `blobs/`), in a directory or a tar archive.
///
/// Docker 25 and later write `docker save` archives that are also OCI layouts; those are read here too when they
/// have no `manifest.json`.
public struct OCILayoutSource: ImageSource {
    public enum Selector: Sendable, Equatable {
        case any
        case tag(String)
        case digest(Digest)
    }

    public let name: String
    let container: ImageContainer
    let selector: Selector
    /// `os/arch[/variant]`; `nil` picks the only image, or the host's platform.
    let platform: String?
    let sourceKind: String
    let limits: LayerLimits

    public init(
        name: String, container: ImageContainer, selector: Selector = .any, platform: String? = nil,
        sourceKind: String = "oci-layout", limits: LayerLimits = LayerLimits()
    ) {
        self.name = name
        self.container = container
        self.selector = selector
        self.platform = platform
        self.sourceKind = sourceKind
        self.limits = limits
    }

    public func load() async throws -> LoadedImage {
        guard container.contains("index.json") else { throw ImageReadError.notAnImage(path: container.displayName) }
        let index = try decodeJSON(OCIIndex.self, from: try container.read("index.json"), file: "index.json")
        var descriptor = try selectTopLevel(from: index.manifests)
        var repoTags = Self.tags(of: descriptor)
        var depth = 0
        while MediaType.isIndex(descriptor.mediaType) {
            depth += 1
            guard depth <= 8 else {
                throw ImageReadError.limitExceeded(layer: "index.json", limit: "indexes nested more than 8 deep")
            }
            let nested = try decodeJSON(OCIIndex.self, from: try readBlob(descriptor), file: descriptor.digest)
            descriptor = try selectPlatform(from: nested.manifests)
            repoTags = repoTags.isEmpty ? Self.tags(of: descriptor) : repoTags
        }
        if MediaType.isSchema1(descriptor.mediaType) {
            throw ImageReadError.unsupportedMediaType(descriptor.mediaType ?? "", in: descriptor.digest)
        }
        let manifestBytes = try readBlob(descriptor)
        let manifest = try decodeJSON(OCIManifest.self, from: manifestBytes, file: descriptor.digest)
        if let type = manifest.mediaType, !MediaType.isManifest(type) {
            throw ImageReadError.unsupportedMediaType(type, in: descriptor.digest)
        }
        let configBytes = try readBlob(manifest.config)
        let configuration = try decodeJSON(ImageConfiguration.self, from: configBytes, file: manifest.config.digest)
        let layerDigests = try manifest.layers.map { try parseDigest($0.digest, in: descriptor.digest) }
        let (references, diffIDs) = try layerReferences(
            digests: layerDigests, sizes: manifest.layers.map(\.size), configuration: configuration,
            configFile: manifest.config.digest)
        let blobs = manifest.layers.indices.map { index in
            LayerBlob(
                container: container, path: Self.blobPath(layerDigests[index]), expectedDigest: layerDigests[index],
                expectedSize: manifest.layers[index].size, expectedDiffID: diffIDs[index])
        }
        return LoadedImage(
            sourceKind: sourceKind, manifestDigest: try parseDigest(descriptor.digest, in: "index.json"),
            imageID: try parseDigest(manifest.config.digest, in: descriptor.digest), repoTags: repoTags,
            configuration: configuration, layers: references, layerContents: .blobs(blobs), limits: limits)
    }

    static func blobPath(_ digest: Digest) -> String { "blobs/\(digest.algorithm.rawValue)/\(digest.encoded)" }

    static func tags(of descriptor: OCIDescriptor) -> [String] {
        if let name = descriptor.annotations?["io.containerd.image.name"] { return [name] }
        if let name = descriptor.annotations?["org.opencontainers.image.ref.name"] { return [name] }
        return []
    }

    /// Reads a metadata blob and checks its size and digest before anything parses it.
    func readBlob(_ descriptor: OCIDescriptor) throws -> [UInt8] {
        let digest = try parseDigest(descriptor.digest, in: "index.json")
        guard descriptor.size >= 0, descriptor.size <= 4 << 20 else {
            throw ImageReadError.limitExceeded(layer: "blob \(digest)", limit: "metadata of \(descriptor.size) bytes")
        }
        let bytes = try container.read(Self.blobPath(digest))
        guard Int64(bytes.count) == descriptor.size else {
            throw ImageReadError.sizeMismatch(
                blob: "blob \(digest)", expected: descriptor.size, actual: Int64(bytes.count))
        }
        try DigestingSource.verify(bytes, against: digest, blob: "blob \(digest)")
        return bytes
    }

    private func selectTopLevel(from manifests: [OCIDescriptor]) throws -> OCIDescriptor {
        switch selector {
        case .digest(let digest):
            if let found = manifests.first(where: { $0.digest == digest.description }) { return found }
            // The digest may name a platform manifest inside a nested index.
            for candidate in manifests where MediaType.isIndex(candidate.mediaType) {
                let nested = try decodeJSON(OCIIndex.self, from: try readBlob(candidate), file: candidate.digest)
                if let found = nested.manifests.first(where: { $0.digest == digest.description }) { return found }
            }
            throw ImageReadError.imageNotFound(
                archive: container.displayName, requested: digest.description, available: manifests.map(\.digest))
        case .tag(let tag):
            let found = manifests.first { descriptor in
                Self.tags(of: descriptor).contains { Self.reference($0, matches: tag) }
                    || descriptor.annotations?["org.opencontainers.image.ref.name"] == tag
            }
            guard let found else {
                throw ImageReadError.imageNotFound(
                    archive: container.displayName, requested: tag, available: manifests.flatMap(Self.tags))
            }
            return found
        case .any:
            let images = manifests.filter { !Self.isAttestation($0) }
            if images.count == 1, let only = images.first { return only }
            if images.isEmpty { throw ImageReadError.notAnImage(path: container.displayName) }
            if images.allSatisfy({ $0.platform != nil }) { return try selectPlatform(from: images) }
            throw ImageReadError.severalImages(
                archive: container.displayName, available: images.map { Self.tags(of: $0).first ?? $0.digest })
        }
    }

    /// Picks the manifest for the requested (or host) platform, skipping attestations.
    func selectPlatform(from manifests: [OCIDescriptor]) throws -> OCIDescriptor {
        try Self.selectPlatform(from: manifests, platform: platform)
    }

    /// Picks the manifest for `platform` (or the host's) from an index's entries, skipping attestations.
    static func selectPlatform(from manifests: [OCIDescriptor], platform: String?) throws -> OCIDescriptor {
        let images = manifests.filter { !Self.isAttestation($0) }
        if platform == nil, images.count == 1, let only = images.first { return only }
        let wanted = Platform(platform ?? Platform.host)
        if let found = images.first(where: { $0.platform.map { wanted.matches(Platform($0.description)) } ?? false }) {
            return found
        }
        throw ImageReadError.platformNotFound(
            requested: wanted.description, available: images.compactMap { $0.platform?.description })
    }

    static func isAttestation(_ descriptor: OCIDescriptor) -> Bool {
        descriptor.annotations?["vnd.docker.reference.type"] == "attestation-manifest"
            || (descriptor.platform?.os == "unknown" && descriptor.platform?.architecture == "unknown")
    }

    /// Compares image references loosely: `debian:12` matches `docker.io/library/debian:12`.
    static func reference(_ candidate: String, matches requested: String) -> Bool {
        func normalize(_ reference: String) -> String {
            var text = reference
            for prefix in ["docker.io/library/", "docker.io/", "index.docker.io/library/"] where text.hasPrefix(prefix)
            {
                text.removeFirst(prefix.count)
            }
            let lastComponent = text.split(separator: "/").last ?? ""
            if !lastComponent.contains(":") && !text.contains("@") { text += ":latest" }
            return text
        }
        return normalize(candidate) == normalize(requested)
    }
}

/// A platform, `os/architecture[/variant]`, normalised as containerd does (`x86_64` is `amd64`, `aarch64` is `arm64`).
struct Platform: Equatable, CustomStringConvertible {
    var os: String
    var architecture: String
    var variant: String?

    init(_ text: String) {
        let parts = text.lowercased().split(separator: "/").map(String.init)
        var os = parts.count > 1 ? parts[0] : "linux"
        var architecture = parts.count > 1 ? parts[1] : (parts.first ?? "amd64")
        var variant = parts.count > 2 ? parts[2] : nil
        if parts.count == 1 { os = "linux" }
        switch architecture {
        case "x86_64", "x86-64": architecture = "amd64"
        case "aarch64": architecture = "arm64"
        case "armhf": architecture = "arm"; variant = "v7"
        case "armel": architecture = "arm"; variant = "v6"
        case "i386", "i686": architecture = "386"
        default: break
        }
        if architecture == "arm64" && variant == "v8" { variant = nil }
        if architecture == "arm" && variant == nil { variant = "v7" }
        if os.isEmpty { os = "linux" }
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    func matches(_ other: Platform) -> Bool {
        os == other.os && architecture == other.architecture && (variant == nil || variant == other.variant)
    }

    var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }

    static var host: String {
        #if arch(arm64)
            "linux/arm64"
        #else
            "linux/amd64"
        #endif
    }
}
