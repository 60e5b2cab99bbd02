/// A Go module as a binary's build information records it (a `mod` or `dep` line), with its replacement, if any.
public struct GoModule: Hashable, Sendable {
    /// The module path (`golang.org/x/net`).
    public var path: String
    /// The version as Go writes it (`v0.17.0`, `v0.0.0-20231020164815-1c9f6b7c5b14`, `(devel)`).
    public var version: String
    /// The `go.sum` hash (`h1:…`), when recorded.
    public var checksum: String?
    /// The module built in its place, from a `replace` directive (the `=>` line).
    public var replacement: Replacement?

    /// A module that replaced another: a module path and version, or a local directory and an empty or `(devel)`
    /// version.
    public struct Replacement: Hashable, Sendable {
        public var path: String
        public var version: String
        public var checksum: String?

        public init(path: String, version: String, checksum: String? = nil) {
            self.path = path
            self.version = version
            self.checksum = checksum
        }

        /// Whether the replacement is a directory on the build machine (`./internal/x`, `../fork`, `/src/x`), not a
        /// module.
        public var isLocalDirectory: Bool {
            path.hasPrefix("./") || path.hasPrefix("../") || path.hasPrefix("/") || path == "." || path == ".."
        }
    }

    public init(path: String, version: String, checksum: String? = nil, replacement: Replacement? = nil) {
        self.path = path
        self.version = version
        self.checksum = checksum
        self.replacement = replacement
    }
}

/// A `build` line of Go build information: a setting the binary was built with (`-buildmode=pie`,
/// `CGO_ENABLED=1`, `vcs.revision=…`).
public struct GoBuildSetting: Hashable, Sendable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
