import ScanModel

/// `PLM-DOCKERFILE-SECRET-IN-ARG-ENV`: an `ARG` or `ENV` whose name says credential and which has a literal value,
/// or whose value looks like a token; both end up in the image's history or configuration.
public struct SecretInArgumentOrEnvironmentRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-SECRET-IN-ARG-ENV"
    public let title = "Credential passed in ARG or ENV"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    private static let sensitiveWords = [
        "PASSWORD", "PASSWD", "PASSPHRASE", "TOKEN", "SECRET", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
        "CREDENTIAL", "AUTH_KEY",
    ]
    /// Names that hold where a secret is, not the secret.
    private static let referenceSuffixes = ["_FILE", "_PATH", "_DIR", "_URL_FILE", "_LENGTH", "_ENV", "_NAME", "_ID"]
    private static let tokenPrefixes = [
        "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "sk-", "AKIA", "ASIA",
        "npm_", "pypi-", "hf_", "dop_v1_", "SG.",
    ]

    /// Whether a name says it holds a credential.
    static func isSensitive(name: String) -> Bool {
        let upper = name.uppercased()
        return sensitiveWords.contains { upper.contains($0) } && !referenceSuffixes.contains { upper.hasSuffix($0) }
    }

    /// Whether a value looks like a token: a known prefix followed by at least 16 token characters.
    static func looksLikeToken(_ value: String) -> Bool {
        tokenPrefixes.contains { prefix in
            value.hasPrefix(prefix) && value.count >= prefix.count + 16
                && value.dropFirst(prefix.count).allSatisfy { $0.isLetter || $0.isNumber || "_-".contains($0) }
        }
    }

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.instructions.compactMap { instruction in
            guard instruction.keyword == "ARG" || instruction.keyword == "ENV" else { return nil }
            for (name, value) in DockerfileParser.keyValuePairs(
                instruction.arguments, escape: dockerfile.escapeCharacter)
            {
                guard let value, !value.isEmpty else { continue }
                let isLiteral = !value.hasPrefix("$")
                if (Self.isSensitive(name: name) && isLiteral) || Self.looksLikeToken(value) {
                    return DockerfileViolation(
                        instruction: instruction,
                        message: "\(instruction.keyword) \(name) sets a credential that stays in the image's "
                            + "history; pass it with RUN --mount=type=secret,id=… instead.")
                }
            }
            return nil
        }
    }
}
