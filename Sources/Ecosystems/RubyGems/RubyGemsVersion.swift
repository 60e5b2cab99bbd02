import VulnerabilityMatching

/// A RubyGems version, parsed and ordered as `Gem::Version` does.
///
/// Valid text matches `Gem::Version::ANCHORED_VERSION_PATTERN`: digits, then `.`-separated alphanumeric parts, then
/// optionally `-` and `.`-separated parts of `[0-9A-Za-z-]`, with blanks allowed around it; blank text means `0`.
/// Every `-` reads as `.pre.`. The segments are the runs of digits (numbers of any size) and letters; from the first
/// letter segment on the version is a pre-release. Trailing zeros are dropped from the numeric part and from the
/// rest (canonical segments), so `1.0 == 1` and `1.0.a == 1.a`. Segments compare pairwise, a missing one counting as
/// `0`: numbers numerically, letters by bytes (case-sensitive), and letters sort before numbers (`1.a < 1.0 < 1.1`).
public struct RubyGemsVersion: ParsableVersion, Hashable, CustomStringConvertible {
    /// A run of digits or of letters.
    enum Segment: Hashable, Sendable {
        case number(DecimalNumber)
        case letters(String)
    }

    public static let scheme = VersionSchemeID.rubygems

    /// The version with surrounding blanks removed and `-` replaced by `.pre.`, as `Gem::Version#version` holds it.
    public let text: String
    let canonicalSegments: [Segment]

    public init(parsing text: String) throws(VersionParseError) {
        let trimmed = Self.trimmingRubyWhitespace(Substring(text))
        guard trimmed.isEmpty || Self.matchesVersionPattern(trimmed) else {
            throw VersionParseError(
                scheme: .rubygems, text: text,
                reason: "expected digits, then '.'-separated letters and digits, with an optional '-' suffix"
            )
        }
        self.text =
            trimmed.isEmpty
            ? "0" : trimmed.split(separator: "-", omittingEmptySubsequences: false).joined(separator: ".pre.")
        canonicalSegments = Self.canonicalSegments(of: Self.segments(of: self.text))
    }

    /// Whether the version has a letter, which makes it a pre-release (`Gem::Version#prerelease?`).
    public var isPrerelease: Bool { text.utf8.contains { Self.isLetter($0) } }

    public var description: String { text }

    public static func == (lhs: RubyGemsVersion, rhs: RubyGemsVersion) -> Bool {
        lhs.canonicalSegments == rhs.canonicalSegments
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalSegments) }

    public static func < (lhs: RubyGemsVersion, rhs: RubyGemsVersion) -> Bool {
        let left = lhs.canonicalSegments
        let right = rhs.canonicalSegments
        for index in 0..<max(left.count, right.count) {
            let leftSegment = index < left.count ? left[index] : .number(.zero)
            let rightSegment = index < right.count ? right[index] : .number(.zero)
            switch (leftSegment, rightSegment) {
            case (.number(let a), .number(let b)) where a != b: return a < b
            case (.letters(let a), .letters(let b)) where a != b: return a.precedesByBytes(b)
            case (.letters, .number): return true
            case (.number, .letters): return false
            default: continue
            }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// Ruby's `\s`: space, tab, line feed, vertical tab, form feed, carriage return.
    private static func isRubyWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func trimmingRubyWhitespace(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        guard let start = bytes.firstIndex(where: { !isRubyWhitespace($0) }),
            let end = bytes.lastIndex(where: { !isRubyWhitespace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    /// Whether `text` matches `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
    private static func matchesVersionPattern(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let hyphen = bytes.firstIndex(of: 0x2D) ?? bytes.endIndex
        let release = bytes[..<hyphen].split(separator: 0x2E, omittingEmptySubsequences: false)
        guard let first = release.first, !first.isEmpty, first.allSatisfy(isDigit),
            release.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy(isAlphanumeric) })
        else { return false }
        guard hyphen < bytes.endIndex else { return true }
        let suffix = bytes[(hyphen + 1)...].split(separator: 0x2E, omittingEmptySubsequences: false)
        return suffix.allSatisfy { !$0.isEmpty && $0.allSatisfy { isAlphanumeric($0) || $0 == 0x2D } }
    }

    /// `@version.scan(/[0-9]+|[a-z]+/i)`, digit runs as numbers.
    private static func segments(of text: String) -> [Segment] {
        var segments: [Segment] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isNumber = isDigit(byte)
            guard isNumber || isLetter(byte) else {
                index += 1
                continue
            }
            let end = bytes[index...].firstIndex { isNumber ? !isDigit($0) : !isLetter($0) } ?? bytes.count
            let run = String(decoding: bytes[index..<end], as: UTF8.self)
            segments.append(isNumber ? .number(DecimalNumber(uncheckedDigits: run)) : .letters(run))
            index = end
        }
        return segments
    }

    /// `Gem::Version#canonical_segments`: trailing zeros dropped before the first letter segment and at the end.
    private static func canonicalSegments(of segments: [Segment]) -> [Segment] {
        let letterStart =
            segments.firstIndex {
                if case .letters = $0 { return true }
                return false
            } ?? segments.count
        func droppingTrailingZeros(_ part: ArraySlice<Segment>) -> [Segment] {
            var part = Array(part)
            while let last = part.last, last == .number(.zero) { part.removeLast() }
            return part
        }
        return droppingTrailingZeros(segments[..<letterStart]) + droppingTrailingZeros(segments[letterStart...])
    }
}
