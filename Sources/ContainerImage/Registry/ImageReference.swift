import ScanModel

/// An image in a registry, as Docker names it: `[host[:port]/]path[:tag][@digest]`.
///
/// `debian` is `docker.io/library/debian:latest`; `ghcr.io/org/app@sha256:…` names one manifest whatever its tags.
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    /// The registry as written (`docker.io`, `localhost:5000`, `[::1]:5000`).
    public var registry: String
    /// The repository path (`library/debian`, `team/app`).
    public var repository: String
    /// The tag; `latest` when neither a tag nor a digest was given.
    public var tag: String?
    /// The manifest digest, when the reference pins one; it wins over the tag.
    public var digest: Digest?

    public init(registry: String, repository: String, tag: String? = nil, digest: Digest? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Docker Hub's name as users write it.
    public static let dockerHub = "docker.io"

    /// Parses a reference, applying Docker's rules for the default registry and `library/`.
    ///
    /// - Throws: `RegistryError.invalidReference` saying what is wrong.
    public static func parse(_ text: String) throws(RegistryError) -> ImageReference {
        var rest = Substring(text)
        for scheme in ["registry:", "docker://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        guard !rest.isEmpty, rest.count <= 1024 else {
            throw .invalidReference(text, reason: rest.isEmpty ? "it is empty" : "it is too long")
        }
        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            let digestText = String(rest[rest.index(after: at)...])
            guard let parsed = Digest(digestText) else {
                throw .invalidReference(text, reason: "'\(digestText)' is not sha256:<64 hex> or sha512:<128 hex>")
            }
            digest = parsed
            rest = rest[..<at]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = dockerHub
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost" || first.hasPrefix("[")
        {
            registry = first
            components.removeFirst()
        }
        var tag: String?
        if var last = components.last, let colon = last.lastIndex(of: ":") {
            let tagText = String(last[last.index(after: colon)...])
            guard isValidTag(tagText) else {
                throw .invalidReference(text, reason: "'\(tagText)' is not a valid tag")
            }
            tag = tagText
            last = String(last[..<colon])
            components[components.count - 1] = last
        }
        guard !components.isEmpty, components.allSatisfy(isValidPathComponent) else {
            throw .invalidReference(
                text, reason: "the repository must be lowercase letters, digits and separators (. _ -), '/'-separated")
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = dockerHub }
        if registry == dockerHub && components.count == 1 { components.insert("library", at: 0) }
        guard isValidRegistry(registry) else { throw .invalidReference(text, reason: "'\(registry)' is not a host") }
        if tag == nil && digest == nil { tag = "latest" }
        return ImageReference(
            registry: registry, repository: components.joined(separator: "/"), tag: tag, digest: digest)
    }

    /// Whether `text` reads as a registry reference rather than a file name: it has a repository path or a tag,
    /// and names no scheme Plimsoll reads from disk.
    public static func looksLikeReference(_ text: String) -> Bool {
        if text.hasPrefix("registry:") || text.hasPrefix("docker://") { return true }
        if text.hasPrefix("/") || text.hasPrefix(".") || text.hasSuffix(".tar") { return false }
        guard (try? parse(text)) != nil else { return false }
        // A bare word (`images/app`) is more likely a mistyped path than a Docker Hub repository: a reference needs a
        // registry host, a tag or a digest.
        let first = text.split(separator: "/").first ?? ""
        let namesRegistry = text.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
        let lastComponent = text.split(separator: "/").last ?? ""
        return namesRegistry || lastComponent.contains(":") || text.contains("@")
    }

    /// The host and port to connect to: Docker Hub's API lives at `registry-1.docker.io`.
    public var endpointHost: String { registry == Self.dockerHub ? "registry-1.docker.io" : registry }

    /// Whether the registry is on this machine (`localhost`, 127.0.0.0/8, `::1`), where Docker uses plain HTTP.
    public var isLoopback: Bool {
        var host = registry
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The tag or digest to fetch the manifest by: the digest when there is one.
    public var manifestReference: String { digest?.description ?? tag ?? "latest" }

    /// Whether the reference pins a digest.
    public var isPinned: Bool { digest != nil }

    /// `registry/repository[:tag][@digest]`, with Docker Hub's names written out.
    public var description: String {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// `registry/repository`: the name a trust policy's prefixes are matched against.
    public var repositoryPath: String { "\(registry)/\(repository)" }

    /// The same repository, pinned to `digest`.
    public func pinned(to digest: Digest) -> ImageReference {
        ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128 else { return false }
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_")
        }
        return isWord(first) && bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    static func isValidPathComponent(_ component: String) -> Bool {
        let bytes = Array(component.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
        }
        let separators: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")]
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || separators.contains($0) }
    }

    static func isValidRegistry(_ registry: String) -> Bool {
        !registry.isEmpty
            && registry.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]")]
                        .contains(byte)
            }
    }
}
