import VulnerabilityMatching

/// An npm version range such as `^1.2.3 || >=2.0.0-beta <3`, parsed and matched as node-semver 7.6's `Range` does in
/// loose mode (the mode npm reads `package.json` and lock files in).
///
/// node-semver rewrites the range text with regular expressions before it parses comparators; this type runs the
/// same expressions, built from the same sources (node-semver's `internal/re.js`), in the same order, so that odd
/// input parses as it does there:
/// - `||` separates comparator sets, any of which may match; blanks separate comparators, all of which must match.
/// - `A - B` is `>=A <=B`; a partial `B` becomes an exclusive bound (`1.2.3 - 2.3` is `>=1.2.3 <2.4.0-0`).
/// - `1.x`, `1.2.*`, `*` and the empty range are X-ranges; `~1.2.3` is `>=1.2.3 <1.3.0-0`; `^0.2.3` is
///   `>=0.2.3 <0.3.0-0`; `^0.0.3` is `>=0.0.3 <0.0.4-0`.
/// - A pre-release version matches a comparator set only if the set passes it and some comparator in the set has a
///   pre-release on the same major, minor and patch (unless `includePrerelease` is set).
public struct NPMRange: Sendable, CustomStringConvertible {
    /// An operator and a version, or a comparator that any version passes.
    public struct Comparator: Sendable, Equatable, CustomStringConvertible {
        /// The comparison a comparator makes.
        public enum Operator: String, Sendable {
            case equal = ""
            case less = "<"
            case lessOrEqual = "<="
            case greater = ">"
            case greaterOrEqual = ">="
        }

        public let `operator`: Operator
        /// The bound; `nil` for a comparator any version passes.
        public let version: NPMVersion?

        /// node-semver's `Comparator#value`: the operator and the formatted version, or empty for any version.
        public var description: String { version.map { `operator`.rawValue + $0.description } ?? "" }

        /// Whether `candidate` passes this comparator alone, ignoring the pre-release rule of its set.
        public func isSatisfied(by candidate: NPMVersion) -> Bool {
            guard let version else { return true }
            let order = candidate.compare(to: version)
            switch `operator` {
            case .equal: return order == 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        }
    }

    /// The range as written.
    public let text: String
    /// The comparator sets; a version is in the range when it satisfies any one of them.
    public let comparatorSets: [[Comparator]]
    /// Whether pre-release versions may match comparators without a pre-release of their own.
    public let includesPrereleases: Bool

    /// Parses `text` as node-semver's `new Range(text, { loose: true, includePrerelease })` does.
    public init(parsing text: String, includePrerelease: Bool = false) throws(VersionParseError) {
        guard let patterns = Self.patterns else {
            throw VersionParseError(scheme: .npm, text: text, reason: "the range patterns failed to compile")
        }
        self.text = text
        includesPrereleases = includePrerelease
        let parser = RangeParser(patterns: patterns, includePrerelease: includePrerelease)
        do {
            comparatorSets = try parser.comparatorSets(of: text)
        } catch {
            throw VersionParseError(scheme: .npm, text: text, reason: error.reason)
        }
    }

    /// node-semver's normalized form of the range, such as `>=1.2.3 <2.0.0-0||>=3.0.0`.
    public var description: String {
        comparatorSets.map { $0.map(\.description).joined(separator: " ").trimmingBlanks() }.joined(separator: "||")
    }

    /// Whether `version` is in the range (node-semver's `Range#test`).
    public func contains(_ version: NPMVersion) -> Bool {
        comparatorSets.contains { set in
            guard set.allSatisfy({ $0.isSatisfied(by: version) }) else { return false }
            guard version.isPrerelease, !includesPrereleases else { return true }
            return set.contains { comparator in
                guard let bound = comparator.version, bound.isPrerelease else { return false }
                return bound.major == version.major && bound.minor == version.minor && bound.patch == version.patch
            }
        }
    }

    /// Whether the version `text` is in the range; text that is not an npm version is in no range (`satisfies`).
    public func contains(_ text: String) -> Bool {
        guard let version = try? NPMVersion(parsing: text) else { return false }
        return contains(version)
    }

    // Regex is an immutable value whose compiled program is published atomically, so sharing it between tasks is
    // safe; the standard library does not mark it Sendable yet.
    nonisolated(unsafe) private static let patterns: RangePatterns? = try? RangePatterns()
}

/// node-semver's range regular expressions (`internal/re.js`, the "safe" variants `Range` uses).
private struct RangePatterns {
    let hyphenRange: Regex<AnyRegexOutput>
    let comparatorTrim: Regex<AnyRegexOutput>
    let tildeTrim: Regex<AnyRegexOutput>
    let caretTrim: Regex<AnyRegexOutput>
    let tilde: Regex<AnyRegexOutput>
    let caret: Regex<AnyRegexOutput>
    let xRange: Regex<AnyRegexOutput>
    let star: Regex<AnyRegexOutput>
    let greaterOrEqualZero: Regex<AnyRegexOutput>
    let greaterOrEqualZeroPrerelease: Regex<AnyRegexOutput>
    let comparator: Regex<AnyRegexOutput>

    init() throws {
        let numericLoose = #"\d+"#
        let nonNumeric = #"\d*[a-zA-Z-][a-zA-Z0-9-]*"#
        let mainLoose = "(\(numericLoose))\\.(\(numericLoose))\\.(\(numericLoose))"
        let prereleaseIdentifierLoose = "(?:\(numericLoose)|\(nonNumeric))"
        let prereleaseLoose = "(?:-?(\(prereleaseIdentifierLoose)(?:\\.\(prereleaseIdentifierLoose))*))"
        let buildIdentifier = "[a-zA-Z0-9-]+"
        let build = "(?:\\+(\(buildIdentifier)(?:\\.\(buildIdentifier))*))"
        let loosePlain = "[v=\\s]*\(mainLoose)\(prereleaseLoose)?\(build)?"
        let gtlt = "((?:<|>)?=?)"
        let xIdentifier = "\(numericLoose)|x|X|\\*"
        let xRangePlain =
            "[v=\\s]*(\(xIdentifier))(?:\\.(\(xIdentifier))(?:\\.(\(xIdentifier))(?:\(prereleaseLoose))?\(build)?)?)?"
        func compile(_ source: String) throws -> Regex<AnyRegexOutput> {
            try Regex(Self.safe(source)).matchingSemantics(.unicodeScalar).asciiOnlyDigits()
        }
        hyphenRange = try compile("^\\s*(\(xRangePlain))\\s+-\\s+(\(xRangePlain))\\s*$")
        comparatorTrim = try compile("(\\s*)\(gtlt)\\s*(\(loosePlain)|\(xRangePlain))")
        tildeTrim = try compile("(\\s*)(?:~>?)\\s+")
        caretTrim = try compile("(\\s*)(?:\\^)\\s+")
        tilde = try compile("^(?:~>?)\(xRangePlain)$")
        caret = try compile("^(?:\\^)\(xRangePlain)$")
        xRange = try compile("^\(gtlt)\\s*\(xRangePlain)$")
        star = try compile("(<|>)?=?\\s*\\*")
        greaterOrEqualZero = try compile("^\\s*>=\\s*0\\.0\\.0\\s*$")
        greaterOrEqualZeroPrerelease = try compile("^\\s*>=\\s*0\\.0\\.0-0\\s*$")
        comparator = try compile("^\(gtlt)\\s*(\(loosePlain))$|^$")
    }

    /// node-semver's `makeSafeRegex`: bounds the repetitions an attacker could make expensive.
    private static func safe(_ source: String) -> String {
        var result = source
        for (token, limit) in [(#"\s"#, 1), (#"\d"#, 256), ("[a-zA-Z0-9-]", 250)] {
            result = result.replacingAll(token + "*", with: token + "{0,\(limit)}")
            result = result.replacingAll(token + "+", with: token + "{1,\(limit)}")
        }
        return result
    }
}

/// The rewriting steps of node-semver's `Range#parseRange`, in order.
private struct RangeParser {
    let patterns: RangePatterns
    let includePrerelease: Bool

    struct Failure: Error {
        var reason: String
    }

    func comparatorSets(of text: String) throws(Failure) -> [[NPMRange.Comparator]] {
        let raw = text.splitOnBlanks(keepingEmptyEnds: false).joined(separator: " ")
        var sets: [[NPMRange.Comparator]] = []
        for part in raw.splitKeepingEmpty(on: "||") {
            let set = try comparators(of: part.trimmingBlanks())
            if !set.isEmpty { sets.append(set) }
        }
        guard let first = sets.first else {
            throw Failure(reason: "not a range: no comparator node-semver can read in it")
        }
        if sets.count > 1 {
            sets = sets.filter { $0.first?.description != "<0.0.0-0" }
            if sets.isEmpty {
                sets = [first]
            } else if sets.count > 1, let any = sets.first(where: { $0.count == 1 && $0[0].version == nil }) {
                sets = [any]
            }
        }
        return sets
    }

    private func comparators(of part: String) throws(Failure) -> [NPMRange.Comparator] {
        var range = replacingFirst(patterns.hyphenRange, in: part, with: hyphenReplacement)
        range = range.replacing(patterns.comparatorTrim) { match in
            (match.output[1].substring ?? "") + (match.output[2].substring ?? "") + (match.output[3].substring ?? "")
        }
        range = range.replacing(patterns.tildeTrim) { match in (match.output[1].substring ?? "") + "~" }
        range = range.replacing(patterns.caretTrim) { match in (match.output[1].substring ?? "") + "^" }
        let rewritten = range.splitKeepingEmpty(on: " ").map(rewriteComparator).joined(separator: " ")
        let texts = rewritten.splitOnBlanks(keepingEmptyEnds: true).map { text in
            let trimmed = text.trimmingBlanks()
            let zero = includePrerelease ? patterns.greaterOrEqualZeroPrerelease : patterns.greaterOrEqualZero
            return replacingFirst(zero, in: trimmed) { _ in "" }
        }.filter { (try? patterns.comparator.wholeMatch(in: $0)) != nil }
        var comparators: [NPMRange.Comparator] = []
        for text in texts { comparators.append(try comparator(text)) }
        var unique: [NPMRange.Comparator] = []
        for comparator in comparators {
            if comparator.description == "<0.0.0-0" { return [comparator] }
            if let index = unique.firstIndex(where: { $0.description == comparator.description }) {
                unique[index] = comparator
            } else {
                unique.append(comparator)
            }
        }
        if unique.count > 1 { unique.removeAll { $0.description.isEmpty } }
        return unique
    }

    private func comparator(_ text: String) throws(Failure) -> NPMRange.Comparator {
        let normalized = text.splitOnBlanks(keepingEmptyEnds: false).joined(separator: " ")
        guard let match = try? patterns.comparator.wholeMatch(in: normalized) else {
            throw Failure(reason: "invalid comparator '\(normalized)'")
        }
        let operatorText = match.output[1].substring.map(String.init) ?? ""
        let `operator` = NPMRange.Comparator.Operator(rawValue: operatorText == "=" ? "" : operatorText) ?? .equal
        guard let versionText = match.output[2].substring, !versionText.isEmpty else {
            return NPMRange.Comparator(operator: .equal, version: nil)
        }
        do {
            return NPMRange.Comparator(operator: `operator`, version: try NPMVersion(parsing: String(versionText)))
        } catch {
            throw Failure(reason: "invalid version in comparator '\(normalized)': \(error.reason)")
        }
    }

    /// `parseComparator`: carets, tildes, X-ranges, then stars.
    private func rewriteComparator(_ text: String) -> String {
        var text = text.trimmingBlanks().splitOnBlanks(keepingEmptyEnds: true)
            .map { replacingFirst(patterns.caret, in: $0, with: caretReplacement) }.joined(separator: " ")
        text = text.trimmingBlanks().splitOnBlanks(keepingEmptyEnds: true)
            .map { replacingFirst(patterns.tilde, in: $0, with: tildeReplacement) }.joined(separator: " ")
        text = text.splitOnBlanks(keepingEmptyEnds: true)
            .map { replacingFirst(patterns.xRange, in: $0.trimmingBlanks(), with: xRangeReplacement) }
            .joined(separator: " ")
        return replacingFirst(patterns.star, in: text.trimmingBlanks()) { _ in "" }
    }

    private func replacingFirst(
        _ pattern: Regex<AnyRegexOutput>, in text: String, with replacement: (Regex<AnyRegexOutput>.Match) -> String
    ) -> String {
        guard let match = try? pattern.firstMatch(in: text) else { return text }
        return String(text[..<match.range.lowerBound]) + replacement(match) + String(text[match.range.upperBound...])
    }

    private func group(_ match: Regex<AnyRegexOutput>.Match, _ index: Int) -> String? {
        match.output[index].substring.map(String.init)
    }

    private var zeroPrerelease: String { includePrerelease ? "-0" : "" }

    private func tildeReplacement(_ match: Regex<AnyRegexOutput>.Match) -> String {
        let (major, minor, patch, prerelease) = (group(match, 1), group(match, 2), group(match, 3), group(match, 4))
        guard let major, !isX(major) else { return "" }
        guard let minor, !isX(minor) else { return ">=\(major).0.0 <\(increment(major)).0.0-0" }
        guard let patch, !isX(patch) else { return ">=\(major).\(minor).0 <\(major).\(increment(minor)).0-0" }
        if let prerelease, !prerelease.isEmpty {
            return ">=\(major).\(minor).\(patch)-\(prerelease) <\(major).\(increment(minor)).0-0"
        }
        return ">=\(major).\(minor).\(patch) <\(major).\(increment(minor)).0-0"
    }

    private func caretReplacement(_ match: Regex<AnyRegexOutput>.Match) -> String {
        let (major, minor, patch, prerelease) = (group(match, 1), group(match, 2), group(match, 3), group(match, 4))
        let z = zeroPrerelease
        guard let major, !isX(major) else { return "" }
        guard let minor, !isX(minor) else { return ">=\(major).0.0\(z) <\(increment(major)).0.0-0" }
        guard let patch, !isX(patch) else {
            if major == "0" { return ">=\(major).\(minor).0\(z) <\(major).\(increment(minor)).0-0" }
            return ">=\(major).\(minor).0\(z) <\(increment(major)).0.0-0"
        }
        let lower: String
        if let prerelease, !prerelease.isEmpty {
            lower = ">=\(major).\(minor).\(patch)-\(prerelease)"
        } else {
            lower = ">=\(major).\(minor).\(patch)" + (major == "0" ? z : "")
        }
        if major == "0" {
            if minor == "0" { return "\(lower) <\(major).\(minor).\(increment(patch))-0" }
            return "\(lower) <\(major).\(increment(minor)).0-0"
        }
        return "\(lower) <\(increment(major)).0.0-0"
    }

    private func xRangeReplacement(_ match: Regex<AnyRegexOutput>.Match) -> String {
        var gtlt = group(match, 1) ?? ""
        var major = group(match, 2) ?? ""
        var minor = group(match, 3) ?? ""
        var patch = group(match, 4) ?? ""
        let xMajor = isX(major)
        let xMinor = xMajor || isX(minor)
        let xPatch = xMinor || isX(patch)
        if gtlt == "=" && xPatch { gtlt = "" }
        var prerelease = zeroPrerelease
        if xMajor {
            return gtlt == ">" || gtlt == "<" ? "<0.0.0-0" : "*"
        } else if !gtlt.isEmpty && xPatch {
            if xMinor { minor = "0" }
            patch = "0"
            if gtlt == ">" {
                gtlt = ">="
                if xMinor {
                    major = increment(major)
                    minor = "0"
                } else {
                    minor = increment(minor)
                }
                patch = "0"
            } else if gtlt == "<=" {
                gtlt = "<"
                if xMinor { major = increment(major) } else { minor = increment(minor) }
            }
            if gtlt == "<" { prerelease = "-0" }
            return "\(gtlt)\(major).\(minor).\(patch)\(prerelease)"
        } else if xMinor {
            return ">=\(major).0.0\(prerelease) <\(increment(major)).0.0-0"
        } else if xPatch {
            return ">=\(major).\(minor).0\(prerelease) <\(major).\(increment(minor)).0-0"
        }
        return String(match.output[0].substring ?? "")
    }

    private func hyphenReplacement(_ match: Regex<AnyRegexOutput>.Match) -> String {
        let from = group(match, 1) ?? ""
        let (fromMajor, fromMinor, fromPatch, fromPrerelease) = (
            group(match, 2), group(match, 3), group(match, 4), group(match, 5)
        )
        let to = group(match, 7) ?? ""
        let (toMajor, toMinor, toPatch, toPrerelease) = (
            group(match, 8), group(match, 9), group(match, 10), group(match, 11)
        )
        let z = zeroPrerelease
        let lower: String
        if isX(fromMajor) {
            lower = ""
        } else if isX(fromMinor) {
            lower = ">=\(fromMajor ?? "").0.0\(z)"
        } else if isX(fromPatch) {
            lower = ">=\(fromMajor ?? "").\(fromMinor ?? "").0\(z)"
        } else if let fromPrerelease, !fromPrerelease.isEmpty {
            lower = ">=\(from)"
        } else {
            lower = ">=\(from)\(z)"
        }
        let upper: String
        if isX(toMajor) {
            upper = ""
        } else if isX(toMinor) {
            upper = "<\(increment(toMajor ?? "")).0.0-0"
        } else if isX(toPatch) {
            upper = "<\(toMajor ?? "").\(increment(toMinor ?? "")).0-0"
        } else if let toPrerelease, !toPrerelease.isEmpty {
            upper = "<=\(toMajor ?? "").\(toMinor ?? "").\(toPatch ?? "")-\(toPrerelease)"
        } else if includePrerelease {
            upper = "<\(toMajor ?? "").\(toMinor ?? "").\(increment(toPatch ?? ""))-0"
        } else {
            upper = "<=\(to)"
        }
        return "\(lower) \(upper)".trimmingBlanks()
    }

    /// node-semver's `isX`: missing, empty, `x`, `X` or `*`.
    private func isX(_ identifier: String?) -> Bool {
        guard let identifier, !identifier.isEmpty else { return true }
        return identifier == "x" || identifier == "X" || identifier == "*"
    }

    /// JavaScript's `+digits + 1`, for the digit strings the patterns capture.
    private func increment(_ digits: String) -> String {
        guard let number = DecimalNumber(digits), number.digits.count <= 16, let value = UInt64(number.digits),
            value <= NPMVersion.maximumSafeInteger
        else {
            // Past 2^53 JavaScript rounds; the bound is then rejected as a version whatever its digits, so any
            // number above 2^53 - 1 stands in for it.
            return "9007199254740993"
        }
        return String(value + 1)
    }
}

extension String {
    /// The text without JavaScript whitespace at either end (`String#trim`).
    fileprivate func trimmingBlanks() -> String {
        String(NPMVersion.trimmingJavaScriptWhitespace(Substring(self)))
    }

    /// JavaScript's `split(/\s+/)`: empty strings at the ends are kept when the text starts or ends with blanks.
    fileprivate func splitOnBlanks(keepingEmptyEnds: Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        var inBlank = false
        for character in self {
            if character.unicodeScalars.allSatisfy(NPMVersion.isJavaScriptWhitespace) {
                if !inBlank { parts.append(current) }
                current = ""
                inBlank = true
            } else {
                current.append(character)
                inBlank = false
            }
        }
        parts.append(current)
        return keepingEmptyEnds ? parts : parts.filter { !$0.isEmpty }
    }

    /// JavaScript's `split(separator)` on a literal string: keeps empty parts.
    fileprivate func splitKeepingEmpty(on separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// Replaces every occurrence of a literal string.
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
