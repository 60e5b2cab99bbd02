import ScanModel

/// A `repository[:tag]` image reference, as `RepoTags` in a `docker save` archive or an OCI ref name records it.
struct ImageReference: Equatable, Sendable {
    /// The repository with the registry spelled out (`docker.io/library/debian`).
    var repository: String
    var tag: String?

    /// Parses a reference the way Docker does; returns `nil` for a digest reference or empty text.
    ///
    /// No registry means `docker.io`, and a one-part path on Docker Hub lives under `library/`.
    init?(_ text: String) {
        guard !text.isEmpty, !text.contains("@") else { return nil }
        var name = Substring(text)
        var tag: String?
        // A colon after the last slash starts the tag; one before it belongs to a registry port.
        if let colon = name.lastIndex(of: ":"), name[colon...].contains("/") == false {
            tag = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        var components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.contains(where: \.isEmpty) else { return nil }
        let first = components[0]
        let hasRegistry = components.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry {
            if components.count == 1 { components.insert("library", at: 0) }
            components.insert("docker.io", at: 0)
        }
        repository = components.joined(separator: "/").lowercased()
        self.tag = tag.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The last path component: the name the `oci` package-URL type uses.
    var name: String { repository.split(separator: "/").last.map(String.init) ?? repository }
}

extension ScanTarget {
    /// The name a reader knows the image by: its first tag, else the target as the user named it.
    var displayName: String { repoTags.first ?? name }

    /// The digest that identifies the image: the manifest digest when the source has one, else the image ID.
    var identifyingDigest: Digest? { manifestDigest ?? imageID }

    /// The CPU architecture part of `platform` (`amd64` in `linux/amd64/v8`).
    var architecture: String? {
        guard let platform else { return nil }
        let parts = platform.split(separator: "/")
        return parts.count >= 2 ? String(parts[1]) : nil
    }

    /// The image's package URL, `pkg:oci/name@digest?arch=…&repository_url=…&tag=…` per the purl `oci` type.
    ///
    /// Only when the manifest digest and a tag are known: the `oci` version is the manifest's digest (an image
    /// ID, the configuration's digest, would name a different artifact), and the name comes from the repository.
    var packageURL: PackageURL? {
        guard let manifestDigest, let reference = repoTags.lazy.compactMap(ImageReference.init).first else {
            return nil
        }
        var qualifiers = ["repository_url": reference.repository]
        if let architecture { qualifiers["arch"] = architecture }
        if let tag = reference.tag { qualifiers["tag"] = tag }
        return PackageURL(
            type: "oci", name: reference.name, version: manifestDigest.description, qualifiers: qualifiers)
    }
}
