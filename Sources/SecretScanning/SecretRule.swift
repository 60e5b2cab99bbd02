import ScanModel

/// One detection rule: a stable ID, what it reports, the keywords that wake it up, and the matcher that decides.
///
/// Rules are values. The scanner runs a rule's matcher only where one of its keywords occurs, on a bounded window
/// around that occurrence, so a rule costs nothing on text that lacks its keywords.
public struct SecretRule: Sendable, Identifiable {
    /// The stable ID users filter and allow-list by (`PLM-SECRET-GITHUB-PAT`).
    public let id: String
    public let title: String
    public let severity: Severity
    public let category: SecretFinding.Category
    /// Literal strings, one of which occurs in every match; the prefilter looks for these.
    public let keywords: [String]
    /// Whether keywords must match with their exact case (`AKIA`), or in any case (`password`).
    public let isKeywordCaseSensitive: Bool
    /// Decides whether a keyword occurrence is a secret, and where.
    public let matcher: SecretMatcher
    /// The least Shannon entropy (bits per byte) of the secret; lower-entropy candidates are dropped.
    public let minimumEntropy: Double?
    /// Which files the rule applies to; `nil` for every file.
    public let paths: [PathPattern]?
    /// Secrets (or substrings of them) that this rule never reports, such as vendors' documented test keys.
    public let allowedValues: [String]
    /// When two findings cover the same bytes, the one with the higher priority is kept (a GitHub token in a
    /// `password=` assignment is reported as a GitHub token).
    public let priority: Int
    /// What else defines the rule for the rule set's fingerprint (a custom rule's pattern and entropy).
    var definition = ""

    /// Creates a rule.
    public init(
        id: String, title: String, severity: Severity, category: SecretFinding.Category = .secret,
        keywords: [String], isKeywordCaseSensitive: Bool = false, matcher: SecretMatcher, minimumEntropy: Double? = nil,
        paths: [PathPattern]? = nil, allowedValues: [String] = [], priority: Int = 1
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.category = category
        self.keywords = keywords
        self.isKeywordCaseSensitive = isKeywordCaseSensitive
        self.matcher = matcher
        self.minimumEntropy = minimumEntropy
        self.paths = paths
        self.allowedValues = allowedValues
        self.priority = priority
    }

    /// Returns whether the rule looks at the file at `path`.
    public func applies(to path: ImagePath) -> Bool {
        guard let paths else { return true }
        return paths.contains { $0.matches(path) }
    }
}

/// The bytes a matcher may read around one keyword occurrence.
///
/// Matchers read only inside `window`, which the scanner bounds, so a long line or a file full of keywords costs
/// at most the window per occurrence (and the scanner caps occurrences per rule).
struct MatchSite {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the keyword occurrence starts and ends.
    let keyword: Range<Int>
    /// The bytes a matcher may read.
    let window: Range<Int>
    /// Whether the text is a file (where code like `token = read()` is common) or a configuration value.
    let isSourceCode: Bool

    subscript(_ index: Int) -> UInt8 { bytes[index] }

    /// The byte at `index`, or `nil` outside the window.
    func byte(at index: Int) -> UInt8? {
        window.contains(index) ? bytes[index] : nil
    }

    /// The offset just past the run of `byteClass` bytes starting at `start`, reading at most `limit` bytes.
    func endOfRun(of byteClass: ByteClass, from start: Int, limit: Int) -> Int {
        var index = start
        let end = min(window.upperBound, start + limit)
        while index < end, byteClass.contains(bytes[index]) { index += 1 }
        return index
    }

    /// The offset where the run of `byteClass` bytes ending just before `end` starts, reading at most `limit` bytes.
    func startOfRun(of byteClass: ByteClass, endingAt end: Int, limit: Int) -> Int {
        var index = end
        let start = max(window.lowerBound, end - limit)
        while index > start, byteClass.contains(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// Returns whether `literal` occurs at `offset`, ASCII case folded when `ignoringCase`.
    func hasLiteral(_ literal: [UInt8], at offset: Int, ignoringCase: Bool = false) -> Bool {
        guard offset >= window.lowerBound, offset + literal.count <= window.upperBound else { return false }
        for (index, expected) in literal.enumerated() {
            let actual = bytes[offset + index]
            if ignoringCase {
                if KeywordAutomaton.lowercase(actual) != KeywordAutomaton.lowercase(expected) { return false }
            } else if actual != expected {
                return false
            }
        }
        return true
    }

    /// The first offset in `range` (clamped to the window) where `literal` occurs, in time linear in the range.
    func firstOccurrence(of literal: [UInt8], in range: Range<Int>, ignoringCase: Bool = false) -> Int? {
        guard let first = literal.first else { return nil }
        let lower = max(range.lowerBound, window.lowerBound)
        let upper = min(range.upperBound, window.upperBound) - literal.count
        guard lower <= upper else { return nil }
        let folded = KeywordAutomaton.lowercase(first)
        for offset in lower...upper {
            let byte = bytes[offset]
            let matchesFirst = ignoringCase ? KeywordAutomaton.lowercase(byte) == folded : byte == first
            if matchesFirst, hasLiteral(literal, at: offset, ignoringCase: ignoringCase) { return offset }
        }
        return nil
    }

    /// Returns whether `offset` lies on a line that starts, after indentation, with a comment marker.
    ///
    /// The markers are `#`, `//`, `/*`, `*`, `--` and `;`; the line start is looked for at most 256 bytes back.
    func isOnCommentLine(_ offset: Int) -> Bool {
        var start = offset
        let limit = max(window.lowerBound, offset - 256)
        while start > limit, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        let first = endOfRun(of: .horizontalSpace, from: start, limit: 256)
        guard first < offset else { return false }
        switch bytes[first] {
        case UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: ";"): return true
        case UInt8(ascii: "/"):
            return byte(at: first + 1) == UInt8(ascii: "/") || byte(at: first + 1) == UInt8(ascii: "*")
        case UInt8(ascii: "-"): return byte(at: first + 1) == UInt8(ascii: "-")
        default: return false
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func slice(_ range: Range<Int>) -> [UInt8] {
        Array(bytes[range])
    }
}

/// What a matcher found: where the secret lies and how to show it, masked.
struct SecretMatch {
    /// The secret's bytes; used for entropy, line numbers, overlap and allow-lists, never shown.
    var secret: Range<Int>
    /// The text shown to the user, already masked.
    var display: String
    /// The whole matched text (keyword to secret); two findings overlap when these ranges do.
    var extent: Range<Int>
}

/// Decides whether a keyword occurrence is a secret.
///
/// Built-in matchers are hand-written scanners (a literal prefix, a byte class and a length range; a key, an
/// assignment operator and a value) that read each byte of their window at most a constant number of times, so
/// no input makes them backtrack.
public struct SecretMatcher: Sendable {
    let find: @Sendable (MatchSite) -> SecretMatch?
    /// How many bytes before the keyword the matcher may read.
    let lookBehind: Int
    /// How many bytes after the keyword the matcher may read.
    let lookAhead: Int

    init(lookBehind: Int = 128, lookAhead: Int = 512, find: @escaping @Sendable (MatchSite) -> SecretMatch?) {
        self.find = find
        self.lookBehind = lookBehind
        self.lookAhead = lookAhead
    }
}
