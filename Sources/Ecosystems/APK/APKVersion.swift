import VulnerabilityMatching

/// An Alpine package version, ordered exactly as apk-tools orders it.
///
/// The grammar is apk-tools' (`src/version.c`, Gentoo style with Alpine's additions):
/// `digits{.digits}…[letter]{_suffix[digits]}…[~hex][-rdigits]`, lower case only. Every token must be allowed
/// after the one before it, as `apk_version_validate()` checks; anything else is an error.
///
/// Two versions compare token by token while both have a token of the same kind:
/// - numbers by value (`1.10 > 1.9`): the first number, suffix numbers, the revision, and later `.`-numbers;
/// - except that a later `.`-number starting with `0` on either side compares as text, so `1.01 < 1.1`,
///   `1.001 < 1.01` and `8.2.0015 < 8.2.002` (apk-tools 2.14 and later; older releases weighed leading zeros
///   differently);
/// - the letter by ASCII; suffixes by rank, `_alpha < _beta < _pre < _rc` < none < `_cvs < _svn < _git <
///   _hg < _p`; the `~` commit hash as text.
///
/// When one side runs out of tokens or has a token of another kind, the side whose next token is a
/// pre-release suffix is lower; otherwise the side whose next token comes *later* in
/// `digit < letter < suffix < suffix number < commit hash < revision < end` is lower. So `1.2 < 1.2.1`,
/// `1.2-r1 < 1.2.1`, `1.2_rc1 < 1.2 < 1.2_p1 < 1.2a`, and also `1.2 < 1.2-r0`, exactly as apk has it.
/// Numbers are compared without bound, where apk would wrap past 2^64.
public struct APKVersion: ParsableVersion, CustomStringConvertible {
    public static let scheme = VersionSchemeID.apk

    /// The kinds of token, in apk-tools' order (`enum PARTS`).
    enum TokenKind: Int, Comparable {
        case initialDigit, digit, letter, suffix, suffixNumber, commitHash, revisionNumber, end

        static func < (lhs: TokenKind, rhs: TokenKind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One token; `text` holds the digits, letter or hash it was read from.
    struct Token {
        var kind: TokenKind
        var text: ArraySlice<UInt8>
        var number = DecimalNumber.zero
        /// The suffix's rank: negative before a release, positive after it.
        var suffixRank = 0
    }

    /// The text as given.
    public let text: String
    private let tokens: [Token]

    public init(parsing text: String) throws(VersionParseError) {
        self.text = text
        self.tokens = try Self.tokens(of: Array(text.utf8), text: text)
    }

    public var description: String { text }

    public static func < (lhs: APKVersion, rhs: APKVersion) -> Bool { lhs.ordering(comparedTo: rhs) < 0 }

    public static func == (lhs: APKVersion, rhs: APKVersion) -> Bool { lhs.ordering(comparedTo: rhs) == 0 }

    /// Returns -1, 0 or 1 as `self` sorts before, with, or after `other` (`apk_version_compare`).
    func ordering(comparedTo other: APKVersion) -> Int {
        let endToken = Token(kind: .end, text: [])
        var index = 0
        while true {
            let left = index < tokens.count ? tokens[index] : endToken
            let right = index < other.tokens.count ? other.tokens[index] : endToken
            guard left.kind == right.kind else { return Self.orderOfDifferentKinds(left, right) }
            if left.kind == .end { return 0 }
            let order = Self.compare(left, right)
            if order != 0 { return order }
            index += 1
        }
    }

    /// apk's `token_cmp()` for two tokens of the same kind.
    private static func compare(_ left: Token, _ right: Token) -> Int {
        switch left.kind {
        case .digit where left.text.first == UInt8(ascii: "0") || right.text.first == UInt8(ascii: "0"),
            .commitHash, .letter:
            // `apk_blob_sort`: bytes first, then the shorter one first.
            if left.text == right.text { return 0 }
            return left.text.lexicographicallyPrecedes(right.text) ? -1 : 1
        case .suffix:
            return left.suffixRank == right.suffixRank ? 0 : (left.suffixRank < right.suffixRank ? -1 : 1)
        default:
            return left.number == right.number ? 0 : (left.number < right.number ? -1 : 1)
        }
    }

    /// The tail of `apk_version_compare`: where one version has a token the other lacks or has of another kind.
    private static func orderOfDifferentKinds(_ left: Token, _ right: Token) -> Int {
        if left.kind == .suffix && left.suffixRank < 0 { return -1 }
        if right.kind == .suffix && right.suffixRank < 0 { return 1 }
        return left.kind > right.kind ? -1 : 1
    }

    private static let preReleaseSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    private static let postReleaseSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    /// Splits `bytes` the way apk's `token_first()` and `token_next()` do, rejecting what they mark invalid.
    private static func tokens(of bytes: [UInt8], text: String) throws(VersionParseError) -> [Token] {
        func failure(_ reason: String) -> VersionParseError {
            VersionParseError(scheme: .apk, text: text, reason: reason)
        }
        func digitRun(from start: Int) -> Int {
            var end = start
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            return end
        }

        var end = digitRun(from: 0)
        guard end > 0 else { throw failure("it does not start with a digit") }
        var tokens = [Token(kind: .initialDigit, text: bytes[..<end], number: number(bytes[..<end]))]
        var position = end
        var previous = TokenKind.initialDigit
        while position < bytes.count {
            let byte = bytes[position]
            let offset = position
            func unexpected() -> VersionParseError {
                failure("\(describe(byte)) at offset \(offset) cannot follow what comes before it")
            }
            var token: Token
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard previous <= .digit else { throw unexpected() }
                token = Token(kind: .letter, text: bytes[position...position])
                position += 1
            case UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let kind: TokenKind
                if byte == UInt8(ascii: ".") {
                    guard previous <= .digit else { throw unexpected() }
                    position += 1
                    kind = .digit
                } else if previous == .suffix {
                    kind = .suffixNumber
                } else {
                    throw unexpected()
                }
                end = digitRun(from: position)
                guard end > position else { throw failure("'.' at offset \(offset) is not followed by a number") }
                token = Token(
                    kind: kind, text: bytes[position..<end], number: number(bytes[position..<end]))
                position = end
            case UInt8(ascii: "_"):
                guard previous <= .suffixNumber else { throw unexpected() }
                end = position + 1
                while end < bytes.count, bytes[end] >= UInt8(ascii: "a"), bytes[end] <= UInt8(ascii: "z") { end += 1 }
                let name = bytes[(position + 1)..<end]
                let rank: Int
                if let index = preReleaseSuffixes.firstIndex(where: { $0.elementsEqual(name) }) {
                    rank = index - preReleaseSuffixes.count
                } else if let index = postReleaseSuffixes.firstIndex(where: { $0.elementsEqual(name) }) {
                    rank = index + 1
                } else {
                    throw failure(
                        "'_\(String(decoding: name, as: UTF8.self))' at offset \(offset) is not a known suffix")
                }
                token = Token(kind: .suffix, text: name, suffixRank: rank)
                position = end
            case UInt8(ascii: "~"):
                guard previous < .commitHash else { throw unexpected() }
                end = position + 1
                while end < bytes.count, isLowercaseHexDigit(bytes[end]) { end += 1 }
                guard end > position + 1 else {
                    throw failure("'~' at offset \(offset) is not followed by a commit hash")
                }
                token = Token(kind: .commitHash, text: bytes[(position + 1)..<end])
                position = end
            case UInt8(ascii: "-"):
                guard previous < .revisionNumber else { throw unexpected() }
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "r") else {
                    throw failure("'-' at offset \(offset) does not start a '-r' revision")
                }
                end = digitRun(from: position + 2)
                guard end > position + 2 else { throw failure("the '-r' revision at offset \(offset) has no number") }
                token = Token(
                    kind: .revisionNumber, text: bytes[(position + 2)..<end],
                    number: number(bytes[(position + 2)..<end]))
                position = end
            default:
                throw failure("\(describe(byte)) at offset \(offset) is not allowed in a version")
            }
            tokens.append(token)
            previous = token.kind
        }
        return tokens
    }

    /// The number a run of ASCII digits spells.
    private static func number(_ digits: ArraySlice<UInt8>) -> DecimalNumber {
        DecimalNumber(uncheckedDigits: String(decoding: digits, as: UTF8.self))
    }

    /// Names a byte for an error message: the character when it is printable ASCII, its value otherwise.
    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
