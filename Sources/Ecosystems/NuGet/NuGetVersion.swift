import VulnerabilityMatching

/// A NuGet package version, parsed as `NuGetVersion.TryParse` and ordered as `VersionComparer.Default`.
///
/// One to four numbers (`1`, `1.0`, `1.0.0`, `1.0.0.0`; leading zeros allowed, each at most 2^31 − 1), then an
/// optional `-` and dot-separated release labels (`[0-9A-Za-z-]`, all-digit labels without leading zeros), then an
/// optional `+` and build metadata; surrounding blanks are trimmed. Missing numbers are zero, so
/// `1.0 == 1.0.0 == 1.0.0.0`. Labels compare pairwise: labels that parse as a 32-bit integer compare numerically and
/// before the others, which compare case-insensitively; a release sorts after its pre-releases. Metadata is ignored.
///
/// .NET's `System.Version` also tolerates signs and blanks inside the numbers (`1. 2`, `+1.0`); those are rejected
/// here, as no package registry publishes them.
public struct NuGetVersion: ParsableVersion, Hashable, CustomStringConvertible {
    public static let scheme = VersionSchemeID.nuget

    /// Major, minor, patch and revision.
    public let numbers: [Int32]
    public let releaseLabels: [String]
    public let metadata: String?

    public init(parsing text: String) throws(VersionParseError) {
        func failure(_ reason: String) -> VersionParseError {
            VersionParseError(scheme: .nuget, text: text, reason: reason)
        }
        let value = Substring(text).drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        let trimmed = String(value)
        // NuGet's ParseSections: the version ends at the first '-' or '+', the labels at the next '+'.
        let versionEnd = trimmed.firstIndex { $0 == "-" || $0 == "+" } ?? trimmed.endIndex
        let versionPart = trimmed[..<versionEnd]
        var labelsPart: Substring?
        var metadataPart: Substring?
        if versionEnd < trimmed.endIndex {
            let afterSeparator = trimmed[trimmed.index(after: versionEnd)...]
            if trimmed[versionEnd] == "+" {
                metadataPart = afterSeparator
            } else if let plus = afterSeparator.firstIndex(of: "+") {
                labelsPart = afterSeparator[..<plus]
                metadataPart = afterSeparator[afterSeparator.index(after: plus)...]
            } else {
                labelsPart = afterSeparator
            }
        }
        let parts = versionPart.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), parts.allSatisfy(\.isASCIIDigits) else {
            throw failure("expected one to four dot-separated numbers")
        }
        var numbers: [Int32] = []
        for part in parts {
            guard let number = DecimalNumber(part), number.digits.count <= 10, let value = Int32(number.digits) else {
                throw failure("version number '\(part)' is larger than 2147483647")
            }
            numbers.append(value)
        }
        self.numbers = numbers + Array(repeating: 0, count: 4 - numbers.count)
        if let labelsPart {
            let labels = labelsPart.split(separator: ".", omittingEmptySubsequences: false)
            for label in labels {
                guard Self.isValidPart(label) else { throw failure("invalid release label '\(label)'") }
                if label.count > 1 && label.hasPrefix("0") && label.isASCIIDigits {
                    throw failure("numeric release label '\(label)' has a leading zero")
                }
            }
            releaseLabels = labels.map(String.init)
        } else {
            releaseLabels = []
        }
        if let metadataPart {
            guard metadataPart.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isValidPart)
            else { throw failure("invalid build metadata '\(metadataPart)'") }
            metadata = String(metadataPart)
        } else {
            metadata = nil
        }
    }

    public var isPrerelease: Bool { !releaseLabels.isEmpty }

    /// NuGet's normalized form: three numbers, a fourth when it is not zero, then the labels.
    public var description: String {
        var text = numbers[..<(numbers[3] == 0 ? 3 : 4)].map(String.init).joined(separator: ".")
        if isPrerelease { text += "-" + releaseLabels.joined(separator: ".") }
        return text
    }

    public static func == (lhs: NuGetVersion, rhs: NuGetVersion) -> Bool {
        lhs.numbers == rhs.numbers
            && lhs.releaseLabels.map { $0.uppercased() } == rhs.releaseLabels.map { $0.uppercased() }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numbers)
        hasher.combine(releaseLabels.map { $0.uppercased() })
    }

    public static func < (lhs: NuGetVersion, rhs: NuGetVersion) -> Bool {
        if lhs.numbers != rhs.numbers { return lhs.numbers.lexicographicallyPrecedes(rhs.numbers) }
        switch (lhs.isPrerelease, rhs.isPrerelease) {
        case (false, _): return false
        case (true, false): return true
        case (true, true): break
        }
        for (left, right) in zip(lhs.releaseLabels, rhs.releaseLabels) {
            let result = compareRelease(left, right)
            if result != 0 { return result < 0 }
        }
        return lhs.releaseLabels.count < rhs.releaseLabels.count
    }

    /// `VersionComparer.CompareRelease`: labels `int.TryParse` accepts compare numerically and first.
    private static func compareRelease(_ left: String, _ right: String) -> Int {
        switch (Int32(left), Int32(right)) {
        case (let a?, let b?): return a.threeWayCompare(b)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil):
            // StringComparer.OrdinalIgnoreCase on ASCII labels: compare the upper-cased bytes.
            let a = Array(left.utf8).map(upper)
            let b = Array(right.utf8).map(upper)
            return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }

    private static func isValidPart(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy(SemanticVersion.isIdentifierByte)
    }
}
