import VulnerabilityMatching

/// An RPM package's epoch, version and release, `[epoch:]version[-release]`, ordered as rpm orders them.
///
/// The text splits as rpm's `parseEVR()` (`lib/rpmver.c`) splits it: the epoch is the digits before a
/// `:` (0 when there is none), and the release follows the **last** `-`. Each part then compares with
/// `rpmvercmp()` (`rpmio/rpmvercmp.c`): the parts are cut into maximal digit and letter runs, skipping any
/// other character; digit runs compare as numbers and beat letter runs; `~` sorts before everything,
/// even the end (`1.0~rc1 < 1.0`); `^` sorts after the end but before another segment (`1.0 < 1.0^git1 < 1.0.1`).
///
/// **When only one side has a release, the releases are not compared**, so `1.2-3.el9` equals `1.2`. This is
/// how rpm matches a dependency such as `Requires: openssl >= 1:3.0.7` against installed packages
/// (`rpmverOverlap`), and how an advisory that names only a version should be read. rpm's `rpmverCmp` instead
/// sorts the missing release first. As a consequence this equality is not transitive
/// (`1.2-1 == 1.2 == 1.2-2`, yet `1.2-1 < 1.2-2`): do not sort a mix of versions with and without releases.
///
/// rpm itself compares any string; Plimsoll rejects what rpmbuild never writes and what would make the split
/// ambiguous: an empty string or part, blanks, control or non-ASCII characters, a `:` anywhere but after a
/// numeric epoch, and an epoch above 2147483647.
public struct RPMVersion: ParsableVersion, CustomStringConvertible {
    public static let scheme = VersionSchemeID.rpm

    /// The epoch; 0 when the text has none.
    public let epoch: Int
    /// Whether the text spelt the epoch out (`0:1.0` rather than `1.0`).
    public let hasExplicitEpoch: Bool
    /// The UTF-8 of the text, which holds the version and the release.
    private let bytes: [UInt8]
    private let versionRange: Range<Int>
    /// `nil` when the text has no release.
    private let releaseRange: Range<Int>?

    /// The version: after the epoch's `:`, before the last `-`.
    public var version: String { String(decoding: bytes[versionRange], as: UTF8.self) }
    /// The release after the last `-`, or `nil` when the text has none.
    public var release: String? { releaseRange.map { String(decoding: bytes[$0], as: UTF8.self) } }

    public init(parsing text: String) throws(VersionParseError) {
        let bytes = Array(text.utf8)
        switch bytes.withUnsafeBufferPointer(Self.parse) {
        case .success(let parts):
            epoch = parts.epoch
            hasExplicitEpoch = parts.hasExplicitEpoch
            versionRange = parts.version
            releaseRange = parts.release
            self.bytes = bytes
        case .failure(let failure):
            throw VersionParseError(scheme: .rpm, text: text, reason: failure.reason)
        }
    }

    /// The version as `[epoch:]version[-release]`, with the epoch only when the text had one.
    public var description: String {
        (hasExplicitEpoch ? "\(epoch):" : "") + version + (release.map { "-\($0)" } ?? "")
    }

    public static func < (lhs: RPMVersion, rhs: RPMVersion) -> Bool { lhs.ordering(comparedTo: rhs) < 0 }

    public static func == (lhs: RPMVersion, rhs: RPMVersion) -> Bool { lhs.ordering(comparedTo: rhs) == 0 }

    /// Returns -1, 0 or 1 as `self` sorts before, with, or after `other`.
    func ordering(comparedTo other: RPMVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        return bytes.withUnsafeBufferPointer { left in
            other.bytes.withUnsafeBufferPointer { right in
                let versionOrder = Self.rpmvercmp(left, versionRange, right, other.versionRange)
                guard versionOrder == 0, let release = releaseRange, let otherRelease = other.releaseRange else {
                    return versionOrder
                }
                return Self.rpmvercmp(left, release, right, otherRelease)
            }
        }
    }

    private struct Parts {
        var epoch: Int
        var hasExplicitEpoch: Bool
        var version: Range<Int>
        var release: Range<Int>?
    }

    private struct Failure: Error {
        var reason: String
    }

    /// rpm's `parseEVR()` split, with Plimsoll's checks.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parts, Failure> {
        guard !bytes.isEmpty else { return .failure(Failure(reason: "the version is empty")) }
        var colon: Int?
        var hyphen: Int?
        for index in bytes.indices {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F {
                return .failure(
                    Failure(reason: "byte \(byte) at offset \(index) is a blank, control or non-ASCII character"))
            }
            if byte == UInt8(ascii: ":") {
                guard colon == nil else { return .failure(Failure(reason: "':' may only end the epoch")) }
                colon = index
            } else if byte == UInt8(ascii: "-") {
                hyphen = index
            }
        }
        var epoch = 0
        var versionStart = 0
        if let colon {
            guard colon > 0 else { return .failure(Failure(reason: "the epoch before ':' is empty")) }
            for index in 0..<colon {
                guard isDigit(bytes[index]) else {
                    return .failure(Failure(reason: "the epoch before ':' is not a number"))
                }
                // Saturates just above the limit.
                epoch = min(epoch * 10 + Int(bytes[index] - UInt8(ascii: "0")), Int(Int32.max) + 1)
            }
            guard epoch <= Int(Int32.max) else { return .failure(Failure(reason: "the epoch is above 2147483647")) }
            versionStart = colon + 1
        }
        var version = versionStart..<bytes.count
        var release: Range<Int>?
        if let hyphen, hyphen >= versionStart {
            version = versionStart..<hyphen
            release = (hyphen + 1)..<bytes.count
            guard release?.isEmpty == false else { return .failure(Failure(reason: "the release after '-' is empty")) }
        }
        guard !version.isEmpty else { return .failure(Failure(reason: "the version is empty")) }
        return .success(Parts(epoch: epoch, hasExplicitEpoch: colon != nil, version: version, release: release))
    }

    /// rpm's `rpmvercmp()` on one part of two versions.
    private static func rpmvercmp(
        _ left: UnsafeBufferPointer<UInt8>, _ leftRange: Range<Int>, _ right: UnsafeBufferPointer<UInt8>,
        _ rightRange: Range<Int>
    ) -> Int {
        let leftEnd = leftRange.upperBound
        let rightEnd = rightRange.upperBound
        if leftRange.count == rightRange.count {
            var index = 0
            while index < leftRange.count, left[leftRange.lowerBound + index] == right[rightRange.lowerBound + index] {
                index += 1
            }
            if index == leftRange.count { return 0 }
        }
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        var one = leftRange.lowerBound
        var two = rightRange.lowerBound
        while one < leftEnd || two < rightEnd {
            while one < leftEnd, !isSegmentStart(left[one]) { one += 1 }
            while two < rightEnd, !isSegmentStart(right[two]) { two += 1 }
            let leftByte: UInt8? = one < leftEnd ? left[one] : nil
            let rightByte: UInt8? = two < rightEnd ? right[two] : nil

            if leftByte == tilde || rightByte == tilde {
                if leftByte != tilde { return 1 }
                if rightByte != tilde { return -1 }
                one += 1
                two += 1
                continue
            }
            if leftByte == caret || rightByte == caret {
                if leftByte == nil { return -1 }
                if rightByte == nil { return 1 }
                if leftByte != caret { return 1 }
                if rightByte != caret { return -1 }
                one += 1
                two += 1
                continue
            }
            guard let leftByte, rightByte != nil else { break }

            let isNumeric = isDigit(leftByte)
            var leftSegmentEnd = one
            var rightSegmentEnd = two
            if isNumeric {
                while leftSegmentEnd < leftEnd, isDigit(left[leftSegmentEnd]) { leftSegmentEnd += 1 }
                while rightSegmentEnd < rightEnd, isDigit(right[rightSegmentEnd]) { rightSegmentEnd += 1 }
            } else {
                while leftSegmentEnd < leftEnd, isLetter(left[leftSegmentEnd]) { leftSegmentEnd += 1 }
                while rightSegmentEnd < rightEnd, isLetter(right[rightSegmentEnd]) { rightSegmentEnd += 1 }
            }
            // A digit run against a letter run: the digits are newer.
            if rightSegmentEnd == two { return isNumeric ? 1 : -1 }

            if isNumeric {
                while one < leftSegmentEnd, left[one] == UInt8(ascii: "0") { one += 1 }
                while two < rightSegmentEnd, right[two] == UInt8(ascii: "0") { two += 1 }
                let leftLength = leftSegmentEnd - one
                let rightLength = rightSegmentEnd - two
                if leftLength != rightLength { return leftLength < rightLength ? -1 : 1 }
            }
            // `strcmp` of the two runs.
            while one < leftSegmentEnd, two < rightSegmentEnd {
                if left[one] != right[two] { return left[one] < right[two] ? -1 : 1 }
                one += 1
                two += 1
            }
            if one < leftSegmentEnd { return 1 }
            if two < rightSegmentEnd { return -1 }
        }
        if one >= leftEnd && two >= rightEnd { return 0 }
        return one >= leftEnd ? -1 : 1
    }

    private static func isSegmentStart(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "^")
    }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
