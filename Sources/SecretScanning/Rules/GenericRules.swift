import ScanModel

extension SecretRule {
    /// Suffixes of keys that hold a password (`DB_PASSWORD`, `spring.datasource.password`, `MYSQL_ROOT_PASS`).
    static let passwordKeySuffixes = ["password", "passwd", "pwd", "passphrase", "_pass"]
    /// Suffixes of keys that hold a secret token (`SECRET_KEY`, `api_key`, `client_secret`, `AUTH_TOKEN`).
    static let secretKeySuffixes = [
        "secret", "secret_key", "secretkey", "token", "api_key", "apikey", "access_key", "accesskey", "auth_key",
        "private_key", "client_secret", "signing_key", "encryption_key", "master_key",
    ]

    /// Returns whether a normalized key names a password, and not something about one (`password_file`).
    static func isPasswordKey(_ key: String) -> Bool {
        passwordKeySuffixes.contains { key.hasSuffix($0) } && !key.hasPrefix("no_")
    }

    /// Returns whether a normalized key names a secret or token, and not something about one (`token_url`).
    static func isSecretKey(_ key: String) -> Bool {
        secretKeySuffixes.contains { key.hasSuffix($0) } && !key.contains("public") && !key.hasSuffix("csrf_token")
    }

    /// A generic value must look random enough: two kinds of characters at least, and some entropy.
    static func isPlausibleSecretValue(_ value: [UInt8]) -> Bool {
        SecretMatcher.hasCharacterClasses(value, atLeast: 2) && !value.contains(UInt8(ascii: " "))
    }

    /// `password = "…"` and its relatives, with placeholders (`changeme`, `${VAR}`, `<password>`) guarded against.
    static let genericPassword = SecretRule(
        id: "PLM-SECRET-GENERIC-PASSWORD", title: "Hard-coded password", severity: .high,
        keywords: ["passw", "pwd", "passphrase", "_pass"],
        matcher: .assignment(key: isPasswordKey, length: 8...256, validate: isPlausibleSecretValue),
        minimumEntropy: 2.5, priority: 0)

    /// `secret = "…"`, `api_key: …`, `AUTH_TOKEN=…`, with the same guards; high entropy required.
    static let genericSecret = SecretRule(
        id: "PLM-SECRET-GENERIC-SECRET", title: "Hard-coded secret or token", severity: .medium,
        keywords: [
            "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "private_key", "_key",
        ],
        matcher: .assignment(key: isSecretKey, length: 12...512, validate: isPlausibleSecretValue),
        minimumEntropy: 3.2, priority: 0)
}
