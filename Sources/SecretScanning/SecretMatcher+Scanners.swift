import ScanModel

extension SecretMatcher {
    /// Words that betray a documentation token (`ghp_xxxx…`, `AKIA…EXAMPLE`), compared lowercased.
    static let tokenMarkerWords = ["example", "sample", "placeholder", "dummy", "xxxx", "your", "fake", "redacted"]

    /// Returns whether the body of a token is a documentation stand-in rather than a random value.
    static func isPlaceholderToken(_ body: [UInt8]) -> Bool {
        guard let first = body.first else { return true }
        if body.allSatisfy({ $0 == first }) { return true }
        if PlaceholderGuard.isShortRepetition(body) { return true }
        let lower = String(decoding: body.map(KeywordAutomaton.lowercase), as: UTF8.self)
        return tokenMarkerWords.contains { lower.contains($0) }
    }

    /// A token that starts with the rule's keyword (`ghp_`), followed by `length` bytes of `body`.
    ///
    /// The token must not be glued to a word before it, nor continue after it.
    /// - Parameters:
    ///   - validate: an extra check on the body (the part after the keyword).
    static func token(
        body: ByteClass, length: ClosedRange<Int>, before: ByteClass = .alphanumeric,
        validate: (@Sendable ([UInt8]) -> Bool)? = nil
    ) -> SecretMatcher {
        SecretMatcher(lookBehind: 1, lookAhead: length.upperBound + 1) { site in
            if let previous = site.byte(at: site.keyword.lowerBound - 1), before.contains(previous) { return nil }
            let end = site.endOfRun(of: body, from: site.keyword.upperBound, limit: length.upperBound + 1)
            guard length.contains(end - site.keyword.upperBound) else { return nil }
            let bodyBytes = site.slice(site.keyword.upperBound..<end)
            guard !isPlaceholderToken(bodyBytes), validate?(bodyBytes) ?? true else { return nil }
            let range = site.keyword.lowerBound..<end
            return SecretMatch(secret: range, display: SecretRedaction.mask(site.string(range)), extent: range)
        }
    }

    /// Bytes that may appear in an unquoted value; anything else ends it.
    static let unquotedValue: ByteClass = {
        var byteClass = ByteClass()
        for byte in UInt8(33)...UInt8(126) where !ByteClass("\"'`;,()[]{}<>&").contains(byte) {
            byteClass.insert(byte)
        }
        for byte in UInt8(128)...UInt8(255) { byteClass.insert(byte) }
        return byteClass
    }()

    /// Bytes that may end an unquoted value besides whitespace.
    static let valueTerminators = ByteClass(";,\"'`)}]")
    /// Bytes between the base64 lines of a PEM block quoted in code (`"…" +`, `'…',`).
    static let pemFiller = ByteClass(" \t\"',+")
    static let identifierStart = ByteClass("A-Za-z_")
    static let identifierOrDot = ByteClass("A-Za-z0-9_.")
    static let lowercaseLetters = ByteClass("a-z")

    /// Returns `key` lowercased with `-` and `.` turned into `_`, the form key filters compare.
    static func normalizedKey(_ key: String) -> String {
        String(
            key.lowercased().map { character -> Character in
                character == "-" || character == "." ? "_" : character
            })
    }

    /// A `key = value` assignment whose key contains the keyword: `DB_PASSWORD="…"`, `"token": "…"`,
    /// `password: …`, `secret := "…"`, `api_key => '…'`, and with `allowsSpaceSeparator`, `password …` (`.netrc`).
    ///
    /// - Parameters:
    ///   - key: decides on the whole key, normalized (`spring.datasource.password` is `spring_datasource_password`).
    ///   - value: the bytes a value may hold; `nil` for anything printable.
    ///   - length: the value's length range.
    ///   - allowsUnquoted: whether `KEY=value` without quotes counts. In source code, unquoted values never
    ///     count: they are expressions (`password = self.password`), annotations (`token: str`) or prose in
    ///     docstrings, while a secret written in code is a string literal.
    ///   - guardsPlaceholders: whether values such as `changeme` or `${VAR}` are dropped.
    ///   - skipsComments: whether assignments on comment lines of source code are ignored; comments hold
    ///     documentation examples (`#   uri.password = "V3ry_S3nsit1ve"`).
    ///   - validate: an extra check on the value.
    static func assignment(
        key: @escaping @Sendable (String) -> Bool, value: ByteClass? = nil, length: ClosedRange<Int>,
        allowsUnquoted: Bool = true, allowsSpaceSeparator: Bool = false, guardsPlaceholders: Bool = true,
        skipsComments: Bool = false, validate: (@Sendable ([UInt8]) -> Bool)? = nil
    ) -> SecretMatcher {
        SecretMatcher(lookBehind: 256, lookAhead: 64 + 40 + length.upperBound + 2) { site in
            if skipsComments, site.isSourceCode, site.isOnCommentLine(site.keyword.lowerBound) { return nil }
            let keyStart = site.startOfRun(of: .identifier, endingAt: site.keyword.lowerBound, limit: 64)
            let keyEnd = site.endOfRun(of: .identifier, from: site.keyword.upperBound, limit: 64)
            let keyText = site.string(keyStart..<keyEnd)
            guard key(normalizedKey(keyText)) else { return nil }
            var index = keyEnd
            // A quoted key (`"password": …`) closes with the quote it opened with.
            if let opening = site.byte(at: keyStart - 1), ByteClass.quotes.contains(opening),
                site.byte(at: index) == opening
            {
                index += 1
            }
            let afterKey = index
            index = site.endOfRun(of: .horizontalSpace, from: index, limit: 16)
            let skippedSpace = index > afterKey
            switch site.byte(at: index) {
            case UInt8(ascii: "="):
                index += 1
                if site.byte(at: index) == UInt8(ascii: "=") { return nil }  // A comparison.
                if site.byte(at: index) == UInt8(ascii: ">") { index += 1 }
            case UInt8(ascii: ":"):
                index += 1
                if site.byte(at: index) == UInt8(ascii: ":") { return nil }  // A scope (`Password::Hash`).
                if site.byte(at: index) == UInt8(ascii: "=") {
                    index += 1
                } else if let next = site.byte(at: index), !ByteClass.whitespace.contains(next),
                    !ByteClass.quotes.contains(next)
                {
                    return nil  // YAML needs a space after the colon; `secret:name` is an ARN or a URL part.
                }
            case UInt8(ascii: "?"):
                guard site.byte(at: index + 1) == UInt8(ascii: "=") else { return nil }
                index += 2
            default:
                guard allowsSpaceSeparator, skippedSpace else { return nil }
            }
            index = site.endOfRun(of: .horizontalSpace, from: index, limit: 16)
            guard let first = site.byte(at: index) else { return nil }
            let valueRange: Range<Int>
            if ByteClass.quotes.contains(first) {
                let start = index + 1
                var end = start
                let limit = min(site.window.upperBound, start + length.upperBound + 1)
                while end < limit, site[end] != first, site[end] != UInt8(ascii: "\n") { end += 1 }
                guard site.byte(at: end) == first else { return nil }
                valueRange = start..<end
                if let value, site.endOfRun(of: value, from: start, limit: end - start) != end { return nil }
            } else {
                guard allowsUnquoted, !site.isSourceCode else { return nil }
                let end = site.endOfRun(of: value ?? unquotedValue, from: index, limit: length.upperBound + 1)
                valueRange = index..<end
                if let next = site.byte(at: end), !ByteClass.whitespace.contains(next),
                    !valueTerminators.contains(next)
                {
                    return nil  // A call, a subscript or a value longer than any secret of this kind.
                }
            }
            guard length.contains(valueRange.count) else { return nil }
            let valueBytes = site.slice(valueRange)
            if guardsPlaceholders, PlaceholderGuard.isPlaceholder(site.string(valueRange)) { return nil }
            guard validate?(valueBytes) ?? true else { return nil }
            return SecretMatch(
                secret: valueRange, display: "\(keyText)=\(SecretRedaction.mask(site.string(valueRange)))",
                extent: keyStart..<valueRange.upperBound)
        }
    }

    /// Returns whether an unquoted value reads like code (`self.password`, `token_from_env`, `config.API_KEY`).
    static func isIdentifierExpression(_ value: [UInt8]) -> Bool {
        guard let first = value.first, identifierStart.contains(first) else { return false }
        return value.allSatisfy { identifierOrDot.contains($0) }
            && (value.contains(UInt8(ascii: "_")) || value.contains(UInt8(ascii: "."))
                || value.allSatisfy { lowercaseLetters.contains($0) })
    }

    /// Returns whether `bytes` mixes at least `count` of: lower case, upper case, digits, other printable bytes.
    static func hasCharacterClasses(_ bytes: [UInt8], atLeast count: Int) -> Bool {
        var lower = false
        var upper = false
        var digit = false
        var other = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            default: other = true
            }
        }
        return [lower, upper, digit, other].filter { $0 }.count >= count
    }

    /// The schemes of database connection URLs (`postgresql+psycopg2` counts as `postgresql`).
    static let databaseSchemes: Set<String> = [
        "postgres", "postgresql", "pgsql", "mysql", "mysql2", "mysqlx", "mariadb", "mongodb", "mongodb+srv", "redis",
        "rediss", "amqp", "amqps", "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "couchdb", "neo4j",
        "cassandra", "memcached", "db2", "snowflake",
    ]

    /// User names that documentation puts in URLs (`https://user:pass@host`).
    static let documentationUsers: Set<String> = [
        "user", "username", "usr", "login", "name", "me", "you", "foo", "myuser", "someone", "jdoe", "john",
        // Oracle's demo account, which SQLAlchemy's documentation uses in every URL (`scott:tiger^5HHH@…`).
        "scott",
    ]

    /// Returns whether `host` is a documentation host (RFC 2606 `example.com`, `host`, `yourdomain`…).
    static func isDocumentationHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        let name = String(lower.prefix { $0 != ":" })
        if ["host", "hostname", "server", "domain", "yourhost", "yourdomain", "myhost"].contains(name) { return true }
        let labels = name.split(separator: ".")
        return labels.contains { $0 == "example" || $0 == "invalid" || $0 == "yourdomain" || $0 == "company" }
    }

    /// A URL with a password in it: `scheme://user:password@host`.
    ///
    /// - Parameters:
    ///   - schemes: decides on the scheme, lowercased, before any `+driver`.
    ///   - requiresUser: whether `scheme://:password@host` (no user) is refused; Redis URLs have no user.
    ///   - acceptsDocumentationHosts: whether `example.com` hosts count too: in a file that only ever holds real
    ///     credentials (`.git-credentials`), the place outweighs the host's name.
    static func urlCredentials(
        schemes: @escaping @Sendable (String) -> Bool, requiresUser: Bool = false,
        acceptsDocumentationHosts: Bool = false
    ) -> SecretMatcher {
        let schemeBytes = ByteClass("A-Za-z0-9+.-")
        var userInfo = unquotedValue
        for byte in Array("/@?#\\".utf8) { userInfo = userInfo.subtracting(byte) }
        let userInfoBytes = userInfo
        let hostBytes = ByteClass("A-Za-z0-9._[]:-")
        return SecretMatcher(lookBehind: 32, lookAhead: 512) { site in
            let schemeStart = site.startOfRun(of: schemeBytes, endingAt: site.keyword.lowerBound, limit: 32)
            let fullScheme = site.string(schemeStart..<site.keyword.lowerBound).lowercased()
            let scheme =
                fullScheme.hasPrefix("mongodb+srv") ? "mongodb+srv" : String(fullScheme.prefix { $0 != "+" })
            guard !scheme.isEmpty, schemes(scheme) else { return nil }
            let infoStart = site.keyword.upperBound
            let infoEnd = site.endOfRun(of: userInfoBytes, from: infoStart, limit: 257)
            guard site.byte(at: infoEnd) == UInt8(ascii: "@"), infoEnd - infoStart <= 256 else { return nil }
            // The password is after the first colon; passwords may hold '@' only escaped, so the last '@' ends it.
            guard let colon = site.firstOccurrence(of: [UInt8(ascii: ":")], in: infoStart..<infoEnd) else {
                return nil
            }
            let user = site.string(infoStart..<colon)
            let passwordRange = (colon + 1)..<infoEnd
            let password = site.string(passwordRange)
            guard password.count >= 3, password != user, !PlaceholderGuard.isPlaceholder(password) else { return nil }
            guard let hostFirst = site.byte(at: infoEnd + 1), hostBytes.contains(hostFirst) else { return nil }
            let hostEnd = site.endOfRun(of: hostBytes, from: infoEnd + 1, limit: 64)
            let host = site.string((infoEnd + 1)..<hostEnd)
            if requiresUser, user.isEmpty { return nil }
            if !acceptsDocumentationHosts, documentationUsers.contains(user.lowercased()) || isDocumentationHost(host) {
                return nil
            }
            return SecretMatch(
                secret: passwordRange, display: "\(fullScheme)://\(user):****@\(host)",
                extent: schemeStart..<infoEnd)
        }
    }

    /// The body of a PEM block after its `-----BEGIN … PRIVATE KEY-----` line: at least `minimumBody` base64 bytes,
    /// read across line breaks, escaped line breaks (`\n` in JSON) and header lines (`Proc-Type: …`).
    static func pemPrivateKey(label: String, minimumBody: Int = 64) -> SecretMatcher {
        let dashes = Array("-----".utf8)
        return SecretMatcher(lookBehind: 5, lookAhead: 4096) { site in
            guard site.hasLiteral(dashes, at: site.keyword.lowerBound - 5),
                site.hasLiteral(dashes, at: site.keyword.upperBound)
            else { return nil }
            let start = site.keyword.upperBound + 5
            var index = start
            var count = 0
            var isAtLineStart = false
            let limit = site.window.upperBound
            while index < limit {
                if isAtLineStart {
                    isAtLineStart = false
                    // A header line (`Proc-Type: 4,ENCRYPTED`, `Version: GnuPG`) is skipped whole.
                    var probe = index
                    while probe < min(limit, index + 80), site[probe] != UInt8(ascii: "\n"),
                        site[probe] != UInt8(ascii: "\\"), site[probe] != UInt8(ascii: ":")
                    {
                        probe += 1
                    }
                    if site.byte(at: probe) == UInt8(ascii: ":") {
                        index = probe
                        while index < limit, site[index] != UInt8(ascii: "\n"), site[index] != UInt8(ascii: "\\") {
                            index += 1
                        }
                        continue
                    }
                }
                let byte = site[index]
                if ByteClass.base64.contains(byte) {
                    count += 1
                    index += 1
                } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    isAtLineStart = true
                    index += 1
                } else if byte == UInt8(ascii: "\\"), let next = site.byte(at: index + 1),
                    next == UInt8(ascii: "n") || next == UInt8(ascii: "r")
                {
                    isAtLineStart = true
                    index += 2
                } else if pemFiller.contains(byte) {
                    index += 1
                } else {
                    break
                }
            }
            guard count >= minimumBody else { return nil }
            let range = (site.keyword.lowerBound - 5)..<index
            return SecretMatch(secret: range, display: "-----\(label)----- ****(\(count))", extent: range)
        }
    }
}

extension ByteClass {
    /// This set without `byte`.
    func subtracting(_ byte: UInt8) -> ByteClass {
        var result = ByteClass()
        for candidate in UInt8(0)...UInt8(255) where candidate != byte && contains(candidate) {
            result.insert(candidate)
        }
        return result
    }
}
