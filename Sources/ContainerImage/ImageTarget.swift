import ScanModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scan target as the user writes it: `docker-archive:PATH`, `oci-layout:DIR[:TAG|@DIGEST]`, `oci-archive:PATH`,
/// `dir:PATH`, or a bare path whose kind is detected.
public struct ImageTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case dockerArchive = "docker-archive"
        case ociLayout = "oci-layout"
        case ociArchive = "oci-archive"
        case directory = "dir"
        /// An image in a registry: `registry:REF`, `docker://REF`, or a bare reference that is no file.
        case registry
    }

    public var kind: Kind
    public var path: String
    /// A tag or digest after the path of an OCI layout.
    public var reference: String?

    public init(kind: Kind, path: String, reference: String? = nil) {
        self.kind = kind
        self.path = path
        self.reference = reference
    }

    /// Parses a target, detecting the kind of a bare path from what is on disk.
    public static func parse(_ text: String) throws -> ImageTarget {
        if text.hasPrefix("docker://") {
            _ = try ImageReference.parse(text)
            return ImageTarget(kind: .registry, path: String(text.dropFirst("docker://".count)))
        }
        for kind in Kind.allCases where text.hasPrefix(kind.rawValue + ":") {
            let rest = String(text.dropFirst(kind.rawValue.count + 1))
            guard !rest.isEmpty else {
                throw ImageReadError.cannotOpen(path: text, reason: "no path after '\(kind.rawValue):'")
            }
            if kind == .ociLayout || kind == .ociArchive { return splitReference(kind: kind, rest) }
            if kind == .registry { _ = try ImageReference.parse(rest) }
            return ImageTarget(kind: kind, path: rest)
        }
        if let colon = text.firstIndex(of: ":"), !isDirectory(text), !isFile(text),
            ["podman", "containerd", "docker-daemon", "oci-dir", "file"].contains(
                String(text[..<colon]))
        {
            throw ImageReadError.unknownTargetScheme(String(text[..<colon]))
        }
        if isDirectory(text) {
            let isLayout = isFile(text + "/oci-layout") || isFile(text + "/index.json")
            return ImageTarget(kind: isLayout ? .ociLayout : .directory, path: text)
        }
        if isFile(text) { return ImageTarget(kind: sniffArchiveKind(text), path: text) }
        if ImageReference.looksLikeReference(text) { return ImageTarget(kind: .registry, path: text) }
        throw ImageReadError.cannotOpen(path: text, reason: String(cString: strerror(ENOENT)))
    }

    /// `DIR:TAG` or `DIR@sha256:…`, taking care that the directory itself may contain `:`.
    private static func splitReference(kind: Kind, _ text: String) -> ImageTarget {
        if let at = text.range(of: "@sha256:") ?? text.range(of: "@sha512:") {
            return ImageTarget(
                kind: kind, path: String(text[..<at.lowerBound]),
                reference: String(text[text.index(after: at.lowerBound)...]))
        }
        if !isDirectory(text) && !isFile(text), let colon = text.lastIndex(of: ":") {
            let path = String(text[..<colon])
            if isDirectory(path) || isFile(path) {
                return ImageTarget(kind: kind, path: path, reference: String(text[text.index(after: colon)...]))
            }
        }
        return ImageTarget(kind: kind, path: text)
    }

    /// A `docker save` archive has `manifest.json`; an OCI archive only `index.json`.
    static func sniffArchiveKind(_ path: String) -> Kind {
        guard let index = try? TarArchiveIndex(archivePath: path) else { return .dockerArchive }
        return index.region(of: "manifest.json") == nil && index.region(of: "index.json") != nil
            ? .ociArchive : .dockerArchive
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The source that reads this target.
    public func source(
        name: String, image: String? = nil, platform: String? = nil, limits: LayerLimits = LayerLimits(),
        registry: RegistryOptions = RegistryOptions()
    ) throws -> any ImageSource {
        switch kind {
        case .dockerArchive:
            return DockerArchiveSource(
                name: name, archivePath: path, image: image ?? reference, platform: platform, limits: limits)
        case .ociLayout, .ociArchive:
            let container: ImageContainer =
                kind == .ociLayout
                ? .directory(root: path) : .archive(try TarArchiveIndex(archivePath: path, limits: limits))
            let selector: OCILayoutSource.Selector
            if let reference = reference ?? image {
                selector = Digest(reference).map { .digest($0) } ?? .tag(reference)
            } else {
                selector = .any
            }
            return OCILayoutSource(
                name: name, container: container, selector: selector, platform: platform, sourceKind: kind.rawValue,
                limits: limits)
        case .directory:
            return RootFilesystemSource(name: name, root: path)
        case .registry:
            return RegistrySource(
                name: name, reference: try ImageReference.parse(path), options: registry, platform: platform,
                limits: limits)
        }
    }
}
