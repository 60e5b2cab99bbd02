/// The image configuration (`application/vnd.oci.image.config.v1+json`), the parts a scanner reads.
public struct ImageConfiguration: Sendable, Codable, Equatable {
    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var created: String?
    public var config: ContainerConfiguration?
    public var rootfs: RootFilesystem?
    public var history: [HistoryEntry]?

    /// The runtime defaults of a container started from the image.
    public struct ContainerConfiguration: Sendable, Codable, Equatable {
        public var user: String?
        public var env: [String]?
        public var entrypoint: [String]?
        public var cmd: [String]?
        public var workingDir: String?
        public var labels: [String: String]?
        /// `ExposedPorts`: `port/protocol` keys (`22/tcp`), each with an empty object.
        public var exposedPorts: [String: EmptyObject]?
        /// `Healthcheck`, as `HEALTHCHECK` set it; absent when the build set none.
        public var healthcheck: HealthcheckConfiguration?

        enum CodingKeys: String, CodingKey {
            case user = "User", env = "Env", entrypoint = "Entrypoint", cmd = "Cmd", workingDir = "WorkingDir"
            case labels = "Labels", exposedPorts = "ExposedPorts", healthcheck = "Healthcheck"
        }
    }

    /// A JSON value whose content does not matter (the `{}` of each `ExposedPorts` key); anything decodes.
    public struct EmptyObject: Sendable, Codable, Equatable {
        public init() {}
        public init(from decoder: any Decoder) throws {}
        public func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: EmptyKey.self)
        }
        private struct EmptyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// The container health check (Docker's `HealthConfig`).
    public struct HealthcheckConfiguration: Sendable, Codable, Equatable {
        /// `["CMD", …]`, `["CMD-SHELL", "…"]`, or `["NONE"]` for a check disabled on purpose; empty inherits.
        public var test: [String]?

        enum CodingKeys: String, CodingKey {
            case test = "Test"
        }
    }

    /// `rootfs`: the uncompressed digests of the layers, base first.
    public struct RootFilesystem: Sendable, Codable, Equatable {
        public var type: String?
        public var diffIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }
    }

    /// One build step.
    public struct HistoryEntry: Sendable, Codable, Equatable {
        public var created: String?
        public var createdBy: String?
        public var comment: String?
        public var emptyLayer: Bool?

        enum CodingKeys: String, CodingKey {
            case created, comment
            case createdBy = "created_by"
            case emptyLayer = "empty_layer"
        }
    }

    /// The build step of each layer: history entries with `empty_layer` skipped, the n-th remaining one per layer.
    public var layerHistory: [String?] {
        (history ?? []).filter { $0.emptyLayer != true }.map(\.createdBy)
    }

    /// `os/architecture[/variant]`.
    public var platform: String? {
        guard let os, let architecture else { return nil }
        return [os, architecture, variant].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "/")
    }
}

/// A content descriptor (OCI image spec `descriptor.md`).
struct OCIDescriptor: Codable, Equatable {
    var mediaType: String?
    var digest: String
    var size: Int64
    var annotations: [String: String]?
    var platform: OCIPlatform?
    var artifactType: String?
}

/// The platform of an index entry.
struct OCIPlatform: Codable, Equatable {
    var architecture: String
    var os: String
    var variant: String?

    var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
}

/// An image index or Docker manifest list.
struct OCIIndex: Codable {
    var schemaVersion: Int?
    var mediaType: String?
    var manifests: [OCIDescriptor]
}

/// An image manifest.
struct OCIManifest: Codable {
    var schemaVersion: Int?
    var mediaType: String?
    var config: OCIDescriptor
    var layers: [OCIDescriptor]
}

/// One image of a `docker save` archive's `manifest.json` (moby `tarexport.go` `manifestItem`).
struct DockerManifestItem: Codable {
    var config: String
    var repoTags: [String]?
    var layers: [String]

    enum CodingKeys: String, CodingKey {
        case config = "Config", repoTags = "RepoTags", layers = "Layers"
    }
}

/// Media types, OCI and Docker schema 2.
enum MediaType {
    static let ociIndex = "application/vnd.oci.image.index.v1+json"
    static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"

    static func isIndex(_ type: String?) -> Bool { type == ociIndex || type == dockerManifestList }
    static func isManifest(_ type: String?) -> Bool { type == ociManifest || type == dockerManifest }
    static func isSchema1(_ type: String?) -> Bool {
        type?.hasPrefix("application/vnd.docker.distribution.manifest.v1") == true
    }
}
