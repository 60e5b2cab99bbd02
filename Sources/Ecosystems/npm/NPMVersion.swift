import VulnerabilityMatching

/// An npm package version, parsed and ordered as node-semver does with `loose: true`.
///
/// Loose parsing (node-semver's `LOOSE` pattern) accepts surrounding blanks, any run of `v`, `=` and blanks before
/// the numbers (`v1.2.3`, `=1.2.3`, `v 1.2.3`), leading zeros (`01.2.3` is `1.2.3`), and a pre-release without its
/// hyphen (`1.2.3beta`). Text longer than 256 characters, or a major, minor or patch number above 2^53 − 1, is
/// rejected as node-semver rejects it. Ordering is SemVer precedence; like node-semver, numeric pre-release
/// identifiers compare as JavaScript numbers, so `1.2.3-01 == 1.2.3-1`. Build metadata is ignored.
public struct NPMVersion: ParsableVersion, Hashable, CustomStringConvertible {
    /// One pre-release identifier as node-semver holds it.
    public enum PrereleaseIdentifier: Hashable, Sendable, CustomStringConvertible {
        /// Digits with a value below 2^53 − 1: a JavaScript number.
        case number(UInt64)
        /// Any other identifier, kept as text; all-digit ones still compare as (rounded) numbers.
        case text(String)

        public var description: String {
            switch self {
            case .number(let value): String(value)
            case .text(let text): text
            }
        }
    }

    public static let scheme = VersionSchemeID.npm

    /// Node's `Number.MAX_SAFE_INTEGER`, 2^53 − 1.
    static let maximumSafeInteger: UInt64 = 9_007_199_254_740_991

    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    public let prerelease: [PrereleaseIdentifier]
    public let build: [String]

    public init(parsing text: String) throws(VersionParseError) {
        func failure(_ reason: String) -> VersionParseError {
            VersionParseError(scheme: .npm, text: text, reason: reason)
        }
        guard text.utf16.count <= 256 else { throw failure("longer than 256 characters") }
        var rest = Self.trimmingJavaScriptWhitespace(Substring(text))
        rest = rest.drop { $0 == "v" || $0 == "=" || $0.unicodeScalars.allSatisfy(Self.isJavaScriptWhitespace) }
        var numbers: [UInt64] = []
        for index in 0..<3 {
            if index > 0 {
                guard rest.first == "." else { throw failure("expected MAJOR.MINOR.PATCH") }
                rest = rest.dropFirst()
            }
            var digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { throw failure("expected MAJOR.MINOR.PATCH") }
            if index == 2 {
                // The regex gives back trailing patch digits to a hyphen-less pre-release when that is the only
                // way to match: node-semver reads `1.2.34.5` as `1.2.3-4.5`.
                let greedy = rest.dropFirst(digits.count)
                guard
                    let length = (1...digits.count).reversed().first(where: {
                        Self.suffixParts(rest.dropFirst($0)) != nil
                    })
                else { throw failure("unexpected text after MAJOR.MINOR.PATCH: '\(greedy)'") }
                digits = digits.prefix(length)
            }
            guard let number = DecimalNumber(digits), number.digits.count <= 16, let value = UInt64(number.digits),
                value <= Self.maximumSafeInteger
            else { throw failure("version number '\(digits)' is larger than 2^53 - 1") }
            numbers.append(value)
            rest = rest.dropFirst(digits.count)
        }
        let (prerelease, build) = Self.suffixParts(rest) ?? ([], [])
        major = numbers[0]
        minor = numbers[1]
        patch = numbers[2]
        self.prerelease = prerelease.map { part in
            if part.isASCIIDigits, let number = DecimalNumber(part), number.digits.count <= 16,
                let value = UInt64(number.digits), value < Self.maximumSafeInteger
            {
                return .number(value)
            }
            return .text(String(part))
        }
        self.build = build.map(String.init)
    }

    /// Splits what follows the patch number into pre-release and build identifiers, or returns `nil` when
    /// node-semver's `PRERELEASELOOSE? BUILD?` does not match it.
    private static func suffixParts(_ text: Substring) -> (prerelease: [Substring], build: [Substring])? {
        var rest = text
        var build: [Substring] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            guard build.allSatisfy(isIdentifier) else { return nil }
            rest = rest[..<plus]
        }
        guard !rest.isEmpty else { return ([], build) }
        // `-?` before the identifiers: the hyphen is a separator if the rest still parses without it.
        for candidate in [rest.first == "-" ? rest.dropFirst() : rest, rest] {
            let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
            if parts.allSatisfy(isIdentifier) { return (parts, build) }
        }
        return nil
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.map(\.description).joined(separator: ".") }
        return text
    }

    public static func < (lhs: NPMVersion, rhs: NPMVersion) -> Bool { lhs.compare(to: rhs) < 0 }

    public static func == (lhs: NPMVersion, rhs: NPMVersion) -> Bool { lhs.compare(to: rhs) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease.isEmpty)
    }

    /// node-semver's `SemVer#compare`: `compareMain`, then `comparePre`.
    func compare(to other: NPMVersion) -> Int {
        for (left, right) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where left != right {
            return left < right ? -1 : 1
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        var index = 0
        while true {
            let left = index < prerelease.count ? prerelease[index] : nil
            let right = index < other.prerelease.count ? other.prerelease[index] : nil
            index += 1
            switch (left, right) {
            case (nil, nil): return 0
            case (.some, nil): return 1
            case (nil, .some): return -1
            case (.some(let left), .some(let right)):
                if left == right { continue }
                // `compareIdentifiers` decides here, even when it calls two different texts equal.
                return Self.compareIdentifiers(left, right)
            }
        }
    }

    /// node-semver's `compareIdentifiers`: all-digit identifiers compare as numbers and sort first.
    private static func compareIdentifiers(_ left: PrereleaseIdentifier, _ right: PrereleaseIdentifier) -> Int {
        switch (left.numericValue, right.numericValue) {
        case (let leftValue?, let rightValue?): return leftValue.threeWayCompare(rightValue)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil): return left.description.utf16.lexicographicallyPrecedes(right.description.utf16) ? -1 : 1
        }
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(SemanticVersion.isIdentifierByte)
    }

    /// Whether `scalar` is whitespace to JavaScript's `trim()` and `\s`.
    static func isJavaScriptWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    static func trimmingJavaScriptWhitespace(_ text: Substring) -> Substring {
        let isBlank = { (character: Character) in character.unicodeScalars.allSatisfy(isJavaScriptWhitespace) }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return text[start...end]
    }
}

extension NPMVersion.PrereleaseIdentifier {
    /// The identifier's value as a JavaScript number, when it is all digits.
    var numericValue: Double? {
        switch self {
        case .number(let value): Double(value)
        case .text(let text): text.isASCIIDigits ? Double(text) : nil
        }
    }
}
