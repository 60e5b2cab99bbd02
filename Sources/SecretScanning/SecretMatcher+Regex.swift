import ScanModel

extension SecretMatcher {
    /// How far either side of a keyword occurrence a user pattern may read, within the keyword's line.
    static let regexReach = 1024

    /// A user's regular expression, run on the keyword's line clipped to `regexReach` bytes either side.
    ///
    /// - Throws: `SecretScanningError` when the pattern does not compile or nests quantifiers.
    static func regex(_ pattern: String, ruleID: String) throws(SecretScanningError) -> SecretMatcher {
        if let fragment = nestedQuantifier(in: pattern) {
            throw .unsafePattern(ruleID: ruleID, fragment: fragment)
        }
        do {
            _ = try Regex(pattern)
        } catch {
            throw .invalidPattern(ruleID: ruleID, reason: "\(error)")
        }
        return SecretMatcher(lookBehind: regexReach, lookAhead: regexReach) { site in
            // Compiled per use: `Regex` is not `Sendable`. User rules are rare and run only near their keywords.
            guard let regex = try? Regex(pattern) else { return nil }
            var lineStart = site.keyword.lowerBound
            while lineStart > site.window.lowerBound, site[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            var lineEnd = site.keyword.upperBound
            while lineEnd < site.window.upperBound, site[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = site.string(lineStart..<lineEnd)
            guard let match = try? regex.firstMatch(in: line) else { return nil }
            let secretRange = match.output["secret"]?.range ?? match.range
            let secretText = line[secretRange]
            let secretStart = lineStart + line.utf8.distance(from: line.startIndex, to: secretRange.lowerBound)
            let secretEnd = min(secretStart + secretText.utf8.count, lineEnd)
            return SecretMatch(
                secret: secretStart..<secretEnd, display: SecretRedaction.mask(secretText),
                extent: secretStart..<secretEnd)
        }
    }

    /// The first group that is quantified and holds a quantifier itself (`(a+)+`, `(?:x*)*`, `(a|aa){2,}`),
    /// or `nil`; a conservative test, since such groups are what makes backtracking exponential.
    static func nestedQuantifier(in pattern: String) -> String? {
        let characters = Array(pattern)
        var groupStarts: [(index: Int, hasQuantifier: Bool)] = []
        var hasQuantifierAtDepth = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                index += 1
            case "[":
                // Skip a character class: its `+` and `*` are literal.
                index += 1
                while index < characters.count, characters[index] != "]" {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
            case "(":
                groupStarts.append((index, hasQuantifierAtDepth))
                hasQuantifierAtDepth = false
            case ")":
                let inner = hasQuantifierAtDepth
                let start = groupStarts.popLast()
                hasQuantifierAtDepth = start?.hasQuantifier ?? false
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == "+" || next == "*" || next == "{" {
                    if inner, let start {
                        return String(characters[start.index...min(index + 1, characters.count - 1)])
                    }
                    hasQuantifierAtDepth = true
                }
                if inner { hasQuantifierAtDepth = true }
            case "+", "*", "{":
                hasQuantifierAtDepth = true
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
