import ContainerImage
import Foundation
import ScanModel

/// An image built in memory from layers of tar entries, written out as any of the layouts Plimsoll reads.
public struct ImageFixture: Sendable {
    /// One layer: its tar, how it is stored, and the build step that made it.
    public struct Layer: Sendable {
        public var tar: [UInt8]
        public var compression: Compression
        public var createdBy: String

        public init(_ tar: TarBuilder, compression: Compression = .gzip, createdBy: String = "COPY . /") {
            self.tar = tar.archive
            self.compression = compression
            self.createdBy = createdBy
        }

        public init(rawTar: [UInt8], compression: Compression = .gzip, createdBy: String = "COPY . /") {
            self.tar = rawTar
            self.compression = compression
            self.createdBy = createdBy
        }

        public var blob: [UInt8] { compression.compress(tar) }
    }

    public var layers: [Layer]
    public var tag: String
    public var architecture: String
    /// The configuration's `Env`.
    public var environment: [String]
    /// The configuration's `Labels`; left out of the configuration when empty.
    public var labels: [String: String]
    /// The configuration's `Entrypoint`; left out when `nil`.
    public var entrypoint: [String]?
    /// The configuration's `Cmd`; left out when `nil`.
    public var command: [String]?
    /// The `created_by` lines of the history entries without a layer (`ENV`, `LABEL`), which come before those of
    /// the layers.
    public var emptyLayerHistory: [String]

    public init(
        layers: [Layer], tag: String = "example/app:1.0", architecture: String = "amd64",
        environment: [String] = ["PATH=/usr/bin"], labels: [String: String] = [:], entrypoint: [String]? = nil,
        command: [String]? = nil, emptyLayerHistory: [String] = ["/bin/sh -c #(nop) ENV A=B"]
    ) {
        self.layers = layers
        self.tag = tag
        self.architecture = architecture
        self.environment = environment
        self.labels = labels
        self.entrypoint = entrypoint
        self.command = command
        self.emptyLayerHistory = emptyLayerHistory
    }

    /// The configuration JSON.
    public var configBytes: [UInt8] {
        let diffIDs = layers.map { DigestingSource.digest(of: $0.tar).description }
        var history: [[String: Any]] = emptyLayerHistory.map { ["created_by": $0, "empty_layer": true] }
        history += layers.map { ["created_by": $0.createdBy] }
        var container: [String: Any] = ["Env": environment, "User": ""]
        if !labels.isEmpty { container["Labels"] = labels }
        if let entrypoint { container["Entrypoint"] = entrypoint }
        if let command { container["Cmd"] = command }
        let config: [String: Any] = [
            "architecture": architecture, "os": "linux", "created": "2024-01-01T00:00:00Z", "config": container,
            "rootfs": ["type": "layers", "diff_ids": diffIDs], "history": history,
        ]
        return Self.json(config)
    }

    static func json(_ object: Any) -> [UInt8] {
        (try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))) ?? []
    }

    /// Writes the OCI layout files (`oci-layout`, `index.json`, `blobs/`) as (path, bytes) pairs.
    public func ociLayoutFiles(dockerStyleIndex: Bool = false) -> [(String, [UInt8])] {
        var files: [(String, [UInt8])] = [("oci-layout", Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8))]
        let config = configBytes
        let configDigest = DigestingSource.digest(of: config)
        files.append(("blobs/sha256/\(configDigest.encoded)", config))
        var layerDescriptors: [[String: Any]] = []
        for layer in layers {
            let blob = layer.blob
            let digest = DigestingSource.digest(of: blob)
            files.append(("blobs/sha256/\(digest.encoded)", blob))
            let type: String
            switch layer.compression {
            case .none: type = "application/vnd.oci.image.layer.v1.tar"
            case .gzip: type = "application/vnd.oci.image.layer.v1.tar+gzip"
            case .zstd: type = "application/vnd.oci.image.layer.v1.tar+zstd"
            }
            layerDescriptors.append(["mediaType": type, "digest": digest.description, "size": blob.count])
        }
        let manifest = Self.json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest.description,
                "size": config.count,
            ],
            "layers": layerDescriptors,
        ])
        let manifestDigest = DigestingSource.digest(of: manifest)
        files.append(("blobs/sha256/\(manifestDigest.encoded)", manifest))
        var annotations = ["org.opencontainers.image.ref.name": String(tag.split(separator: ":").last ?? "latest")]
        if dockerStyleIndex { annotations["io.containerd.image.name"] = "docker.io/" + tag }
        let index = Self.json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [
                [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest.description,
                    "size": manifest.count, "annotations": annotations,
                    "platform": ["os": "linux", "architecture": architecture],
                ]
            ],
        ])
        files.append(("index.json", index))
        return files
    }

    /// The manifest digest of the OCI layout.
    public var manifestDigest: Digest? {
        ociLayoutFiles().first {
            $0.0 != "index.json" && String(decoding: $0.1, as: UTF8.self).contains("\"layers\":[")
        }
        .map { DigestingSource.digest(of: $0.1) }
    }

    /// The files of a classic `docker save` archive (Docker 1.10 to 24).
    public func classicDockerArchiveFiles() -> [(String, [UInt8])] {
        let config = configBytes
        let configDigest = DigestingSource.digest(of: config)
        var files: [(String, [UInt8])] = [("\(configDigest.encoded).json", config)]
        var layerPaths: [String] = []
        for (index, layer) in layers.enumerated() {
            let id = DigestingSource.digest(of: Array("layer-\(index)".utf8)).encoded
            files.append(("\(id)/VERSION", Array("1.0".utf8)))
            files.append(("\(id)/layer.tar", layer.tar))
            layerPaths.append("\(id)/layer.tar")
        }
        files.append(
            (
                "manifest.json",
                Self.json([["Config": "\(configDigest.encoded).json", "RepoTags": [tag], "Layers": layerPaths]])
            ))
        return files
    }

    /// The files of a Docker 25+ archive: an OCI layout with a `manifest.json` beside it.
    public func modernDockerArchiveFiles() -> [(String, [UInt8])] {
        var files = ociLayoutFiles(dockerStyleIndex: true)
        let config = configBytes
        let configDigest = DigestingSource.digest(of: config)
        let layerPaths = layers.map { "blobs/sha256/\(DigestingSource.digest(of: $0.blob).encoded)" }
        files.append(
            (
                "manifest.json",
                Self.json([["Config": "blobs/sha256/\(configDigest.encoded)", "RepoTags": [tag], "Layers": layerPaths]])
            ))
        return files
    }

    /// Packs (path, bytes) pairs into a tar archive.
    public static func tar(_ files: [(String, [UInt8])]) -> [UInt8] {
        var builder = TarBuilder()
        var directories: Set<String> = []
        for (path, bytes) in files {
            let parts = path.split(separator: "/").dropLast()
            for depth in parts.indices {
                let directory = parts[...depth].joined(separator: "/")
                if directories.insert(directory).inserted { builder.add(directory + "/", .directory, mode: 0o755) }
            }
            builder.add(path, .file(bytes))
        }
        return builder.archive
    }

    /// Writes (path, bytes) pairs under `directory`.
    public static func write(_ files: [(String, [UInt8])], to directory: URL) throws {
        for (path, bytes) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }
}

/// A scratch folder for one test, removed when the value goes.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public var path: String { url.path }

    /// Writes `bytes` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }
}
