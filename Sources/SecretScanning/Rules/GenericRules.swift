import ScanModel

extension SecretRule {
    /// Suffixes of keys that hold a password (`DB_PASSWORD`, `spring.datasource.password`, `MYSQL_ROOT_PASS`).
    static let passwordKeySuffixes = ["password", "passwd", "pwd", "passphrase", "_pass"]
    /// Suffixes of keys that hold a secret token (`SECRET_KEY`, `api_key`, `client_secret`, `AUTH_TOKEN`).
    ///
    /// Keys ending in plain `token` count only when the token is a credential (`auth_token`, `ACCESS_TOKEN`,
    /// `token`): `next_token`, `output_token` and `update_token` are pagination and concurrency tokens.
    static let secretKeySuffixes = [
        "secret", "secret_key", "secretkey", "api_key", "apikey", "access_key", "accesskey", "auth_key",
        "private_key", "client_secret", "signing_key", "encryption_key", "master_key", "auth_token", "authtoken",
        "access_token", "accesstoken", "api_token", "apitoken", "bearer_token", "refresh_token", "secret_token",
        "private_token", "personal_token", "session_token", "bot_token", "deploy_token",
    ]

    /// Returns whether a normalized key names a password, and not something about one (`password_file`).
    static func isPasswordKey(_ key: String) -> Bool {
        // `PWD` and `OLDPWD` are the shell's working directories; `NOPASSWD` is a sudoers tag.
        passwordKeySuffixes.contains { key.hasSuffix($0) } && !key.hasPrefix("no") && !key.hasSuffix("oldpwd")
            && key != "pwd"
    }

    /// Returns whether a normalized key names a secret or token, and not something about one (`token_url`).
    static func isSecretKey(_ key: String) -> Bool {
        (key == "token" || secretKeySuffixes.contains { key.hasSuffix($0) }) && !key.contains("public")
    }

    /// A generic password must not be a path, hold a space, or be made of letters only (`IAmSensitive`,
    /// `_EllipticCurvePrivateKey`: names and annotations, not passwords).
    static func isPlausiblePassword(_ value: [UInt8]) -> Bool {
        isPlausibleSecretValue(value) && !value.allSatisfy { ByteClass("A-Za-z_").contains($0) }
    }

    /// A generic secret or token is random: letters and digits both, no space, not a path.
    static func isPlausibleToken(_ value: [UInt8]) -> Bool {
        isPlausibleSecretValue(value) && value.contains { ByteClass.letters.contains($0) }
            && value.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Two kinds of characters at least, no space, not a path.
    static func isPlausibleSecretValue(_ value: [UInt8]) -> Bool {
        let isPath =
            value.first == UInt8(ascii: "/") || value.starts(with: Array("~/".utf8))
            || value.starts(with: Array("./".utf8))
        return SecretMatcher.hasCharacterClasses(value, atLeast: 2) && !value.contains(UInt8(ascii: " ")) && !isPath
    }

    /// `password = "…"` and its relatives, with placeholders (`changeme`, `${VAR}`, `<password>`) guarded against.
    static let genericPassword = SecretRule(
        id: "PLM-SECRET-GENERIC-PASSWORD", title: "Hard-coded password", severity: .high,
        keywords: ["passw", "pwd", "passphrase", "_pass"],
        matcher: .assignment(
            key: isPasswordKey, length: 8...256, skipsComments: true, validate: isPlausiblePassword),
        minimumEntropy: 2.5, priority: 0)

    /// `secret = "…"`, `api_key: …`, `AUTH_TOKEN=…`, with the same guards; high entropy required.
    static let genericSecret = SecretRule(
        id: "PLM-SECRET-GENERIC-SECRET", title: "Hard-coded secret or token", severity: .medium,
        keywords: ["secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "_key"],
        matcher: .assignment(key: isSecretKey, length: 16...512, skipsComments: true, validate: isPlausibleToken),
        minimumEntropy: 3.2, allowedValues: rfcExampleTokens, priority: 0)

    /// The example tokens of the OAuth specifications (RFC 6749 §4–6, RFC 5849 §1.2), which libraries quote in
    /// their documentation.
    static let rfcExampleTokens = [
        "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", "ad180jjd733klru7",
        "hh5s93j4hdidpola", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "kllo9940pd9333jh", "dh893hdasih9",
    ]
}
