import VulnerabilityMatching

/// A Debian package version, `[epoch:]upstream[-revision]`, ordered exactly as dpkg orders it.
///
/// Parsing follows dpkg's `parseversion()` (`lib/dpkg/parsehelp.c`) and reports as an error everything it
/// reports, whether dpkg calls it an error or a warning, in dpkg's own words:
/// - blanks (space, tab) around the version are ignored; a blank inside it is an error;
/// - the epoch is what `strtol` reads before the first `:`, and must be a number from 0 to 2147483647;
/// - the revision follows the **last** `-` and may hold letters, digits and `.+~`;
/// - the upstream version must start with a digit and may hold letters, digits and `.+~-:`.
///
/// Ordering follows `verrevcmp()` (`lib/dpkg/version.c`, Debian Policy §5.6.12): the epoch numerically,
/// then the upstream version, then the revision, each compared as alternating non-digit and digit runs.
/// In a non-digit run `~` sorts before everything, even the end of the string, and letters sort before
/// other characters; digit runs compare as numbers. A missing revision equals `0` (`1.0 == 1.0-0`).
/// Equality is dpkg's: `1.0 == 1.00` and `1:2 == 01:2`, so two equal versions may be spelt differently.
public struct DpkgVersion: ParsableVersion, CustomStringConvertible {
    public static let scheme = VersionSchemeID.dpkg

    /// The epoch; 0 when the version has none.
    public let epoch: Int
    /// The UTF-8 of the text, which holds the upstream version and the revision.
    private let bytes: [UInt8]
    private let upstreamRange: Range<Int>
    /// Empty when the version has no revision.
    private let revisionRange: Range<Int>

    /// The upstream version: after the epoch's `:`, before the last `-`.
    public var upstream: String { String(decoding: bytes[upstreamRange], as: UTF8.self) }
    /// The Debian revision after the last `-`; empty when the version has none.
    public var revision: String { String(decoding: bytes[revisionRange], as: UTF8.self) }

    public init(parsing text: String) throws(VersionParseError) {
        let bytes = Array(text.utf8)
        switch bytes.withUnsafeBufferPointer(Self.parse) {
        case .success(let parts):
            epoch = parts.epoch
            upstreamRange = parts.upstream
            revisionRange = parts.revision
            self.bytes = bytes
        case .failure(let failure):
            throw VersionParseError(scheme: .dpkg, text: text, reason: failure.reason)
        }
    }

    /// The version as dpkg prints it: the epoch when it is not 0 or when a `:` elsewhere needs it.
    public var description: String {
        let needsEpoch = epoch != 0 || upstream.contains(":")
        return (needsEpoch ? "\(epoch):" : "") + upstream + (revisionRange.isEmpty ? "" : "-\(revision)")
    }

    public static func < (lhs: DpkgVersion, rhs: DpkgVersion) -> Bool { lhs.ordering(comparedTo: rhs) < 0 }

    public static func == (lhs: DpkgVersion, rhs: DpkgVersion) -> Bool { lhs.ordering(comparedTo: rhs) == 0 }

    /// Returns -1, 0 or 1 as `self` sorts before, with, or after `other`.
    func ordering(comparedTo other: DpkgVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        return bytes.withUnsafeBufferPointer { left in
            other.bytes.withUnsafeBufferPointer { right in
                let upstreamOrder = Self.verrevcmp(left, upstreamRange, right, other.upstreamRange)
                if upstreamOrder != 0 { return upstreamOrder }
                return Self.verrevcmp(left, revisionRange, right, other.revisionRange)
            }
        }
    }

    private struct Parts {
        var epoch: Int
        var upstream: Range<Int>
        var revision: Range<Int>
    }

    private struct Failure: Error {
        var reason: String
    }

    /// dpkg's `parseversion()`, on the UTF-8 of the text.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parts, Failure> {
        var start = 0
        while start < bytes.count, isBlank(bytes[start]) { start += 1 }
        guard start < bytes.count else { return .failure(Failure(reason: "version string is empty")) }
        var end = start
        while end < bytes.count, !isBlank(bytes[end]) { end += 1 }
        var trailing = end
        while trailing < bytes.count, isBlank(bytes[trailing]) { trailing += 1 }
        guard trailing == bytes.count else { return .failure(Failure(reason: "version string has embedded spaces")) }

        var epoch = 0
        var versionStart = start
        var colon = start
        while colon < end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        if colon < end {
            switch Self.epoch(bytes, from: start, to: colon) {
            case .success(let value): epoch = value
            case .failure(let failure): return .failure(failure)
            }
            guard colon + 1 < bytes.count else {
                return .failure(Failure(reason: "nothing after colon in version number"))
            }
            versionStart = colon + 1
        }
        var hyphen = end
        while hyphen > versionStart, bytes[hyphen - 1] != UInt8(ascii: "-") { hyphen -= 1 }
        var upstream = versionStart..<end
        var revision = end..<end
        if hyphen > versionStart {
            upstream = versionStart..<(hyphen - 1)
            revision = hyphen..<end
            guard !revision.isEmpty else { return .failure(Failure(reason: "revision number is empty")) }
        }
        guard !upstream.isEmpty else { return .failure(Failure(reason: "version number is empty")) }
        guard isDigit(bytes[upstream.lowerBound]) else {
            return .failure(Failure(reason: "version number does not start with digit"))
        }
        for index in upstream where characterClass[Int(bytes[index])] & allowedInUpstream == 0 {
            return .failure(Failure(reason: "invalid character in version number"))
        }
        for index in revision where characterClass[Int(bytes[index])] & allowedInRevision == 0 {
            return .failure(Failure(reason: "invalid character in revision number"))
        }
        return .success(Parts(epoch: epoch, upstream: upstream, revision: revision))
    }

    /// Reads the epoch the way dpkg's `strtol` call does: leading white space, an optional sign, digits.
    private static func epoch(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to colon: Int) -> Result<
        Int, Failure
    > {
        var index = start
        while index < colon, (9...13).contains(bytes[index]) || bytes[index] == 32 { index += 1 }
        var isNegative = false
        if index < colon, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < colon, isDigit(bytes[index]) else {
            return .failure(Failure(reason: "epoch in version is empty"))
        }
        var value = 0
        while index < colon, isDigit(bytes[index]) {
            // Saturates above the limit, like strtol at its own.
            value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), Int(Int32.max) + 1)
            index += 1
        }
        guard index == colon else { return .failure(Failure(reason: "epoch in version is not number")) }
        if isNegative && value != 0 { return .failure(Failure(reason: "epoch in version is negative")) }
        guard value <= Int(Int32.max) else { return .failure(Failure(reason: "epoch in version is too big")) }
        return .success(value)
    }

    /// dpkg's `verrevcmp()`: alternating non-digit runs (by `weight`) and digit runs (by value).
    private static func verrevcmp(
        _ left: UnsafeBufferPointer<UInt8>, _ leftRange: Range<Int>, _ right: UnsafeBufferPointer<UInt8>,
        _ rightRange: Range<Int>
    ) -> Int {
        var leftIndex = leftRange.lowerBound
        var rightIndex = rightRange.lowerBound
        let leftEnd = leftRange.upperBound
        let rightEnd = rightRange.upperBound
        while leftIndex < leftEnd || rightIndex < rightEnd {
            while (leftIndex < leftEnd && !isDigit(left[leftIndex]))
                || (rightIndex < rightEnd && !isDigit(right[rightIndex]))
            {
                let leftWeight = leftIndex < leftEnd ? weight(left[leftIndex]) : 0
                let rightWeight = rightIndex < rightEnd ? weight(right[rightIndex]) : 0
                if leftWeight != rightWeight { return leftWeight < rightWeight ? -1 : 1 }
                leftIndex += 1
                rightIndex += 1
            }
            while leftIndex < leftEnd, left[leftIndex] == UInt8(ascii: "0") { leftIndex += 1 }
            while rightIndex < rightEnd, right[rightIndex] == UInt8(ascii: "0") { rightIndex += 1 }
            var firstDifference = 0
            while leftIndex < leftEnd, rightIndex < rightEnd, isDigit(left[leftIndex]), isDigit(right[rightIndex]) {
                if firstDifference == 0, left[leftIndex] != right[rightIndex] {
                    firstDifference = left[leftIndex] < right[rightIndex] ? -1 : 1
                }
                leftIndex += 1
                rightIndex += 1
            }
            if leftIndex < leftEnd, isDigit(left[leftIndex]) { return 1 }
            if rightIndex < rightEnd, isDigit(right[rightIndex]) { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }

    /// dpkg's `order()`: `~` lowest, then digits (and the end of the string), letters, then everything else.
    private static func weight(_ byte: UInt8) -> Int {
        if isDigit(byte) { return 0 }
        if characterClass[Int(byte)] & letter != 0 { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// Flags per byte value: ASCII letter, allowed in the upstream version, allowed in the revision.
    private static let characterClass: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        let isLetter = (65...90).contains(byte) || (97...122).contains(byte)
        let isAlphanumeric = isLetter || (48...57).contains(byte)
        let inUpstream = isAlphanumeric || ".-+~:".utf8.contains(UInt8(byte))
        let inRevision = isAlphanumeric || ".+~".utf8.contains(UInt8(byte))
        return (isLetter ? letter : 0) | (inUpstream ? allowedInUpstream : 0) | (inRevision ? allowedInRevision : 0)
    }
    private static let letter: UInt8 = 1
    private static let allowedInUpstream: UInt8 = 2
    private static let allowedInRevision: UInt8 = 4

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
