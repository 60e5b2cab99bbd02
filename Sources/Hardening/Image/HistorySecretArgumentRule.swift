import ScanModel

/// A build step passed a credential on its command line, where the history keeps it: `--password=…`, `-p…` for the
/// database clients, `TOKEN=… cmd`, BuildKit's `|1 NPM_TOKEN=…` build-argument prefix, or `user:password@` in a URL.
///
/// Values that are references (`$TOKEN`, `${TOKEN}`, `$(cat /run/secrets/x)`) and values the secret scanner already
/// masked (`****`) are not reported: the former hold nothing, the latter are `PLM-SECRET-…` findings already.
public struct HistorySecretArgumentRule: ImageRule {
    public let id = "PLM-IMAGE-HISTORY-SECRET-ARGUMENT"
    public let title = "Credential passed on a build command line"
    public let severity = Severity.high

    public init() {}

    private static let patterns: [String] = [
        // --password=x, --token x, --api-key=x, --secret=x, --client-secret x
        #"(?i)--(?:[a-z]+-)*(?:password|passwd|token|secret|api-?key|access-key|secret-key)(?:=|\s+)(?<value>[^\s'";&|]+)"#,
        // mysql -pVALUE, mysqladmin -pVALUE
        #"\b(?:mysql|mysqladmin|mysqldump|mariadb)\b[^;&|\n]*\s-p(?<value>[^\s'";&|]+)"#,
        // NAME=value before a command, or BuildKit's "|2 NAME=value NAME2=value /bin/sh -c"
        #"(?:^|\s|\|[0-9]+\s)(?:[A-Za-z_][A-Za-z0-9_]*_)?(?i:password|passwd|token|secret|api_?key|access_key|secret_key)(?:_[A-Za-z0-9_]*)?=(?<value>[^\s'";&|]+)"#,
        // scheme://user:password@host
        #"[a-z][a-z0-9+.-]*://[^/\s:@]+:(?<value>[^/\s@]+)@"#,
        // curl -u user:password
        #"\bcurl\b[^;&|\n]*\s(?:-u|--user)\s+[^\s:]+:(?<value>[^\s'";&|]+)"#,
    ]

    /// Returns whether `value` is a literal credential rather than a reference or a masked value.
    static func isLiteral(_ value: Substring) -> Bool {
        guard value.count >= 3, !value.hasPrefix("$"), !value.hasPrefix("`") else { return false }
        return !value.allSatisfy { $0 == "*" || $0 == "x" || $0 == "X" }
    }

    /// Returns whether `line` passes a literal credential on the command line.
    static func passesSecret(_ line: String) -> Bool {
        // Compiled per call: a history has tens of lines, and `Regex` is not `Sendable` to keep in a static.
        patterns.compactMap { try? Regex($0) }.contains { regex in
            line.matches(of: regex).contains { match in
                guard let value = match.output["value"]?.substring else { return false }
                return isLiteral(value)
            }
        }
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.history.filter { Self.passesSecret($0.createdBy) }.map { step in
            finding(
                "History step \(step.index) passes a credential on its command line, and the image history keeps "
                    + "it for anyone who pulls the image. Use `RUN --mount=type=secret` and rotate the credential.",
                file: "history:\(step.index)", layer: step.layer)
        }
    }
}
