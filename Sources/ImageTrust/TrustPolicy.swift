import Foundation
import Yams

/// The `trust:` section of a Plimsoll configuration file: which registries images may come from, whether references
/// must name a digest, and which repositories must be signed by which keys.
///
/// ```yaml
/// trust:
///   allowedRegistries: [registry.example.com, "127.0.0.1:5000"]
///   requireDigest: false
///   rules:
///     - prefix: registry.example.com/team/
///       requireSignature: true
///       keys: [keys/team.pub]
/// ```
public struct TrustPolicy: Sendable, Equatable, Codable {
    /// What one registry or repository prefix requires.
    public struct Rule: Sendable, Equatable, Codable {
        /// A registry (`registry.example.com`) or a registry and repository prefix (`registry.example.com/team/`),
        /// matched on path-component boundaries.
        public var prefix: String
        /// Whether images under the prefix must carry a signature that verifies with `keys`.
        public var requireSignature: Bool
        /// Paths of PEM public keys; relative paths are resolved against the configuration file's folder when the
        /// policy is loaded with `loading(configurationFile:)`.
        public var keys: [String]

        /// Creates a rule.
        public init(prefix: String, requireSignature: Bool = false, keys: [String] = []) {
            self.prefix = prefix
            self.requireSignature = requireSignature
            self.keys = keys
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            prefix = try container.decode(String.self, forKey: .prefix)
            requireSignature = try container.decodeIfPresent(Bool.self, forKey: .requireSignature) ?? false
            keys = try container.decodeIfPresent([String].self, forKey: .keys) ?? []
        }

        /// Returns whether the rule covers `repository` in `registry`: the prefix equals `registry/repository` or
        /// ends where one of its path components ends (`reg.io/team` covers `reg.io/team/app`, not `reg.io/teammate`).
        public func covers(registry: String, repository: String) -> Bool {
            let name = registry.lowercased() + "/" + repository
            let prefix = normalizedPrefix
            return name == prefix || name.hasPrefix(prefix + "/")
        }

        /// The prefix without trailing slashes and with its registry in lower case, as names are compared.
        var normalizedPrefix: String {
            var trimmed = Substring(prefix)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            guard let slash = trimmed.firstIndex(of: "/") else { return trimmed.lowercased() }
            return trimmed[..<slash].lowercased() + trimmed[slash...]
        }

        fileprivate enum CodingKeys: String, CodingKey, CaseIterable {
            case prefix, requireSignature, keys
        }
    }

    /// The registries images may come from (`host` or `host:port`); empty allows every registry.
    public var allowedRegistries: [String]
    /// Whether every reference must name a digest.
    public var requireDigest: Bool
    /// Per-prefix requirements; the longest matching prefix applies.
    public var rules: [Rule]

    /// Creates a policy.
    public init(allowedRegistries: [String] = [], requireDigest: Bool = false, rules: [Rule] = []) {
        self.allowedRegistries = allowedRegistries
        self.requireDigest = requireDigest
        self.rules = rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        allowedRegistries = try container.decodeIfPresent([String].self, forKey: .allowedRegistries) ?? []
        requireDigest = try container.decodeIfPresent(Bool.self, forKey: .requireDigest) ?? false
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
    }

    /// Returns whether images may come from `registry`: the list is empty or names it (ignoring case).
    public func allows(registry: String) -> Bool {
        allowedRegistries.isEmpty || allowedRegistries.contains { $0.lowercased() == registry.lowercased() }
    }

    /// The rule with the longest prefix that covers `repository` in `registry`, if any.
    public func rule(forRegistry registry: String, repository: String) -> Rule? {
        rules.filter { $0.covers(registry: registry, repository: repository) }
            .max { $0.normalizedPrefix.count < $1.normalizedPrefix.count }
    }

    /// Reads the `trust:` section of the configuration file at `path`, resolving relative key paths against the
    /// file's folder; nil when the file has no `trust:` section.
    ///
    /// - Throws: `TrustError.unreadablePolicy` when the file cannot be read or parsed, and
    ///   `TrustError.unknownPolicyKey` naming a key of the section that Plimsoll does not know.
    public static func loading(configurationFile path: String) throws(TrustError) -> TrustPolicy? {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadablePolicy(path: path, reason: "the file cannot be read")
        }
        guard var policy = try parse(text, path: path) else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for index in policy.rules.indices {
            policy.rules[index].keys = policy.rules[index].keys.map { key in
                key.hasPrefix("/") ? key : folder.appendingPathComponent(key).standardizedFileURL.path
            }
        }
        return policy
    }

    /// Parses the `trust:` section of configuration `text` read from `path`, leaving key paths as written; nil when
    /// there is no `trust:` section.
    ///
    /// - Throws: `TrustError.unreadablePolicy` or `TrustError.unknownPolicyKey`, naming `path`.
    public static func parse(_ text: String, path: String) throws(TrustError) -> TrustPolicy? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .unreadablePolicy(path: path, reason: "it is not YAML (\(error))")
        }
        guard let trust = root?.mapping?["trust"], trust.null == nil else { return nil }
        try checkKeys(of: trust, path: path)
        let policy: TrustPolicy
        do {
            policy = try YAMLDecoder().decode(TrustPolicy.self, from: trust)
        } catch {
            throw .unreadablePolicy(path: path, reason: decodingReason(error))
        }
        if let empty = policy.rules.firstIndex(where: { $0.normalizedPrefix.isEmpty }) {
            throw .unreadablePolicy(path: path, reason: "trust.rules[\(empty)].prefix is empty")
        }
        return policy
    }

    private static func checkKeys(of trust: Node, path: String) throws(TrustError) {
        guard let mapping = trust.mapping else {
            throw .unreadablePolicy(path: path, reason: "trust must be a mapping")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
            throw .unknownPolicyKey(path: path, key: "trust.\(key)")
        }
        let ruleKeys = Set(Rule.CodingKeys.allCases.map(\.rawValue))
        for (index, rule) in (mapping["rules"]?.sequence ?? []).enumerated() {
            for key in rule.mapping?.keys.compactMap(\.string) ?? [] where !ruleKeys.contains(key) {
                throw .unknownPolicyKey(path: path, key: "trust.rules[\(index)].\(key)")
            }
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case allowedRegistries, requireDigest, rules
    }
}

/// A decoding error as one clause naming the field: `trust.rules[0].requireSignature: expected Bool`.
private func decodingReason(_ error: any Error) -> String {
    func field(_ path: [any CodingKey]) -> String {
        path.reduce("trust") { name, key in
            if let index = key.intValue { return "\(name)[\(index)]" }
            return "\(name).\(key.stringValue)"
        }
    }
    switch error {
    case DecodingError.typeMismatch(let type, let context):
        return "\(field(context.codingPath)) must be \(type)"
    case DecodingError.valueNotFound(let type, let context):
        return "\(field(context.codingPath)) must be \(type)"
    case DecodingError.keyNotFound(let key, let context):
        return "\(field(context.codingPath + [key])) is missing"
    case DecodingError.dataCorrupted(let context):
        return "\(field(context.codingPath)): \(context.debugDescription)"
    default:
        return "\(error)"
    }
}
