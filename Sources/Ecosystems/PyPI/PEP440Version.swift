import VulnerabilityMatching

/// A Python package version under PEP 440, parsed, normalised and ordered exactly as `packaging.version.Version`.
///
/// The text is `[v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, case-insensitive, with white space allowed
/// around it. As in `packaging`, spellings are normalised: `alpha`, `beta`, `c`, `pre` and `preview` are
/// `a`, `b`, `rc`; `rev` and `r` are `post`; `.`, `-` and `_` between parts are optional; a missing number
/// is 0; `1.0-1` is `1.0.post1`. `description` is the normalised form (`str(Version(text))`).
///
/// The text is read the way `packaging`'s anchored `VERSION_PATTERN` reads it: each optional part is
/// atomic and takes the first spelling that fits, and never gives back what it took (`1.0a-1` is `1.0a1`).
///
/// Versions order by `packaging`'s sort key: the epoch; the release with trailing zeros dropped
/// (`1.0 == 1.0.0`); then the pre-release, where a version with only a dev part sorts before every pre-release
/// (`1.0.dev0 < 1.0a0`) and a version without one after them all; then the post-release (none first), the
/// dev part (none last), and the local label (none first; numeric segments beat text ones). Numbers are
/// unbounded, as Python's integers are.
public struct PEP440Version: ParsableVersion, Hashable, CustomStringConvertible {
    public static let scheme = VersionSchemeID.pep440

    /// A pre-release phase, in order.
    enum PreRelease: Int, Hashable {
        case alpha, beta, releaseCandidate

        var label: String { ["a", "b", "rc"][rawValue] }
    }

    /// One `.`, `-` or `_`-separated part of a local label: numbers beat text, as in PEP 440.
    enum LocalSegment: Hashable, Comparable, CustomStringConvertible {
        case text(String)
        case number(DecimalNumber)

        var description: String {
            switch self {
            case .text(let text): text
            case .number(let value): value.description
            }
        }

        static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
            switch (lhs, rhs) {
            case (.text(let left), .text(let right)): left < right
            case (.number(let left), .number(let right)): left < right
            case (.text, .number): true
            case (.number, .text): false
            }
        }
    }

    let epoch: DecimalNumber
    let release: [DecimalNumber]
    let preRelease: (phase: PreRelease, number: DecimalNumber)?
    let postRelease: DecimalNumber?
    let devRelease: DecimalNumber?
    let local: [LocalSegment]?
    /// How many release numbers remain once trailing zeros are dropped, as the sort key does.
    private let significantReleaseCount: Int

    public init(parsing text: String) throws(VersionParseError) {
        let bytes = Array(text.utf8)
        switch bytes.withUnsafeBufferPointer(Self.parse) {
        case .success(let parts):
            epoch = parts.epoch
            release = parts.release
            preRelease = parts.preRelease
            postRelease = parts.postRelease
            devRelease = parts.devRelease
            local = parts.local
            significantReleaseCount = (parts.release.lastIndex { !$0.isZero } ?? -1) + 1
        case .failure(let failure):
            let found =
                failure.rest.isEmpty ? "the end" : "'\(String(decoding: failure.rest.prefix(12), as: UTF8.self))'"
            throw VersionParseError(
                scheme: .pep440, text: text, reason: "\(failure.problem) at offset \(failure.offset), found \(found)")
        }
    }

    /// Whether this is a pre-release or a development release, which version ranges skip unless asked.
    public var isPreRelease: Bool { preRelease != nil || devRelease != nil }

    /// The normalised version, as `str(packaging.version.Version(text))` writes it.
    public var description: String {
        var result = epoch.isZero ? "" : "\(epoch)!"
        result += release.map(\.description).joined(separator: ".")
        if let preRelease { result += preRelease.phase.label + preRelease.number.description }
        if let postRelease { result += ".post\(postRelease)" }
        if let devRelease { result += ".dev\(devRelease)" }
        if let local { result += "+" + local.map(\.description).joined(separator: ".") }
        return result
    }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool { lhs.ordering(comparedTo: rhs) < 0 }

    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool { lhs.ordering(comparedTo: rhs) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(release[..<significantReleaseCount])
        hasher.combine(suffix)
        hasher.combine(local)
    }

    /// Returns -1, 0 or 1 as `self` sorts before, with, or after `other`, by `packaging`'s `_cmpkey`.
    func ordering(comparedTo other: PEP440Version) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        var index = 0
        while index < significantReleaseCount && index < other.significantReleaseCount {
            if release[index] != other.release[index] { return release[index] < other.release[index] ? -1 : 1 }
            index += 1
        }
        if significantReleaseCount != other.significantReleaseCount {
            return significantReleaseCount < other.significantReleaseCount ? -1 : 1
        }
        let suffix = suffix
        let otherSuffix = other.suffix
        if suffix != otherSuffix { return suffix < otherSuffix ? -1 : 1 }
        switch (local, other.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let local?, let otherLocal?):
            if local == otherLocal { return 0 }
            return local.lexicographicallyPrecedes(otherLocal) ? -1 : 1
        }
    }

    /// `packaging`'s suffix key: pre-release rank and number, post-release rank and number, dev rank and number.
    private struct SuffixKey: Hashable, Comparable {
        var preRank: Int
        var preNumber: DecimalNumber
        var postRank: Int
        var postNumber: DecimalNumber
        var devRank: Int
        var devNumber: DecimalNumber

        static func < (lhs: SuffixKey, rhs: SuffixKey) -> Bool {
            if lhs.preRank != rhs.preRank { return lhs.preRank < rhs.preRank }
            if lhs.preNumber != rhs.preNumber { return lhs.preNumber < rhs.preNumber }
            if lhs.postRank != rhs.postRank { return lhs.postRank < rhs.postRank }
            if lhs.postNumber != rhs.postNumber { return lhs.postNumber < rhs.postNumber }
            if lhs.devRank != rhs.devRank { return lhs.devRank < rhs.devRank }
            return lhs.devNumber < rhs.devNumber
        }
    }

    private var suffix: SuffixKey {
        // A version with only a dev part sorts before every pre-release; one without a pre-release after them.
        let preRank = preRelease.map(\.phase.rawValue) ?? (postRelease == nil && devRelease != nil ? -1 : 3)
        return SuffixKey(
            preRank: preRank, preNumber: preRelease?.number ?? .zero, postRank: postRelease == nil ? 0 : 1,
            postNumber: postRelease ?? .zero, devRank: devRelease == nil ? 1 : 0, devNumber: devRelease ?? .zero)
    }
}

extension PEP440Version {
    private struct Parts {
        var epoch = DecimalNumber.zero
        var release: [DecimalNumber] = []
        var preRelease: (phase: PreRelease, number: DecimalNumber)?
        var postRelease: DecimalNumber?
        var devRelease: DecimalNumber?
        var local: [LocalSegment]?
    }

    private struct Failure: Error {
        var problem: String
        var offset: Int
        var rest: [UInt8]
    }

    /// Matches `packaging`'s `\s*VERSION_PATTERN\s*` against the whole of `bytes`.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parts, Failure> {
        var start = 0
        var end = bytes.count
        while start < end, let width = whitespaceWidth(bytes, startingAt: start) { start += width }
        while end > start, let width = whitespaceWidth(bytes, endingAt: end) { end -= width }

        func byte(_ index: Int) -> UInt8 {
            guard index < end else { return 0 }
            let byte = bytes[index]
            return byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
        func digitRun(_ index: Int) -> Int {
            var index = index
            while isDigit(byte(index)) { index += 1 }
            return index
        }
        func matches(_ word: StaticString, at index: Int) -> Bool {
            guard end - index >= word.utf8CodeUnitCount else { return false }
            for offset in 0..<word.utf8CodeUnitCount where byte(index + offset) != word.utf8Start[offset] {
                return false
            }
            return true
        }
        func separator(_ index: Int) -> Int { isSeparator(byte(index)) ? index + 1 : index }
        /// `[._-]?[0-9]*` from `index`: where it ends, and the number, 0 when there is none.
        func number(after index: Int) -> (Int, DecimalNumber) {
            let digits = separator(index)
            let digitsEnd = digitRun(digits)
            return (digitsEnd, decimal(bytes, digits..<digitsEnd))
        }

        var parts = Parts()
        var position = start
        if byte(position) == UInt8(ascii: "v") { position += 1 }

        let epochEnd = digitRun(position)
        if epochEnd > position, byte(epochEnd) == UInt8(ascii: "!") {
            parts.epoch = decimal(bytes, position..<epochEnd)
            position = epochEnd + 1
        }

        var releaseEnd = digitRun(position)
        guard releaseEnd > position else {
            return .failure(
                Failure(problem: "expected a release number", offset: position, rest: Array(bytes[position..<end])))
        }
        parts.release.append(decimal(bytes, position..<releaseEnd))
        position = releaseEnd
        while byte(position) == UInt8(ascii: "."), isDigit(byte(position + 1)) {
            releaseEnd = digitRun(position + 1)
            parts.release.append(decimal(bytes, (position + 1)..<releaseEnd))
            position = releaseEnd
        }

        let preStart = separator(position)
        if let (spelling, phase) = preReleaseSpellings.first(where: { matches($0.0, at: preStart) }) {
            let (next, value) = number(after: preStart + spelling.utf8CodeUnitCount)
            parts.preRelease = (phase, value)
            position = next
        }

        if byte(position) == UInt8(ascii: "-"), isDigit(byte(position + 1)) {
            let digitsEnd = digitRun(position + 1)
            parts.postRelease = decimal(bytes, (position + 1)..<digitsEnd)
            position = digitsEnd
        } else {
            let postStart = separator(position)
            let spellingLength = matches("post", at: postStart) ? 4 : (matches("rev", at: postStart) ? 3 : 1)
            if spellingLength > 1 || byte(postStart) == UInt8(ascii: "r") {
                let (next, value) = number(after: postStart + spellingLength)
                parts.postRelease = value
                position = next
            }
        }

        let devStart = separator(position)
        if matches("dev", at: devStart) {
            let (next, value) = number(after: devStart + 3)
            parts.devRelease = value
            position = next
        }

        if byte(position) == UInt8(ascii: "+"), isAlphanumeric(byte(position + 1)) {
            var segments: [LocalSegment] = []
            var segmentStart = position + 1
            while true {
                var segmentEnd = segmentStart
                var isNumber = true
                while isAlphanumeric(byte(segmentEnd)) {
                    isNumber = isNumber && isDigit(byte(segmentEnd))
                    segmentEnd += 1
                }
                if isNumber {
                    segments.append(.number(decimal(bytes, segmentStart..<segmentEnd)))
                } else {
                    let text = (segmentStart..<segmentEnd).map { byte($0) }
                    segments.append(.text(String(decoding: text, as: UTF8.self)))
                }
                position = segmentEnd
                guard isSeparator(byte(segmentEnd)), isAlphanumeric(byte(segmentEnd + 1)) else { break }
                segmentStart = segmentEnd + 1
            }
            parts.local = segments
        }

        guard position == end else {
            return .failure(Failure(problem: "unexpected text", offset: position, rest: Array(bytes[position..<end])))
        }
        return .success(parts)
    }

    /// The number the ASCII digits of `bytes` in `range` spell; 0 for none.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecimalNumber {
        DecimalNumber(uncheckedDigits: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    /// The spellings of the pre-release phases, in the order `packaging`'s pattern tries them.
    private static let preReleaseSpellings: [(StaticString, PreRelease)] = [
        ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta), ("preview", .releaseCandidate),
        ("pre", .releaseCandidate), ("c", .releaseCandidate), ("rc", .releaseCandidate),
    ]

    /// The UTF-8 length of the Python white space (`str.isspace()`, which `\s` follows) at `index`, if any.
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, startingAt index: Int) -> Int? {
        let first = bytes[index]
        if (0x09...0x0D).contains(first) || (0x1C...0x20).contains(first) { return 1 }
        let rest = bytes.count - index
        if first == 0xC2, rest >= 2 { return bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 ? 2 : nil }
        guard rest >= 3 else { return nil }
        return isWideWhitespace(bytes[index], bytes[index + 1], bytes[index + 2]) ? 3 : nil
    }

    /// The UTF-8 length of the Python white space that ends just before `end`, if any.
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
        let last = bytes[end - 1]
        if (0x09...0x0D).contains(last) || (0x1C...0x20).contains(last) { return 1 }
        if end >= 2, bytes[end - 2] == 0xC2, last == 0x85 || last == 0xA0 { return 2 }
        guard end >= 3 else { return nil }
        return isWideWhitespace(bytes[end - 3], bytes[end - 2], last) ? 3 : nil
    }

    /// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, as UTF-8.
    private static func isWideWhitespace(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (first, second, third) {
        case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF),
            (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80):
            true
        default: false
        }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
