import Foundation
import ScanModel

/// `Env` holds a credential: a variable whose name says password, token, secret or key, with a literal value.
///
/// Values the secret scanner already reported (a token with a known shape, `PLM-SECRET-…` on `config:Env`) are left
/// to it: one finding per secret. Values that point elsewhere (`/run/secrets/db`, `file:…`, `${OTHER}`) and
/// placeholders (`changeme`, `<token>`, `xxx`) are not credentials.
public struct EnvironmentCredentialRule: ImageRule {
    public let id = "PLM-IMAGE-ENV-CREDENTIAL"
    public let title = "Credential in the image environment"
    public let severity = Severity.high

    public init() {}

    /// Name fragments that mark a credential, matched on the upper-cased name's `_`-separated words.
    static let credentialWords: Set<String> = [
        "PASSWORD", "PASSWD", "PASS", "PWD", "TOKEN", "SECRET", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS",
        "PRIVATE",
    ]
    /// Names with a credential word that hold no secret by convention.
    static let harmlessNames: Set<String> = [
        "PWD", "OLDPWD", "GPG_KEY", "GPG_KEYS", "KEY_ID", "PUBLIC_KEY", "SSH_AUTH_SOCK",
    ]
    /// Name endings that say the value is a place or a switch, not a secret.
    static let harmlessSuffixes = ["_FILE", "_PATH", "_DIR", "_URL_FILE", "_ID", "_NAME", "_LENGTH", "_SIZE", "_TYPE"]
    static let placeholders: Set<String> = [
        "changeme", "change_me", "password", "secret", "token", "xxx", "xxxx", "none", "null", "true", "false",
        "example", "dummy", "placeholder", "todo",
    ]

    /// Returns whether `name` names a credential.
    static func isCredentialName(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard !harmlessNames.contains(upper), !harmlessSuffixes.contains(where: { upper.hasSuffix($0) }) else {
            return false
        }
        let words = upper.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        return words.contains { credentialWords.contains($0) } || upper.hasSuffix("PASSWORD")
            || upper.hasSuffix("TOKEN") || upper.hasSuffix("SECRET") || upper.hasSuffix("APIKEY")
    }

    /// Returns whether `value` is a literal worth reporting: not empty, not a reference, not a placeholder.
    static func isLiteralSecret(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 4 else { return false }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("$") || trimmed.hasPrefix("file:") || trimmed.hasPrefix("<") {
            return false
        }
        let lower = trimmed.lowercased()
        if placeholders.contains(lower) || lower.allSatisfy({ $0 == "x" || $0 == "*" }) { return false }
        return true
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.environment.enumerated().compactMap { position, variable in
            let line = position + 1
            guard !facts.environmentLinesReportedAsSecrets.contains(line),
                let equals = variable.firstIndex(of: "=")
            else { return nil }
            let name = String(variable[..<equals])
            let value = String(variable[variable.index(after: equals)...])
            guard Self.isCredentialName(name), Self.isLiteralSecret(value) else { return nil }
            return finding(
                "ENV \(name) holds a literal value (\(value.count) characters, not shown); anyone who pulls the image "
                    + "can read it. Pass it at run time or with a build secret (`RUN --mount=type=secret`).",
                file: "config:Env", line: line)
        }
    }
}
