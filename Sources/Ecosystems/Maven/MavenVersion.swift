import VulnerabilityMatching

/// A Maven artifact version, ordered exactly as Maven's `ComparableVersion` (3.8) orders it.
///
/// Every string is a Maven version, so parsing fails only for the empty string (OSV never has one, and accepting it
/// would hide a data error). The text is lowercased and split into items:
/// - `.` separates items; `-` separates too and opens a nested list, as does a change between digits and letters
///   (`1.0alpha1` is `[1, 0, [alpha, [1]]]`); a letter item after `.` also opens a list (`1.0.0.x1` = `1.0.0-x1`).
/// - Digit runs are numbers of any size. `a`, `b` and `m` directly followed by a digit mean `alpha`, `beta` and
///   `milestone`; `ga`, `final` and `release` mean the empty qualifier, and `cr` means `rc`.
/// - Each list drops its trailing "null" items (`0`, the empty qualifier, empty lists), looking past nested lists.
///
/// Items compare pairwise, a missing item counting as null: a number beats a list, which beats a qualifier.
/// Qualifiers order `alpha < beta < milestone < rc < snapshot < "" < sp <` any other, the others alphabetically.
public struct MavenVersion: ParsableVersion, CustomStringConvertible {
    /// A parsed item of a Maven version.
    indirect enum Item: Sendable, Equatable {
        case number(DecimalNumber)
        case qualifier(String)
        case list([Item])

        var isNull: Bool {
            switch self {
            case .number(let value): value.isZero
            case .qualifier(let value): value.isEmpty
            case .list(let items): items.isEmpty
            }
        }

        var isList: Bool {
            if case .list = self { return true }
            return false
        }
    }

    public static let scheme = VersionSchemeID.maven

    /// The version as written.
    public let text: String
    let items: [Item]

    public init(parsing text: String) throws(VersionParseError) {
        guard !text.isEmpty else {
            throw VersionParseError(scheme: .maven, text: text, reason: "the version is empty")
        }
        self.text = text
        items = Self.parse(text)
    }

    public var description: String { text }

    public static func < (lhs: MavenVersion, rhs: MavenVersion) -> Bool {
        compare(.list(lhs.items), .list(rhs.items)) < 0
    }

    public static func == (lhs: MavenVersion, rhs: MavenVersion) -> Bool {
        compare(.list(lhs.items), .list(rhs.items)) == 0
    }

    static func compare(_ left: Item, _ right: Item?) -> Int {
        switch (left, right) {
        case (.number(let value), nil): return value.isZero ? 0 : 1
        case (.number(let value), .number(let other)?): return value.threeWayCompare(other)
        case (.number, _): return 1
        case (.qualifier(let value), nil): return compareQualifiers(value, "")
        case (.qualifier(let value), .qualifier(let other)?): return compareQualifiers(value, other)
        case (.qualifier, _): return -1
        case (.list(let items), nil):
            for item in items {
                let result = compare(item, nil)
                if result != 0 { return result }
            }
            return 0
        case (.list, .number?): return -1
        case (.list, .qualifier?): return 1
        case (.list(let items), .list(let others)?):
            for index in 0..<max(items.count, others.count) {
                let result =
                    index < items.count
                    ? compare(items[index], index < others.count ? others[index] : nil)
                    : -compare(others[index], nil)
                if result != 0 { return result }
            }
            return 0
        }
    }

    private static let knownQualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]

    /// `ComparableVersion.StringItem.comparableQualifier` order: known qualifiers by rank, then the rest by text.
    private static func compareQualifiers(_ left: String, _ right: String) -> Int {
        let leftRank = knownQualifiers.firstIndex(of: left) ?? knownQualifiers.count
        let rightRank = knownQualifiers.firstIndex(of: right) ?? knownQualifiers.count
        if leftRank != rightRank { return leftRank < rightRank ? -1 : 1 }
        guard leftRank == knownQualifiers.count, left != right else { return 0 }
        // Java's String.compareTo: UTF-16 code units.
        return left.utf16.lexicographicallyPrecedes(right.utf16) ? -1 : 1
    }

    private static func qualifier(_ units: ArraySlice<UInt16>, followedByDigit: Bool) -> Item {
        var value = String(decoding: units, as: UTF16.self)
        if followedByDigit && units.count == 1 {
            switch value {
            case "a": value = "alpha"
            case "b": value = "beta"
            case "m": value = "milestone"
            default: break
            }
        }
        switch value {
        case "ga", "final", "release": value = ""
        case "cr": value = "rc"
        default: break
        }
        return .qualifier(value)
    }

    private static func item(isDigit: Bool, _ units: ArraySlice<UInt16>) -> Item {
        guard isDigit else { return qualifier(units, followedByDigit: false) }
        var digits = ""
        for unit in units {
            if unit >= 0x30 && unit <= 0x39 {
                digits.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            } else if let scalar = Unicode.Scalar(unit), let value = scalar.properties.numericValue {
                // Java's Character.isDigit and BigInteger accept every Unicode decimal digit.
                digits += String(Int(value))
            }
        }
        return .number(DecimalNumber(uncheckedDigits: digits))
    }

    /// Java's `Character.isDigit(char)`: a BMP code unit in Unicode category Nd.
    private static func isDigit(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit >= 0x30 && unit <= 0x39 }
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    private static func normalized(_ items: [Item]) -> [Item] {
        var items = items
        var index = items.count - 1
        while index >= 0 {
            if items[index].isNull {
                items.remove(at: index)
            } else if !items[index].isList {
                break
            }
            index -= 1
        }
        return items
    }

    /// `ComparableVersion.parseVersion`; each nested list is the last item of the list before it.
    private static func parse(_ text: String) -> [Item] {
        let units = Array(text.lowercased().utf16)
        var lists: [[Item]] = [[]]
        var isDigit = false
        var start = 0
        func add(_ item: Item) { lists[lists.count - 1].append(item) }
        for index in units.indices {
            let unit = units[index]
            if unit == 0x2E || unit == 0x2D {  // "." or "-"
                add(index == start ? .number(.zero) : item(isDigit: isDigit, units[start..<index]))
                start = index + 1
                if unit == 0x2D { lists.append([]) }
            } else if Self.isDigit(unit) {
                if !isDigit && index > start {
                    if !(lists.last ?? []).isEmpty { lists.append([]) }
                    add(qualifier(units[start..<index], followedByDigit: true))
                    start = index
                    lists.append([])
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    add(item(isDigit: true, units[start..<index]))
                    start = index
                    lists.append([])
                }
                isDigit = false
            }
        }
        if units.count > start {
            if !isDigit && !(lists.last ?? []).isEmpty { lists.append([]) }
            add(item(isDigit: isDigit, units[start...]))
        }
        var child = normalized(lists.removeLast())
        while var parent = lists.popLast() {
            parent.append(.list(child))
            child = normalized(parent)
        }
        return child
    }
}
