import ScanModel

/// A glob over image paths: `*` matches within one path component, `**` across components, `?` one character.
///
/// Patterns are relative to the image root (`etc/ssh/ssh_host_*_key`, `**/.git-credentials`); a leading `/` is
/// ignored. A pattern without `/` matches the file name anywhere (`*.pem` is `**/*.pem`).
public struct PathPattern: Sendable, Hashable, Codable, CustomStringConvertible {
    public let pattern: String
    private let tokens: [Token]
    /// Runs of literal bytes that every matching path contains; checked first, so most paths fail fast.
    private let requiredLiterals: [[UInt8]]

    private enum Token: Hashable {
        case byte(UInt8)
        case anyByte
        case anyInComponent
        case anyComponents
        case anything
    }

    /// Creates a pattern from its text.
    public init(_ pattern: String) {
        var text = pattern
        while text.hasPrefix("/") { text.removeFirst() }
        if !text.contains("/") { text = "**/" + text }
        self.pattern = text
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "*") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "/") {
                    tokens.append(.anyComponents)
                    index += 3
                } else {
                    tokens.append(.anything)
                    index += 2
                }
                continue
            case UInt8(ascii: "*"): tokens.append(.anyInComponent)
            case UInt8(ascii: "?"): tokens.append(.anyByte)
            default: tokens.append(.byte(bytes[index]))
            }
            index += 1
        }
        self.tokens = tokens
        var literals: [[UInt8]] = []
        var run: [UInt8] = []
        for token in tokens + [.anything] {
            if case .byte(let byte) = token {
                run.append(byte)
            } else {
                if run.count >= 2 { literals.append(run) }
                run = []
            }
        }
        self.requiredLiterals = literals
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pattern)
    }

    public var description: String { pattern }

    public static func == (lhs: PathPattern, rhs: PathPattern) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    private static func contains(_ text: [UInt8], _ literal: [UInt8]) -> Bool {
        guard literal.count <= text.count, let first = literal.first else { return literal.isEmpty }
        var offset = 0
        while offset <= text.count - literal.count {
            if text[offset] == first {
                var index = 1
                while index < literal.count, text[offset + index] == literal[index] { index += 1 }
                if index == literal.count { return true }
            }
            offset += 1
        }
        return false
    }

    /// Returns whether `path` matches the pattern, in O(pattern × path) steps whatever the pattern.
    public func matches(_ path: ImagePath) -> Bool {
        matches(utf8: Array(path.description.utf8))
    }

    /// Returns whether the path whose text (`a/b/c`, no leading slash) is `text` matches: for callers that test one
    /// path against many patterns and build its text once.
    public func matches(utf8 text: [UInt8]) -> Bool {
        for literal in requiredLiterals where !Self.contains(text, literal) { return false }
        let count = text.count
        let slash = UInt8(ascii: "/")
        // next[j]: the tokens after the current one match text[j...].
        var next = [Bool](repeating: false, count: count + 1)
        next[count] = true
        var current = next
        for token in tokens.reversed() {
            var anyLater = false
            for position in stride(from: count, through: 0, by: -1) {
                let byte: UInt8? = position < count ? text[position] : nil
                switch token {
                case .byte(let expected):
                    current[position] = byte == expected && next[position + 1]
                case .anyByte:
                    current[position] = byte != nil && byte != slash && next[position + 1]
                case .anyInComponent:
                    current[position] = next[position] || (byte != nil && byte != slash && current[position + 1])
                case .anyComponents:
                    if byte == slash, next[position + 1] { anyLater = true }
                    current[position] = next[position] || anyLater
                case .anything:
                    if next[position] { anyLater = true }
                    current[position] = anyLater
                }
            }
            swap(&current, &next)
        }
        return next[0]
    }
}
