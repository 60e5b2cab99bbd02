/// A non-negative whole number of any size, kept as its decimal digits, for version components that may exceed 64 bits.
struct DecimalNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits without leading zeros; zero is `"0"`.
    let digits: String

    /// Returns the number `text` spells, or `nil` unless `text` is one or more ASCII digits; leading zeros are dropped.
    init?<S: StringProtocol>(_ text: S) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = text.drop { $0 == "0" }
        digits = trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// Returns the number with these digits, which are known to be ASCII digits.
    init(uncheckedDigits text: some StringProtocol) {
        let trimmed = text.drop { $0 == "0" }
        digits = trimmed.isEmpty ? "0" : String(trimmed)
    }

    static let zero = DecimalNumber(uncheckedDigits: "0")

    var isZero: Bool { digits == "0" }

    var description: String { digits }

    static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if lhs.digits.utf8.count != rhs.digits.utf8.count { return lhs.digits.utf8.count < rhs.digits.utf8.count }
        return lhs.digits.utf8.lexicographicallyPrecedes(rhs.digits.utf8)
    }
}

extension StringProtocol {
    /// Whether the text is non-empty and all ASCII digits.
    var isASCIIDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// Orders two strings by their UTF-8 bytes, the order C's `strcmp` and Ruby's `String#<=>` use.
    func precedesByBytes(_ other: some StringProtocol) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}

extension Comparable {
    /// Returns -1, 0 or 1 as `self` sorts before, equal to, or after `other`.
    func threeWayCompare(_ other: Self) -> Int { self < other ? -1 : (self == other ? 0 : 1) }
}
