import ScanModel

/// Files that are sensitive by their name or format, whatever secrets their text may or may not show.
public enum SensitiveFiles {
    /// A sensitive-file rule: its ID, title and severity.
    public struct Rule: Sendable, Hashable {
        public let id: String
        public let title: String
        public let severity: Severity
    }

    public static let sshPrivateKey = Rule(
        id: "PLM-SECRET-FILE-SSH-PRIVATE-KEY", title: "SSH private key file", severity: .critical)
    public static let sshHostKey = Rule(
        id: "PLM-SECRET-FILE-SSH-HOST-KEY", title: "SSH host private key baked into the image", severity: .high)
    public static let pkcs12 = Rule(
        id: "PLM-SECRET-FILE-PKCS12", title: "PKCS#12 key store (.p12/.pfx)", severity: .high)
    public static let dotenv = Rule(
        id: "PLM-SECRET-FILE-DOTENV", title: "Environment file (.env) with values", severity: .medium)
    public static let htpasswd = Rule(
        id: "PLM-SECRET-FILE-HTPASSWD", title: "Password hash in .htpasswd", severity: .high)
    public static let shadowHash = Rule(
        id: "PLM-SECRET-FILE-SHADOW-HASH", title: "Password hash in /etc/shadow", severity: .high)
    public static let shadowEmptyPassword = Rule(
        id: "PLM-SECRET-FILE-SHADOW-EMPTY-PASSWORD", title: "Account with an empty password in /etc/shadow",
        severity: .critical)
    public static let terraformState = Rule(
        id: "PLM-SECRET-FILE-TERRAFORM-STATE", title: "Terraform state file", severity: .high)
    public static let shellHistory = Rule(
        id: "PLM-SECRET-FILE-SHELL-HISTORY", title: "Shell or REPL history file", severity: .medium)

    /// Every sensitive-file rule.
    public static let all: [Rule] = [
        sshPrivateKey, sshHostKey, pkcs12, dotenv, htpasswd, shadowHash, shadowEmptyPassword, terraformState,
        shellHistory,
    ]

    static let sshKeyNames: Set<String> = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "identity",
    ]
    static let historyNames: Set<String> = [
        ".bash_history", ".zsh_history", ".sh_history", ".ash_history", ".python_history", ".mysql_history",
        ".psql_history", ".node_repl_history", ".sqlite_history", ".rediscli_history",
    ]
    /// `.env` variants that hold documentation, not values.
    static let dotenvTemplateSuffixes = ["example", "sample", "template", "dist", "defaults", "default", "tpl"]

    /// Returns whether the file name alone may make `path` sensitive, so the analyzer must read it.
    public static func mayBeSensitive(_ path: ImagePath) -> Bool {
        let name = path.name
        return sshKeyNames.contains(name) || historyNames.contains(name) || name == ".htpasswd"
            || name.hasSuffix(".p12") || name.hasSuffix(".pfx") || name == ".env" || name.hasPrefix(".env.")
            || name.hasSuffix(".tfstate") || name.hasSuffix(".tfstate.backup") || isShadow(path) || isSSHHostKey(path)
    }

    static func isShadow(_ path: ImagePath) -> Bool {
        path.components == ["etc", "shadow"] || path.components == ["etc", "shadow-"]
    }

    static func isSSHHostKey(_ path: ImagePath) -> Bool {
        path.components.count == 3 && path.components[0] == "etc" && path.components[1] == "ssh"
            && path.name.hasPrefix("ssh_host_") && path.name.hasSuffix("_key")
    }

    /// Whether a finding from `findings(for:contents:)` stands for a private key, so the key's content finding is
    /// not reported a second time.
    static func coversPrivateKey(_ finding: SecretFinding) -> Bool {
        finding.ruleID == sshPrivateKey.id || finding.ruleID == sshHostKey.id
    }

    /// The findings that `path`'s name and, for some formats, its contents call for.
    public static func findings(for path: ImagePath, contents: [UInt8]) -> [SecretFinding] {
        guard !contents.isEmpty else { return [] }
        let name = path.name
        func finding(_ rule: Rule, line: Int? = nil, match: String) -> SecretFinding {
            SecretFinding(
                ruleID: rule.id, category: .sensitiveFile, title: rule.title, severity: rule.severity, path: path,
                line: line, match: match)
        }
        if sshKeyNames.contains(name) { return [finding(sshPrivateKey, match: name)] }
        if isSSHHostKey(path) { return [finding(sshHostKey, match: name)] }
        if name.hasSuffix(".p12") || name.hasSuffix(".pfx") { return [finding(pkcs12, match: name)] }
        if name.hasSuffix(".tfstate") || name.hasSuffix(".tfstate.backup") {
            return [finding(terraformState, match: name)]
        }
        if historyNames.contains(name) {
            return contents.contains(where: { !ByteClass.whitespace.contains($0) })
                ? [finding(shellHistory, match: name)] : []
        }
        // Only the three line-oriented formats below need the text; every other file of the image stops here, so
        // decoding and splitting must not happen before (it once cost more than the secret rules themselves).
        let isDotenv = name == ".env" || name.hasPrefix(".env.")
        guard isDotenv || name == ".htpasswd" || isShadow(path) else { return [] }
        let text = String(decoding: contents, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if isDotenv {
            let suffix = name.dropFirst(5).lowercased()
            guard !dotenvTemplateSuffixes.contains(where: { suffix.hasSuffix($0) }) else { return [] }
            for (index, line) in lines.enumerated() {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
                var key = trimmed[..<equals].trimmingSpaces()
                if key.hasPrefix("export ") { key = key.dropFirst(7).trimmingSpaces() }
                var value = trimmed[trimmed.index(after: equals)...].trimmingSpaces()
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = value.dropFirst().dropLast()
                }
                guard !key.isEmpty, !value.isEmpty, !PlaceholderGuard.isPlaceholder(value) else { continue }
                return [finding(dotenv, line: index + 1, match: "\(key)=\(SecretRedaction.mask(value))")]
            }
            return []
        }
        if name == ".htpasswd" {
            return lines.enumerated().compactMap { index, line in
                let fields = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard fields.count == 2, !fields[0].isEmpty, !fields[0].hasPrefix("#"),
                    !fields[1].trimmingSpaces().isEmpty
                else { return nil }
                return finding(htpasswd, line: index + 1, match: "\(fields[0]):****")
            }
        }
        if isShadow(path) {
            return lines.enumerated().compactMap { index, line in
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                guard fields.count >= 2, !fields[0].isEmpty else { return nil }
                let hash = fields[1]
                if hash.isEmpty { return finding(shadowEmptyPassword, line: index + 1, match: "\(fields[0]):") }
                // `!`, `*` and `!!` lock the account; `x` is not a valid hash either.
                if hash.hasPrefix("!") || hash.hasPrefix("*") || hash == "x" { return nil }
                return finding(shadowHash, line: index + 1, match: "\(fields[0]):****")
            }
        }
        return []
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}
