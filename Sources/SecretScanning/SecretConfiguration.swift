import ScanModel

/// User settings for secret scanning: extra rules, disabled rules and allow-lists, as read from the config file.
///
/// ```yaml
/// secrets:
///   rules:
///     - id: ACME-INTERNAL-TOKEN
///       title: ACME internal API token
///       severity: high
///       keywords: [acme_]
///       pattern: 'acme_[a-z0-9]{32}'
///   disabledRules: [PLM-SECRET-JWT]
///   allowedPaths: ['opt/app/test/**']
///   allowedValues: ['acme_0000']
/// ```
public struct SecretConfiguration: Sendable, Codable, Equatable {
    /// A rule the user adds.
    public struct CustomRule: Sendable, Codable, Equatable {
        /// A stable ID, unique among all rules (`ACME-INTERNAL-TOKEN`).
        public var id: String
        public var title: String
        public var severity: Severity
        /// Literal strings, one of which occurs in every match (the prefilter's input); at least one.
        public var keywords: [String]
        /// A regular expression in Swift `Regex` syntax.
        ///
        /// It runs on the line around each keyword occurrence, at most 1 KiB either side. A capture named `secret`
        /// marks the secret; otherwise the whole match is the secret. Nested quantifiers such as `(a+)+` are
        /// refused: they can make matching take exponential time.
        public var pattern: String
        /// The least Shannon entropy, in bits per byte, of the secret.
        public var minimumEntropy: Double?
        /// Globs of the paths the rule applies to; absent for every path.
        public var paths: [String]?

        public init(
            id: String, title: String, severity: Severity, keywords: [String], pattern: String,
            minimumEntropy: Double? = nil, paths: [String]? = nil
        ) {
            self.id = id
            self.title = title
            self.severity = severity
            self.keywords = keywords
            self.pattern = pattern
            self.minimumEntropy = minimumEntropy
            self.paths = paths
        }
    }

    /// Rules added to the built-in ones.
    public var rules: [CustomRule]
    /// IDs of rules (built-in or custom) that never report.
    public var disabledRules: [String]
    /// Globs of paths that are never scanned for secrets (`opt/app/testdata/**`).
    public var allowedPaths: [String]
    /// Strings that a secret may contain and still not be reported (a documented test key).
    public var allowedValues: [String]
    /// Whether the built-in rules run; `false` leaves only the custom ones.
    public var usesBuiltInRules: Bool
    /// Whether the built-in path allow-list applies (test folders inside installed language packages).
    public var usesBuiltInAllowList: Bool

    public init(
        rules: [CustomRule] = [], disabledRules: [String] = [], allowedPaths: [String] = [],
        allowedValues: [String] = [], usesBuiltInRules: Bool = true, usesBuiltInAllowList: Bool = true
    ) {
        self.rules = rules
        self.disabledRules = disabledRules
        self.allowedPaths = allowedPaths
        self.allowedValues = allowedValues
        self.usesBuiltInRules = usesBuiltInRules
        self.usesBuiltInAllowList = usesBuiltInAllowList
    }

    private enum CodingKeys: String, CodingKey {
        case rules, disabledRules, allowedPaths, allowedValues, usesBuiltInRules, usesBuiltInAllowList
    }

    /// Decodes a configuration in which every field may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rules: try container.decodeIfPresent([CustomRule].self, forKey: .rules) ?? [],
            disabledRules: try container.decodeIfPresent([String].self, forKey: .disabledRules) ?? [],
            allowedPaths: try container.decodeIfPresent([String].self, forKey: .allowedPaths) ?? [],
            allowedValues: try container.decodeIfPresent([String].self, forKey: .allowedValues) ?? [],
            usesBuiltInRules: try container.decodeIfPresent(Bool.self, forKey: .usesBuiltInRules) ?? true,
            usesBuiltInAllowList: try container.decodeIfPresent(Bool.self, forKey: .usesBuiltInAllowList) ?? true)
    }
}

/// Why a secret-scanning configuration cannot be used.
public enum SecretScanningError: Error, Equatable, CustomStringConvertible {
    case duplicateRuleID(String)
    case missingKeywords(ruleID: String)
    case invalidPattern(ruleID: String, reason: String)
    case unsafePattern(ruleID: String, fragment: String)
    case unknownDisabledRule(String)

    public var description: String {
        switch self {
        case .duplicateRuleID(let id):
            "Two secret rules have the ID '\(id)'. Give each custom rule a unique ID."
        case .missingKeywords(let id):
            "Secret rule '\(id)' has no keywords. Add at least one literal string that every match contains."
        case .invalidPattern(let id, let reason):
            "The pattern of secret rule '\(id)' is not a valid regular expression: \(reason)"
        case .unsafePattern(let id, let fragment):
            "The pattern of secret rule '\(id)' nests quantifiers ('\(fragment)'), which can take exponential "
                + "time. Rewrite it without a repeated group that itself repeats."
        case .unknownDisabledRule(let id):
            "No secret rule has the ID '\(id)' listed under disabledRules. Check the spelling."
        }
    }
}
