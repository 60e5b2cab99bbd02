import VulnerabilityMatching

/// A Composer (Packagist) package version, normalized by composer/semver's `VersionParser::normalize` and ordered as
/// composer/semver's `Semver::sort` orders versions.
///
/// Normalization (composer/semver 3.x) turns what package authors write into one form:
/// - blanks are trimmed; `x as y` aliases keep `x`; a trailing `@stable`, `@RC`, `@beta`, `@alpha` or `@dev` flag and
///   `+build` metadata are dropped; a leading `v` is dropped.
/// - a classical version gets four numbers (`1.2` → `1.2.0.0`, the first at most five digits) and a stability
///   suffix: `alpha`/`a`, `beta`/`b`, `RC`, `patch`/`pl`/`p` with an optional number (`1.0.0-rc1` →
///   `1.0.0.0-RC1`), then `-dev`. `-stable` is dropped.
/// - a date version (`2010-01-02`, `20100102-203040`) keeps its numbers, any non-digit becoming `.`.
/// - a numeric branch (`1.x-dev`, `2.0.*-dev`) becomes `1.9999999.9999999.9999999-dev`.
/// - `dev-<name>` is a branch; `master`, `trunk` and `default` mean `dev-master` and so on. Default branches sort as
///   `9999999-dev`, as `Semver::sort` does.
///
/// Ordering is PHP's `version_compare` on the normalized text (what composer's `Comparator` calls): parts split at
/// `.`, `-`, `_`, `+` and digit/letter changes; numbers compare numerically; words by the first of `dev` < `alpha` =
/// `a` < `beta` = `b` < `RC` = `rc` < a number < `pl` = `p` (`patch`) that they start with, other words before `dev`.
/// Other branches sort before every numbered version; composer leaves two different branches unordered, so this type
/// orders them by name, and they are equal only when their names are.
public struct ComposerVersion: ParsableVersion, CustomStringConvertible {
    public static let scheme = VersionSchemeID.composer

    /// The normalized version (`1.0.0.0-beta2`, `dev-feature/x`, `9999999-dev` for the default branches).
    public let normalized: String

    public init(parsing text: String) throws(VersionParseError) {
        guard let normalized = Self.normalize(text) else {
            throw VersionParseError(
                scheme: .composer, text: text,
                reason: "not a version composer accepts (a version like 1.2.3-beta1, a date, x.y-dev or dev-<branch>)"
            )
        }
        switch normalized {
        case "dev-master", "dev-default", "dev-trunk": self.normalized = "9999999-dev"
        default: self.normalized = normalized
        }
    }

    /// Whether this is a named development branch (`dev-feature`), which orders before every numbered version.
    public var isBranch: Bool { normalized.hasPrefix("dev-") }

    public var description: String { normalized }

    public static func == (lhs: ComposerVersion, rhs: ComposerVersion) -> Bool { lhs.compare(to: rhs) == 0 }

    public static func < (lhs: ComposerVersion, rhs: ComposerVersion) -> Bool { lhs.compare(to: rhs) < 0 }

    func compare(to other: ComposerVersion) -> Int {
        switch (isBranch, other.isBranch) {
        case (true, true):
            if normalized == other.normalized { return 0 }
            return normalized.precedesByBytes(other.normalized) ? -1 : 1
        default:
            return Self.versionCompare(Array(normalized.utf8), Array(other.normalized.utf8))
        }
    }
}

extension ComposerVersion {
    private static let stabilityWords = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"]

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// PHP's `trim` characters: space, tab, line feed, carriage return, NUL and vertical tab.
    private static let trimmedBytes: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x00, 0x0B]

    /// PCRE's `\s` without the UTF flag.
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    private static func hasPrefix(_ bytes: ArraySlice<UInt8>, caseInsensitive word: String) -> Bool {
        let word = Array(word.utf8)
        return bytes.count >= word.count && lowercased(bytes.prefix(word.count)) == word
    }

    /// `VersionParser::normalize`, or `nil` where it throws.
    static func normalize(_ text: String) -> String? {
        var bytes = ArraySlice(Array(text.utf8))
        while let first = bytes.first, trimmedBytes.contains(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, trimmedBytes.contains(last) { bytes = bytes.dropLast() }

        // Aliases: `^([^,\s]++) ++as ++([^,\s]++)$`.
        let words = bytes.split(separator: 0x20, omittingEmptySubsequences: true)
        if words.count == 3, words[1].elementsEqual("as".utf8),
            words.allSatisfy({ $0.allSatisfy { $0 != 0x2C && !isBlank($0) } })
        {
            bytes = words[0]
        }
        // Stability flags: `@(?:stable|RC|beta|alpha|dev)$` (case-insensitive).
        if let at = bytes.lastIndex(of: 0x40),
            ["stable", "rc", "beta", "alpha", "dev"].contains(
                String(decoding: lowercased(bytes[(at + 1)...]), as: UTF8.self))
        {
            bytes = bytes[..<at]
        }
        if ["master", "trunk", "default"].contains(String(decoding: bytes, as: UTF8.self)) {
            return "dev-" + String(decoding: bytes, as: UTF8.self)
        }
        if hasPrefix(bytes, caseInsensitive: "dev-") {
            return "dev-" + String(decoding: bytes.dropFirst(4), as: UTF8.self)
        }
        // Build metadata: `^([^,\s+]++)\+[^\s]++$`.
        if let plus = bytes.firstIndex(of: 0x2B), plus > bytes.startIndex,
            bytes[..<plus].allSatisfy({ $0 != 0x2C && !isBlank($0) }),
            plus + 1 < bytes.endIndex, bytes[(plus + 1)...].allSatisfy({ !isBlank($0) })
        {
            bytes = bytes[..<plus]
        }
        var version = bytes
        if let first = version.first, first == 0x76 || first == 0x56 { version = version.dropFirst() }  // v?
        if let classical = classicalVersion(version) { return classical }
        if let date = dateVersion(version) { return date }
        // Numeric branches: `(.*?)[.-]?dev$`.
        if bytes.count >= 3, lowercased(bytes.suffix(3)) == Array("dev".utf8) {
            var name = bytes.dropLast(3)
            if let last = name.last, last == 0x2E || last == 0x2D { name = name.dropLast() }
            if let branch = numericBranch(name) { return branch }
        }
        return nil
    }

    /// `^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?` + modifier + `$`, with the `v` already removed.
    private static func classicalVersion(_ bytes: ArraySlice<UInt8>) -> String? {
        var rest = bytes
        let major = rest.prefix(while: isDigit)
        guard (1...5).contains(major.count) else { return nil }
        rest = rest.dropFirst(major.count)
        var numbers = [String(decoding: major, as: UTF8.self)]
        while numbers.count < 4, rest.first == 0x2E, rest.count > 1, isDigit(rest[rest.startIndex + 1]) {
            let digits = rest.dropFirst().prefix(while: isDigit)
            numbers.append(String(decoding: digits, as: UTF8.self))
            rest = rest.dropFirst(1 + digits.count)
        }
        guard let modifier = modifier(rest) else { return nil }
        numbers += Array(repeating: "0", count: 4 - numbers.count)
        return modifier.applied(to: numbers.joined(separator: "."))
    }

    /// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)` + modifier + `$`, with the `v` already removed.
    private static func dateVersion(_ bytes: ArraySlice<UInt8>) -> String? {
        let start = bytes.startIndex
        guard bytes.count >= 4, bytes.prefix(4).allSatisfy(isDigit) else { return nil }
        func digits(_ position: Int, _ count: Int) -> Bool {
            position + count <= bytes.endIndex && bytes[position..<(position + count)].allSatisfy(isDigit)
        }
        func separated(_ position: Int) -> [Int] {
            let separators: Set<UInt8> = [0x2E, 0x3A, 0x2D]
            if position < bytes.endIndex && separators.contains(bytes[position]) { return [position, position + 1] }
            return [position]
        }
        var groupEnds: Set<Int> = []
        var frontier: Set<Int> = [start + 4]
        for _ in 1...6 {
            var next: Set<Int> = []
            for position in frontier {
                for digitStart in separated(position) where digits(digitStart, 2) { next.insert(digitStart + 2) }
            }
            groupEnds.formUnion(next)
            frontier = next
        }
        var ends = groupEnds
        for position in groupEnds {
            for digitStart in separated(position) {
                for count in 1...3 where digits(digitStart, count) { ends.insert(digitStart + count) }
            }
        }
        for end in ends.sorted(by: >) {
            guard let modifier = modifier(bytes[end...]) else { continue }
            let date = bytes[..<end].map { isDigit($0) ? $0 : 0x2E }
            return modifier.applied(to: String(decoding: date, as: UTF8.self))
        }
        return nil
    }

    /// The stability part of a version: `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?$`.
    private struct Modifier {
        var word: String?
        var number: String
        var isDev: Bool

        func applied(to version: String) -> String {
            var version = version
            if let word {
                if word == "stable" { return version }
                let stability =
                    switch word.lowercased() {
                    case "a": "alpha"
                    case "b": "beta"
                    case "p", "pl": "patch"
                    case "rc": "RC"
                    case let other: other
                    }
                version += "-" + stability + String(number.drop { $0 == "." || $0 == "-" })
            }
            if isDev { version += "-dev" }
            return version
        }
    }

    private static func modifier(_ bytes: ArraySlice<UInt8>) -> Modifier? {
        var candidates = [bytes]
        if let first = bytes.first, first == 0x2E || first == 0x5F || first == 0x2D {
            candidates.insert(bytes.dropFirst(), at: 0)
        }
        for candidate in candidates {
            for word in stabilityWords where hasPrefix(candidate, caseInsensitive: word) {
                var rest = candidate.dropFirst(word.utf8.count)
                let numberStart = rest.startIndex
                while true {
                    let separated = rest.first == 0x2E || rest.first == 0x2D ? rest.dropFirst() : rest
                    let run = separated.prefix(while: isDigit)
                    guard !run.isEmpty else { break }
                    rest = separated.dropFirst(run.count)
                }
                let number = String(decoding: candidate[numberStart..<rest.startIndex], as: UTF8.self)
                if let isDev = devSuffix(rest) {
                    let raw = String(decoding: candidate.prefix(word.utf8.count), as: UTF8.self)
                    return Modifier(word: raw, number: number, isDev: isDev)
                }
            }
            if let isDev = devSuffix(candidate) { return Modifier(word: nil, number: "", isDev: isDev) }
        }
        return nil
    }

    /// `([.-]?dev)?$`: `true` for a dev suffix, `false` for nothing, `nil` when something else is left.
    private static func devSuffix(_ bytes: ArraySlice<UInt8>) -> Bool? {
        if bytes.isEmpty { return false }
        let rest = bytes.first == 0x2E || bytes.first == 0x2D ? bytes.dropFirst() : bytes
        return lowercased(rest) == Array("dev".utf8) ? true : nil
    }

    /// `VersionParser::normalizeBranch` for numeric branches; `nil` for names it would prefix with `dev-`.
    private static func numericBranch(_ name: ArraySlice<UInt8>) -> String? {
        var rest = name
        while let first = rest.first, trimmedBytes.contains(first) { rest = rest.dropFirst() }
        while let last = rest.last, trimmedBytes.contains(last) { rest = rest.dropLast() }
        if let first = rest.first, first == 0x76 || first == 0x56 { rest = rest.dropFirst() }
        let major = rest.prefix(while: isDigit)
        guard !major.isEmpty else { return nil }
        rest = rest.dropFirst(major.count)
        var parts = [String(decoding: major, as: UTF8.self)]
        while parts.count < 4, rest.first == 0x2E, rest.count > 1 {
            let next = rest[rest.startIndex + 1]
            if next == 0x78 || next == 0x58 || next == 0x2A {  // x, X, *
                parts.append("9999999")
                rest = rest.dropFirst(2)
            } else if isDigit(next) {
                let digits = rest.dropFirst().prefix(while: isDigit)
                parts.append(String(decoding: digits, as: UTF8.self))
                rest = rest.dropFirst(1 + digits.count)
            } else {
                break
            }
        }
        guard rest.isEmpty else { return nil }
        parts += Array(repeating: "9999999", count: 4 - parts.count)
        return parts.joined(separator: ".") + "-dev"
    }
}

extension ComposerVersion {
    /// PHP's `php_version_compare`, byte for byte.
    static func versionCompare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        if left.isEmpty || right.isEmpty { return left.isEmpty && right.isEmpty ? 0 : (left.isEmpty ? -1 : 1) }
        let first = left.first == 0x23 ? left : canonicalize(left)
        let second = right.first == 0x23 ? right : canonicalize(right)
        var p1 = 0
        var p2 = 0
        var n1: Int? = 0
        var n2: Int? = 0
        var result = 0
        while p1 < first.count, p2 < second.count, n1 != nil, n2 != nil {
            n1 = first[p1...].firstIndex(of: 0x2E)
            n2 = second[p2...].firstIndex(of: 0x2E)
            let part1 = first[p1..<(n1 ?? first.count)]
            let part2 = second[p2..<(n2 ?? second.count)]
            switch (isDigit(first[p1]), isDigit(second[p2])) {
            case (true, true): result = strtol(part1).threeWayCompare(strtol(part2))
            case (false, false): result = compareSpecialForms(part1, part2)
            case (true, false): result = compareSpecialForms(ArraySlice("#N#".utf8), part2)
            case (false, true): result = compareSpecialForms(part1, ArraySlice("#N#".utf8))
            }
            if result != 0 { break }
            if let n1 { p1 = n1 + 1 }
            if let n2 { p2 = n2 + 1 }
        }
        if result == 0 {
            if n1 != nil {
                result =
                    p1 < first.count && isDigit(first[p1])
                    ? 1 : versionCompare(Array(first[min(p1, first.count)...]), Array("#N#".utf8))
            } else if n2 != nil {
                result =
                    p2 < second.count && isDigit(second[p2])
                    ? -1 : versionCompare(Array("#N#".utf8), Array(second[min(p2, second.count)...]))
            }
        }
        return result
    }

    /// C's `strtol` on a run of digits: saturates at `LONG_MAX`.
    private static func strtol(_ digits: ArraySlice<UInt8>) -> Int64 {
        var value: Int64 = 0
        for byte in digits {
            guard isDigit(byte) else { break }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(byte - 0x30))
            if overflow1 || overflow2 { return Int64.max }
            value = added
        }
        return value
    }

    private static let specialForms: [(name: [UInt8], order: Int)] = [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func compareSpecialForms(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
        func order(_ form: ArraySlice<UInt8>) -> Int {
            specialForms.first { form.starts(with: $0.name) }?.order ?? -1
        }
        return order(left).threeWayCompare(order(right))
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// PHP's `php_canonicalize_version`: `-`, `_`, `+` and other non-alphanumerics become `.`, and a `.` goes
    /// between digits and non-digits.
    private static func canonicalize(_ version: [UInt8]) -> [UInt8] {
        guard let firstByte = version.first else { return [] }
        var output: [UInt8] = [firstByte]
        var previous = firstByte
        for byte in version.dropFirst() {
            let lastWritten = output.last ?? 0
            let isDigitByte = isDigit(byte)
            let isNonDigit = !isDigitByte && byte != 0x2E
            let previousIsDigit = isDigit(previous)
            let previousIsNonDigit = !previousIsDigit && previous != 0x2E
            if byte == 0x2D || byte == 0x5F || byte == 0x2B {
                if lastWritten != 0x2E { output.append(0x2E) }
            } else if (previousIsNonDigit && isDigitByte) || (previousIsDigit && isNonDigit) {
                if lastWritten != 0x2E { output.append(0x2E) }
                output.append(byte)
            } else if !isAlphanumeric(byte) {
                if lastWritten != 0x2E { output.append(0x2E) }
            } else {
                output.append(byte)
            }
            previous = byte
        }
        return output
    }
}
