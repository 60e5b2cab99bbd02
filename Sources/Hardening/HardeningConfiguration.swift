import ScanModel

/// The user's adjustments to the hardening rules, as the `hardening:` section of the configuration file holds them.
///
/// ```yaml
/// hardening:
///   disabledRules: [PLM-DOCKERFILE-NO-HEALTHCHECK]
///   severities: { PLM-DOCKERFILE-LATEST-TAG: high }
///   trustedRegistries: [docker.io/library, gcr.io/distroless, cgr.dev/chainguard]
///   requiredLabels: [org.opencontainers.image.source]
/// ```
public struct HardeningConfiguration: Sendable, Codable, Equatable {
    /// Rules that never report.
    public var disabledRules: Set<String>
    /// A severity per rule ID, replacing the rule's own.
    public var severities: [String: Severity]
    /// Registry and repository prefixes base images may come from; empty allows any.
    public var trustedRegistries: [String]
    /// Labels every image (and every final Dockerfile stage) must set.
    public var requiredLabels: [String]

    public init(
        disabledRules: Set<String> = [], severities: [String: Severity] = [:], trustedRegistries: [String] = [],
        requiredLabels: [String] = []
    ) {
        self.disabledRules = disabledRules
        self.severities = severities
        self.trustedRegistries = trustedRegistries
        self.requiredLabels = requiredLabels
    }

    private enum CodingKeys: String, CodingKey {
        case disabledRules, severities, trustedRegistries, requiredLabels
    }

    /// Decodes a configuration in which every field may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            disabledRules: try container.decodeIfPresent(Set<String>.self, forKey: .disabledRules) ?? [],
            severities: try container.decodeIfPresent([String: Severity].self, forKey: .severities) ?? [:],
            trustedRegistries: try container.decodeIfPresent([String].self, forKey: .trustedRegistries) ?? [],
            requiredLabels: try container.decodeIfPresent([String].self, forKey: .requiredLabels) ?? [])
    }

    /// `findings` without the disabled rules' and with the severities the configuration sets.
    public func applied(to findings: [HardeningFinding]) -> [HardeningFinding] {
        findings.compactMap { finding in
            guard !disabledRules.contains(finding.ruleID) else { return nil }
            var finding = finding
            if let severity = severities[finding.ruleID] { finding.severity = severity }
            return finding
        }
    }

    /// Whether an image reference (`docker.io/library/python:3.12`, `gcr.io/distroless/static`) comes from a trusted
    /// registry: always when no list is configured, else when it starts with a listed prefix at a `/` boundary.
    public func isTrusted(reference: String) -> Bool {
        guard !trustedRegistries.isEmpty else { return true }
        return trustedRegistries.contains { prefix in
            let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            return reference == trimmed || reference.hasPrefix(trimmed + "/") || reference.hasPrefix(trimmed + ":")
                || reference.hasPrefix(trimmed + "@")
        }
    }
}
