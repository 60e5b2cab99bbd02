/// An image reference as `FROM` names it: `[registry/]repository[:tag][@digest]`, following the distribution
/// reference grammar (`distribution/reference`), with Docker Hub's defaults applied.
public struct BaseImageReference: Sendable, Equatable {
    /// The registry host, `docker.io` when none is written.
    public var registry: String
    /// The repository path, with `library/` added for Docker Hub's official images.
    public var repository: String
    /// The tag, when written.
    public var tag: String?
    /// The digest (`sha256:…`), when written.
    public var digest: String?

    /// Reads `text`; `nil` when it is empty or still holds an unresolved variable.
    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains("$") else { return nil }
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let slash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), slash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        let components = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = components.first, !first.isEmpty else { return nil }
        if components.count > 1, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first.lowercased()
            repository = components.dropFirst().joined(separator: "/")
        } else {
            registry = "docker.io"
            repository = components.count == 1 ? "library/" + first : components.joined(separator: "/")
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = "docker.io" }
        if registry == "docker.io", !repository.contains("/") { repository = "library/" + repository }
    }

    /// The full reference: `docker.io/library/python:3`.
    public var normalized: String {
        "\(registry)/\(repository)" + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
    }

    /// Whether a digest pins the reference.
    public var isPinnedByDigest: Bool { digest.map { $0.contains(":") && $0.count > 8 } ?? false }
}
