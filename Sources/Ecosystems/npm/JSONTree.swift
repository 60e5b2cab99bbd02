/// A parsed JSON value, as RFC 8259 defines it, for the package manifests and lock files of language ecosystems.
///
/// Analyzers read thousands of small `package.json` files per image, so this reader works on the bytes directly
/// instead of going through Foundation (`../shared/ARCHITECTURE.md`: no `JSONDecoder` on the per-file path). Numbers
/// are kept as their text: nothing here needs their value. Nesting is bounded so that hostile input cannot exhaust
/// the stack.
indirect enum JSONTree: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONTree])
    /// Members in document order; a repeated key keeps every occurrence, and `subscript` returns the last.
    case object([(key: String, value: JSONTree)])

    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 256

    /// Parses one JSON document.
    ///
    /// - Throws: `JSONTreeError` naming the byte offset of the first problem.
    static func parse(_ bytes: [UInt8]) throws(JSONTreeError) -> JSONTree {
        var parser = JSONTreeParser(bytes: bytes)
        return try parser.document()
    }

    /// The member named `key` of an object, or `nil`.
    subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, or `nil` when this is not a string.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The boolean, or `nil` when this is not `true` or `false`.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    var arrayValue: [JSONTree]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, or `nil` when this is not an object.
    var objectMembers: [(key: String, value: JSONTree)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

/// Why a JSON document could not be read.
enum JSONTreeError: Error, Equatable, CustomStringConvertible {
    case unexpectedEnd
    case unexpectedByte(offset: Int)
    case invalidEscape(offset: Int)
    case tooDeep(offset: Int)
    case trailingContent(offset: Int)

    var description: String {
        switch self {
        case .unexpectedEnd: "the JSON ends early; the file is truncated"
        case .unexpectedByte(let offset): "the JSON has an unexpected character at byte \(offset)"
        case .invalidEscape(let offset): "the JSON has an invalid escape sequence at byte \(offset)"
        case .tooDeep(let offset): "the JSON nests deeper than \(JSONTree.maximumDepth) levels at byte \(offset)"
        case .trailingContent(let offset): "the JSON has content after its end, at byte \(offset)"
        }
    }
}

/// A recursive-descent reader over the bytes of one document.
private struct JSONTreeParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte-order mark, which some Windows editors write, is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() throws(JSONTreeError) -> JSONTree {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw .trailingContent(offset: index) }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                || bytes[index] == 0x09
        {
            index += 1
        }
    }

    mutating func peek() throws(JSONTreeError) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw .unexpectedEnd }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8) throws(JSONTreeError) {
        guard try peek() == byte else { throw .unexpectedByte(offset: index) }
        index += 1
    }

    mutating func value() throws(JSONTreeError) -> JSONTree {
        switch try peek() {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    mutating func literal(_ text: String, _ value: JSONTree) throws(JSONTreeError) -> JSONTree {
        let expected = Array(text.utf8)
        guard bytes.count - index >= expected.count else { throw .unexpectedEnd }
        guard bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw .unexpectedByte(offset: index)
        }
        index += expected.count
        return value
    }

    mutating func number() throws(JSONTreeError) -> JSONTree {
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        guard index > start else { throw .unexpectedByte(offset: start) }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    mutating func enter() throws(JSONTreeError) {
        depth += 1
        guard depth <= JSONTree.maximumDepth else { throw .tooDeep(offset: index) }
        index += 1
    }

    mutating func array() throws(JSONTreeError) -> JSONTree {
        try enter()
        defer { depth -= 1 }
        var elements: [JSONTree] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "]") { return .array(elements) }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(offset: index - 1) }
        }
    }

    mutating func object() throws(JSONTreeError) -> JSONTree {
        try enter()
        defer { depth -= 1 }
        var members: [(key: String, value: JSONTree)] = []
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw .unexpectedByte(offset: index) }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            members.append((key, try value()))
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "}") { return .object(members) }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(offset: index - 1) }
        }
    }

    /// Reads a string starting at its opening quote.
    mutating func string() throws(JSONTreeError) -> String {
        index += 1
        let start = index
        // The common case: no escapes, so the bytes are the string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        guard index < bytes.count else { throw .unexpectedEnd }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var scalars = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw .unexpectedEnd }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                scalars.append(byte)
                continue
            }
            guard index < bytes.count else { throw .unexpectedEnd }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hexQuad()
                if (0xD800..<0xDC00).contains(code), bytes[index...].starts(with: Array("\\u".utf8)) {
                    index += 2
                    let low = try hexQuad()
                    code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : code
                }
                scalars += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default:
                throw .invalidEscape(offset: index - 2)
            }
        }
    }

    mutating func hexQuad() throws(JSONTreeError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw .unexpectedEnd }
        guard let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
            throw .invalidEscape(offset: index - 2)
        }
        index += 4
        return code
    }
}
