import ScanModel

/// Bounds on the work one file may cost, whatever its contents.
public struct SecretScanLimits: Sendable, Hashable, Codable {
    /// Keyword occurrences checked per rule and file; later ones are skipped, and the result says so.
    public var maximumKeywordHitsPerRule: Int
    /// Findings kept per rule and file.
    public var maximumFindingsPerRule: Int
    /// Findings kept per file; the scan of a file stops when it reaches this.
    public var maximumFindingsPerFile: Int
    /// How many leading bytes are searched for a NUL byte, the mark of a binary file.
    public var binaryProbeLength: Int

    public init(
        maximumKeywordHitsPerRule: Int = 10_000, maximumFindingsPerRule: Int = 100, maximumFindingsPerFile: Int = 500,
        binaryProbeLength: Int = 8192
    ) {
        self.maximumKeywordHitsPerRule = maximumKeywordHitsPerRule
        self.maximumFindingsPerRule = maximumFindingsPerRule
        self.maximumFindingsPerFile = maximumFindingsPerFile
        self.binaryProbeLength = binaryProbeLength
    }
}

/// What scanning one text found.
public struct SecretScanResult: Sendable, Equatable {
    /// Findings, deduplicated, ordered by line then rule.
    public var findings: [SecretFinding]
    /// Limits that were reached (so some of the text was not fully checked), one line each.
    public var notes: [String]
    /// Whether the bytes were recognised as binary and not scanned.
    public var isBinary: Bool
    /// Where the secrets of the kept findings are in the scanned bytes, in order: what `redacted(_:)` masks.
    public var secretRanges: [Range<Int>]

    public init(
        findings: [SecretFinding] = [], notes: [String] = [], isBinary: Bool = false, secretRanges: [Range<Int>] = []
    ) {
        self.findings = findings
        self.notes = notes
        self.isBinary = isBinary
        self.secretRanges = secretRanges
    }
}

/// Finds secrets in text: a keyword prefilter over every byte, then each woken rule's matcher on a bounded window.
///
/// Time is linear in the input: the prefilter reads each byte once (Aho–Corasick), each keyword occurrence costs
/// at most its rule's window, occurrences are capped per rule, and no matcher backtracks. Invalid UTF-8 is
/// scanned as bytes; masked matches decode it with replacement characters.
public struct SecretScanner: Sendable {
    public let ruleSet: SecretRuleSet
    public let limits: SecretScanLimits

    public init(ruleSet: SecretRuleSet = .builtIn, limits: SecretScanLimits = SecretScanLimits()) {
        self.ruleSet = ruleSet
        self.limits = limits
    }

    /// File extensions of source code, where unquoted values such as `token = read_token()` are code, not secrets.
    static let sourceCodeExtensions: Set<String> = [
        "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "java", "kt", "scala", "rb", "php", "c", "h", "cc",
        "cpp", "hpp", "rs", "swift", "cs", "pl", "pm", "lua", "r", "m", "groovy", "dart", "ex", "exs", "erl", "hs",
        "ml", "clj", "vue", "svelte", "pyi", "pyx", "tcl", "rbs", "rake", "gemspec",
    ]

    /// Returns whether `bytes` holds a NUL byte among its first `probeLength` bytes.
    public static func isBinary(_ bytes: [UInt8], probeLength: Int = 8192) -> Bool {
        bytes.prefix(probeLength).contains(0)
    }

    /// Scans a standalone text from the image configuration or history (`Env`, `Labels`, `Cmd`, `created_by`).
    ///
    /// - Parameters:
    ///   - path: what to show as the finding's path (`config/Env`, the history entry); path-scoped rules
    ///     (`.netrc`, kubeconfig) apply when it matches them.
    public func scan(text: String, source: SecretFinding.Source, path: ImagePath) -> SecretScanResult {
        scan(bytes: Array(text.utf8), path: path, source: source)
    }

    /// Scans the contents of a file (or any bytes), skipping binary files and allow-listed paths.
    public func scan(bytes: [UInt8], path: ImagePath, source: SecretFinding.Source = .file) -> SecretScanResult {
        scan(bytes: bytes, path: path, source: source, checksAllowList: true)
    }

    /// Scans bytes; `checksAllowList` is `false` when the caller has already checked the path.
    func scan(bytes: [UInt8], path: ImagePath, source: SecretFinding.Source, checksAllowList: Bool) -> SecretScanResult
    {
        if source == .file, checksAllowList, ruleSet.isAllowed(path) { return SecretScanResult() }
        if source == .file, Self.isBinary(bytes, probeLength: limits.binaryProbeLength) {
            return SecretScanResult(isBinary: true)
        }
        let fileExtension = path.name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let isSourceCode =
            source == .file && path.name.contains(".") && Self.sourceCodeExtensions.contains(fileExtension)
        var state = ScanState(ruleCount: ruleSet.rules.count)
        bytes.withUnsafeBufferPointer { buffer in
            ruleSet.automaton.forEachMatch(in: buffer) { keywordIndex, end in
                for use in ruleSet.rulesByKeyword[keywordIndex] {
                    let start = end - use.keyword.count
                    if use.isCaseSensitive {
                        var isExact = true
                        for (offset, byte) in use.keyword.enumerated() where buffer[start + offset] != byte {
                            isExact = false
                            break
                        }
                        if !isExact { continue }
                    }
                    guard state.isApplicable(rule: use.rule, in: ruleSet, path: path) else { continue }
                    if !check(use.rule, keyword: start..<end, in: buffer, isSourceCode: isSourceCode, state: &state) {
                        return false
                    }
                }
                return true
            }
        }
        let kept = keptMatches(state.matches)
        return SecretScanResult(
            findings: findings(from: kept, in: bytes, path: path, source: source), notes: state.notes,
            secretRanges: kept.map(\.match.secret).sorted { $0.lowerBound < $1.lowerBound })
    }

    /// `text` with every secret the rules find replaced by its mask, and what was found.
    ///
    /// For text the report repeats verbatim, such as a history line (`RUN curl -H "Authorization: token …"`), so
    /// that the secret appears nowhere in the report.
    public func redacted(_ text: String, source: SecretFinding.Source, path: ImagePath) -> (
        text: String, result: SecretScanResult
    ) {
        let bytes = Array(text.utf8)
        let result = scan(bytes: bytes, path: path, source: source)
        guard !result.secretRanges.isEmpty else { return (text, result) }
        // Overlapping secrets (two rules on one token) are masked as one.
        var merged: [Range<Int>] = []
        for range in result.secretRanges where range.upperBound <= bytes.count {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var output: [UInt8] = []
        var position = 0
        for range in merged {
            output += bytes[position..<range.lowerBound]
            output += Array(SecretRedaction.mask(bytes: bytes[range]).utf8)
            position = range.upperBound
        }
        output += bytes[position...]
        return (String(decoding: output, as: UTF8.self), result)
    }

    /// Runs one rule at one keyword occurrence; returns `false` when the file's finding limit is reached.
    private func check(
        _ ruleIndex: Int, keyword: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, isSourceCode: Bool,
        state: inout ScanState
    ) -> Bool {
        let rule = ruleSet.rules[ruleIndex]
        state.hits[ruleIndex] += 1
        if state.hits[ruleIndex] > limits.maximumKeywordHitsPerRule {
            if state.hits[ruleIndex] == limits.maximumKeywordHitsPerRule + 1 {
                state.notes.append(
                    "\(rule.id): stopped after \(limits.maximumKeywordHitsPerRule) keyword occurrences; "
                        + "later ones were not checked")
            }
            return true
        }
        let window =
            max(
                0, keyword.lowerBound - rule.matcher.lookBehind)..<min(
                buffer.count, keyword.upperBound + rule.matcher.lookAhead)
        let site = MatchSite(bytes: buffer, keyword: keyword, window: window, isSourceCode: isSourceCode)
        guard let match = rule.matcher.find(site), !match.secret.isEmpty else { return true }
        let secret = UnsafeBufferPointer(rebasing: buffer[match.secret])
        if let minimumEntropy = rule.minimumEntropy, Entropy.shannon(secret) < minimumEntropy { return true }
        if !rule.allowedValues.isEmpty || !ruleSet.allowedValues.isEmpty {
            let text = String(decoding: secret, as: UTF8.self)
            if (rule.allowedValues + ruleSet.allowedValues).contains(where: { text.contains($0) }) { return true }
        }
        guard state.seen.insert(RangeKey(rule: ruleIndex, start: match.extent.lowerBound)).inserted else {
            return true
        }
        state.findings[ruleIndex] += 1
        if state.findings[ruleIndex] > limits.maximumFindingsPerRule {
            if state.findings[ruleIndex] == limits.maximumFindingsPerRule + 1 {
                state.notes.append(
                    "\(rule.id): more than \(limits.maximumFindingsPerRule) findings; the rest are not listed")
            }
            return true
        }
        state.matches.append(RuleMatch(rule: ruleIndex, match: match))
        if state.matches.count >= limits.maximumFindingsPerFile {
            state.notes.append(
                "stopped at \(limits.maximumFindingsPerFile) findings; the rest of the file was not scanned")
            return false
        }
        return true
    }

    /// The matches in text order, without those covered by a higher-priority rule's match.
    private func keptMatches(_ matches: [RuleMatch]) -> [RuleMatch] {
        let ordered = matches.sorted { $0.match.extent.lowerBound < $1.match.extent.lowerBound }
        var kept: [RuleMatch] = []
        for candidate in ordered {
            let priority = ruleSet.rules[candidate.rule].priority
            let isCovered = ordered.contains { other in
                ruleSet.rules[other.rule].priority > priority && other.match.extent.overlaps(candidate.match.extent)
            }
            if !isCovered { kept.append(candidate) }
        }
        return kept
    }

    /// Numbers lines, masks, deduplicates and sorts the kept matches.
    private func findings(
        from kept: [RuleMatch], in bytes: [UInt8], path: ImagePath, source: SecretFinding.Source
    ) -> [SecretFinding] {
        var line = 1
        var position = 0
        var unique: Set<SecretFinding> = []
        var result: [SecretFinding] = []
        bytes.withUnsafeBufferPointer { buffer in
            for candidate in kept {
                let target = min(candidate.match.extent.lowerBound, buffer.count)
                while position < target {
                    if buffer[position] == UInt8(ascii: "\n") { line += 1 }
                    position += 1
                }
                let rule = ruleSet.rules[candidate.rule]
                var finding = SecretFinding(
                    ruleID: rule.id, category: rule.category, title: rule.title, severity: rule.severity, path: path,
                    line: line, match: candidate.match.display, source: source)
                // FNV-1a of the secret's bytes: tells apart two secrets that mask alike, without keeping either.
                var digest: UInt64 = 0xcbf2_9ce4_8422_2325
                for index in candidate.match.secret where index < buffer.count {
                    digest = (digest ^ UInt64(buffer[index])) &* 0x100_0000_01b3
                }
                finding.secretDigest = digest
                if unique.insert(finding).inserted { result.append(finding) }
            }
        }
        return result.sorted { ($0.line ?? 0, $0.ruleID) < ($1.line ?? 0, $1.ruleID) }
    }
}

private struct RangeKey: Hashable {
    let rule: Int
    let start: Int
}

private struct RuleMatch {
    let rule: Int
    let match: SecretMatch
}

/// The per-file counters and results of one scan.
private struct ScanState {
    var hits: [Int]
    var findings: [Int]
    /// 0: not yet known, 1: the rule applies to this file's path, 2: it does not.
    var applicability: [UInt8]
    var matches: [RuleMatch] = []
    var seen: Set<RangeKey> = []
    var notes: [String] = []

    init(ruleCount: Int) {
        hits = [Int](repeating: 0, count: ruleCount)
        findings = [Int](repeating: 0, count: ruleCount)
        applicability = [UInt8](repeating: 0, count: ruleCount)
    }

    /// Path scopes are evaluated lazily: only for rules whose keywords occur.
    mutating func isApplicable(rule: Int, in ruleSet: SecretRuleSet, path: ImagePath) -> Bool {
        if applicability[rule] == 0 { applicability[rule] = ruleSet.rules[rule].applies(to: path) ? 1 : 2 }
        return applicability[rule] == 1
    }
}
