/// A secret, sensitive file, certificate problem or file-permission problem found in an image.
///
/// `match` never holds the secret itself: every producer masks it (`ghp_****(40)`), so a finding can be printed,
/// logged and stored in any report.
public struct SecretFinding: Hashable, Sendable, Codable {
    /// What kind of problem a finding reports.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        /// A credential in a file's text, the image configuration or its history.
        case secret
        /// A file that is sensitive by its name or format (`id_rsa`, `.env`, `etc/shadow` with a hash).
        case sensitiveFile = "sensitive-file"
        /// An expired certificate or one with a weak key.
        case certificate
        /// A file-permission problem (setuid outside packages, world-writable files).
        case filesystem
    }

    /// Where the scanned text came from.
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        case file
        /// The image configuration's `Env`.
        case environment
        /// The image configuration's `Labels`.
        case label
        /// The image configuration's `Cmd` or `Entrypoint`.
        case command
        /// A history entry's `created_by`.
        case history
    }

    /// The rule that found it (`PLM-SECRET-GITHUB-PAT`); stable across releases.
    public var ruleID: String
    public var category: Category
    public var title: String
    public var severity: Severity
    public var path: ImagePath
    /// The 1-based line of the match, when the finding comes from text.
    public var line: Int?
    /// What matched, masked: a few leading characters at most, never the secret.
    public var match: String
    /// The layer that holds the file; set by the scan, which knows the image's layers.
    public var layer: LayerReference?
    public var source: Source
    /// Whether a later layer deleted the file, which `docker save` and every registry still hand out.
    public var isDeletedButRecoverable: Bool
    /// A hash of the secret itself, to tell two secrets with the same mask apart (a token rotated in a later
    /// layer); kept in memory only: never encoded, and not part of equality.
    public var secretDigest: UInt64?

    public init(
        ruleID: String, category: Category, title: String, severity: Severity, path: ImagePath, line: Int?,
        match: String, layer: LayerReference? = nil, source: Source = .file, isDeletedButRecoverable: Bool = false
    ) {
        self.ruleID = ruleID
        self.category = category
        self.title = title
        self.severity = severity
        self.path = path
        self.line = line
        self.match = match
        self.layer = layer
        self.source = source
        self.isDeletedButRecoverable = isDeletedButRecoverable
        self.secretDigest = nil
    }

    public static func == (lhs: SecretFinding, rhs: SecretFinding) -> Bool {
        lhs.ruleID == rhs.ruleID && lhs.category == rhs.category && lhs.title == rhs.title
            && lhs.severity == rhs.severity && lhs.path == rhs.path && lhs.line == rhs.line && lhs.match == rhs.match
            && lhs.layer == rhs.layer && lhs.source == rhs.source
            && lhs.isDeletedButRecoverable == rhs.isDeletedButRecoverable
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ruleID)
        hasher.combine(path)
        hasher.combine(line)
        hasher.combine(match)
        hasher.combine(layer)
        hasher.combine(isDeletedButRecoverable)
    }
}

extension SecretFinding {
    private enum CodingKeys: String, CodingKey {
        case ruleID = "ruleId"
        case category, title, severity, path, line, match, layer, source
        case isDeletedButRecoverable = "deletedButRecoverable"
    }

    /// The JSON report's form: `path` is absolute for files, and `config:Env`, `config:Labels`, `config:Cmd` or
    /// `history:N` for the image configuration and history; `deletedButRecoverable` appears only when true.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ruleID, forKey: .ruleID)
        try container.encode(category, forKey: .category)
        try container.encode(title, forKey: .title)
        try container.encode(severity, forKey: .severity)
        try container.encode(displayPath, forKey: .path)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encode(match, forKey: .match)
        try container.encodeIfPresent(layer, forKey: .layer)
        try container.encode(source, forKey: .source)
        if isDeletedButRecoverable { try container.encode(true, forKey: .isDeletedButRecoverable) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ruleID: try container.decode(String.self, forKey: .ruleID),
            category: try container.decode(Category.self, forKey: .category),
            title: try container.decode(String.self, forKey: .title),
            severity: try container.decode(Severity.self, forKey: .severity),
            path: ImagePath(try container.decode(String.self, forKey: .path)),
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            match: try container.decode(String.self, forKey: .match),
            layer: try container.decodeIfPresent(LayerReference.self, forKey: .layer),
            source: try container.decode(Source.self, forKey: .source),
            isDeletedButRecoverable: try container.decodeIfPresent(Bool.self, forKey: .isDeletedButRecoverable)
                ?? false)
    }

    /// Where a reader finds it: the absolute path of a file, or `config:Env`, `history:3` for the image's
    /// configuration and history.
    public var displayPath: String { source == .file ? path.absolute : path.description }
}

extension SecretFinding {
    /// The order of every report: most severe first, then by ``displayPath`` (files, then the configuration, then
    /// the history), line and rule.
    public static func reportOrder(_ lhs: SecretFinding, _ rhs: SecretFinding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.displayPath != rhs.displayPath { return lhs.displayPath < rhs.displayPath }
        return (lhs.line ?? 0, lhs.ruleID) < (rhs.line ?? 0, rhs.ruleID)
    }
}
