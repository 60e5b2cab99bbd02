import ScanModel

/// The rules a scan runs and the allow-lists it honours, with the keyword prefilter built once for all of them.
public struct SecretRuleSet: Sendable {
    public let rules: [SecretRule]
    /// Paths never scanned for secrets.
    public let allowedPaths: [PathPattern]
    /// Strings that a secret may contain and still not be reported.
    public let allowedValues: [String]
    let automaton: KeywordAutomaton
    /// For each prefilter keyword, the rules it wakes up and the exact keyword each expects.
    let rulesByKeyword: [[KeywordUse]]

    struct KeywordUse: Sendable {
        let rule: Int
        let keyword: [UInt8]
        let isCaseSensitive: Bool
    }

    /// Creates a rule set and its prefilter.
    public init(rules: [SecretRule], allowedPaths: [PathPattern] = [], allowedValues: [String] = []) {
        self.rules = rules
        self.allowedPaths = allowedPaths
        self.allowedValues = allowedValues
        var keywordIndex: [[UInt8]: Int] = [:]
        var keywords: [[UInt8]] = []
        var uses: [[KeywordUse]] = []
        for (ruleIndex, rule) in rules.enumerated() {
            for keyword in rule.keywords where !keyword.isEmpty {
                let bytes = Array(keyword.utf8)
                let folded = bytes.map(KeywordAutomaton.lowercase)
                let index: Int
                if let existing = keywordIndex[folded] {
                    index = existing
                } else {
                    index = keywords.count
                    keywordIndex[folded] = index
                    keywords.append(folded)
                    uses.append([])
                }
                uses[index].append(
                    KeywordUse(rule: ruleIndex, keyword: bytes, isCaseSensitive: rule.isKeywordCaseSensitive))
            }
        }
        self.automaton = KeywordAutomaton(keywords: keywords)
        self.rulesByKeyword = uses
    }

    /// Every built-in rule, in the order the documentation lists them.
    public static let builtInRules: [SecretRule] = [
        .awsAccessKeyID, .awsSecretAccessKey, .gcpServiceAccount, .gcpAPIKey, .azureStorageKey, .azureSASToken,
        .githubPersonalAccessToken, .githubFineGrainedToken, .githubOAuthToken, .githubAppToken, .gitlabToken,
        .slackToken, .slackWebhook, .stripeLiveKey, .stripeTestKey, .twilioAPIKey, .twilioAuthToken, .sendGridAPIKey,
        .npmToken, .pypiToken, .dockerHubToken, .huggingFaceToken, .openAIKey, .anthropicKey, .jsonWebToken,
        .rsaPrivateKey, .ecPrivateKey, .dsaPrivateKey, .pkcs8PrivateKey, .encryptedPrivateKey, .openSSHPrivateKey,
        .pgpPrivateKey, .puttyPrivateKey, .databaseURL, .urlCredentials, .gitCredentials, .npmrcAuth, .pypircPassword,
        .dockerConfigAuth, .netrcPassword, .kubeconfigToken, .kubeconfigClientKey, .genericPassword, .genericSecret,
    ]

    /// Material inside installed language packages that holds sample credentials which open nothing.
    ///
    /// - test folders, with the keys and tokens packages ship for their own test suites;
    /// - package descriptions (`METADATA`, `PKG-INFO`): the README, documentation like `usr/share/doc`;
    /// - documentation shipped inside packages (`*.md`, `*.rst`, `examples/`, `docs/`, `man/` folders);
    /// - `moto`, a mock of AWS made of fake credentials, and botocore's API models and examples;
    /// - sample configuration anywhere (`*.example`, `*.sample`, `*.template`, `*.dist`).
    public static let builtInAllowedPaths: [PathPattern] = [
        "**/*.dist-info/METADATA", "**/*.egg-info/PKG-INFO", "**/site-packages/moto/**", "**/dist-packages/moto/**",
        "**/site-packages/botocore/data/**", "**/dist-packages/botocore/data/**", "**/site-packages/**/examples/**",
        "**/dist-packages/**/examples/**", "**/site-packages/**/*.rst", "**/dist-packages/**/*.rst",
        "**/site-packages/**/*.md", "**/dist-packages/**/*.md", "**/node_modules/**/*.md",
        "**/node_modules/**/docs/**", "**/node_modules/**/man/**", "*.example", "*.sample", "*.template", "*.dist",
        "**/site-packages/**/tests/**", "**/site-packages/**/test/**", "**/dist-packages/**/tests/**",
        "**/dist-packages/**/test/**", "**/node_modules/**/test/**", "**/node_modules/**/tests/**",
        "**/node_modules/**/__tests__/**", "**/node_modules/**/fixtures/**", "**/gems/**/spec/**",
        "**/gems/**/test/**", "**/pkg/mod/**/testdata/**", "**/vendor/**/testdata/**",
    ].map(PathPattern.init)

    /// The built-in rules and allow-list.
    public static let builtIn = SecretRuleSet(rules: builtInRules, allowedPaths: builtInAllowedPaths)

    /// Returns whether `path` is never scanned for secrets.
    public func isAllowed(_ path: ImagePath) -> Bool {
        guard !allowedPaths.isEmpty else { return false }
        let text = Array(path.description.utf8)
        return allowedPaths.contains { $0.matches(utf8: text) }
    }

    /// The built-in rules and allow-list changed by a user's configuration: custom rules added, disabled rules
    /// removed, allow-lists extended.
    ///
    /// - Throws: `SecretScanningError` when a custom rule is invalid or a disabled rule does not exist.
    public static func configured(by configuration: SecretConfiguration) throws(SecretScanningError) -> SecretRuleSet {
        var rules = configuration.usesBuiltInRules ? builtInRules : []
        var ids = Set(builtInRules.map(\.id))
        for custom in configuration.rules {
            guard ids.insert(custom.id).inserted else { throw .duplicateRuleID(custom.id) }
            guard custom.keywords.contains(where: { !$0.isEmpty }) else { throw .missingKeywords(ruleID: custom.id) }
            var rule = SecretRule(
                id: custom.id, title: custom.title, severity: custom.severity, keywords: custom.keywords,
                matcher: try .regex(custom.pattern, ruleID: custom.id), minimumEntropy: custom.minimumEntropy,
                paths: custom.paths?.map(PathPattern.init), priority: 2)
            rule.definition = "\(custom.pattern) \(custom.minimumEntropy.map { "\($0)" } ?? "")"
            rules.append(rule)
        }
        for disabled in configuration.disabledRules where !ids.contains(disabled) {
            throw .unknownDisabledRule(disabled)
        }
        let disabled = Set(configuration.disabledRules)
        rules.removeAll { disabled.contains($0.id) }
        let allowedPaths =
            (configuration.usesBuiltInAllowList ? builtInAllowedPaths : [])
            + configuration.allowedPaths.map(PathPattern.init)
        return SecretRuleSet(rules: rules, allowedPaths: allowedPaths, allowedValues: configuration.allowedValues)
    }

    /// A stable digest of the rule IDs, keywords and allow-lists (FNV-1a, hexadecimal): part of the analyzer's
    /// identity, so cached layer results are not reused after the rules change.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xFF
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for rule in rules {
            add(rule.id)
            add(rule.severity.rawValue)
            add(rule.definition)
            rule.keywords.forEach(add)
            rule.paths?.forEach { add($0.pattern) }
        }
        allowedPaths.forEach { add($0.pattern) }
        allowedValues.forEach(add)
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
