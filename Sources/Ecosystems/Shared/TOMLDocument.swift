/// A TOML document read as the lock files of language package managers write it (https://toml.io/en/v1.0.0).
///
/// The tables are kept flat, in document order: the root table first, then one `Table` per `[header]` or
/// `[[header]]`, each with the key/value pairs written under it. Sub-tables of an array element (`[package.metadata]`
/// after `[[package]]`) are separate tables whose name starts with the element's, so readers attach them to the last
/// element, as TOML does. Values keep strings decoded, arrays and inline tables nested, and every other scalar
/// (integers, floats, booleans, dates) as the text written.
///
/// The reader never fails: a line it cannot read becomes a `Problem`, and reading resumes at the next line that
/// starts with `[` (a table header), so one damaged entry costs that table's remaining keys, not the file. Nesting
/// of arrays and inline tables is bounded, and work is linear in the input, so hostile input cannot exhaust the stack
/// or the time. Not supported, because no lock file writes them: dates with a space before the time, and the rule
/// that a table may not be defined twice (a repeated key keeps both; `subscript` returns the last).
struct TOMLDocument: Sendable {
    /// A value, with scalars other than strings kept as written.
    indirect enum Value: Equatable, Sendable {
        case string(String)
        /// An integer, float, boolean or date, as written (`3`, `true`, `1979-05-27`).
        case scalar(String)
        case array([Value])
        /// An inline table's pairs in document order; dotted keys are kept as their parts joined by `.`.
        case table([Pair])

        /// The string, or `nil` when this is not a string.
        var stringValue: String? {
            if case .string(let text) = self { return text }
            return nil
        }

        /// The elements, or `nil` when this is not an array.
        var arrayValue: [Value]? {
            if case .array(let elements) = self { return elements }
            return nil
        }

        /// The member `key` of an inline table, or `nil`.
        subscript(key: String) -> Value? {
            guard case .table(let pairs) = self else { return nil }
            return pairs.last { $0.key == key }?.value
        }
    }

    /// One key and its value.
    struct Pair: Equatable, Sendable {
        /// The key; a dotted key's parts joined by `.` (`source.registry`).
        var key: String
        var value: Value
    }

    /// The pairs of one table header, or of the root before the first header.
    struct Table: Equatable, Sendable {
        /// The header's key parts (`["package", "metadata"]`); empty for the root table.
        var name: [String]
        /// Whether the header is `[[name]]`, an element of an array of tables.
        var isArrayElement: Bool
        /// The line of the header; 1 for the root table.
        var line: Int
        var pairs: [Pair]

        /// The value of `key` in this table, or `nil`.
        subscript(key: String) -> Value? { pairs.last { $0.key == key }?.value }
    }

    /// A line that could not be read.
    struct Problem: Equatable, Sendable, CustomStringConvertible {
        var line: Int
        var reason: String

        var description: String { "line \(line): \(reason)" }
    }

    /// The root table, then every table in document order.
    var tables: [Table]
    /// What could not be read; at most `maximumProblems` are kept.
    var problems: [Problem]
    /// How many problems there were beyond those kept.
    var omittedProblemCount: Int

    /// The deepest nesting of arrays and inline tables accepted.
    static let maximumDepth = 32
    /// The most problems kept; a file of binary garbage has one per line.
    static let maximumProblems = 20

    /// Reads a document; never fails, see the type's discussion.
    static func parse(_ bytes: [UInt8]) -> TOMLDocument {
        var parser = TOMLParser(bytes: bytes)
        return parser.document()
    }

    /// The problems as one-line warnings prefixed by `path`, with a last line counting those not kept.
    func warnings(for path: String) -> [String] {
        var lines = problems.map { "\(path):\($0.line): \($0.reason)" }
        if omittedProblemCount > 0 { lines.append("\(path): \(omittedProblemCount) more lines could not be read") }
        return lines
    }
}

/// Why a line failed; carries no payload beyond its text, since the parser records the line itself.
private struct TOMLSyntaxError: Error {
    var reason: String
}

/// A single pass over the bytes of one document.
private struct TOMLParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var depth = 0
    var tables: [TOMLDocument.Table] = []
    var problems: [TOMLDocument.Problem] = []
    var omittedProblemCount = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() -> TOMLDocument {
        tables = [TOMLDocument.Table(name: [], isArrayElement: false, line: 1, pairs: [])]
        while index < bytes.count {
            skipBlanks()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == 0x0A {
                index += 1
                line += 1
                continue
            }
            if byte == UInt8(ascii: "#") || byte == 0x0D {
                skipComment()
                continue
            }
            let startLine = line
            let start = index
            do throws(TOMLSyntaxError) {
                if byte == UInt8(ascii: "[") {
                    try header()
                } else {
                    let (key, value) = try keyValue()
                    tables[tables.count - 1].pairs.append(TOMLDocument.Pair(key: key, value: value))
                }
                try endOfLine()
            } catch {
                record(TOMLDocument.Problem(line: startLine, reason: error.reason))
                resynchronize(after: start)
            }
        }
        return TOMLDocument(tables: tables, problems: problems, omittedProblemCount: omittedProblemCount)
    }

    mutating func record(_ problem: TOMLDocument.Problem) {
        if problems.count < TOMLDocument.maximumProblems {
            problems.append(problem)
        } else {
            omittedProblemCount += 1
        }
    }

    /// Skips to the next line after `start` that starts with `[`, where a table header may begin; an unclosed value
    /// may have stopped at the start of one already.
    mutating func resynchronize(after start: Int) {
        depth = 0
        if index > start, index < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index - 1] == 0x0A { return }
        while index < bytes.count {
            if bytes[index] == 0x0A {
                index += 1
                line += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "[") { return }
            } else {
                index += 1
            }
        }
    }

    /// Skips spaces and tabs.
    mutating func skipBlanks() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    /// Skips a comment (or a carriage return) up to, not including, the newline.
    mutating func skipComment() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    }

    /// Skips blanks, newlines and comments, as allowed between array elements.
    mutating func skipBlanksNewlinesAndComments() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    /// Requires the rest of the line to be blank or a comment.
    mutating func endOfLine() throws(TOMLSyntaxError) {
        skipBlanks()
        guard index < bytes.count else { return }
        if bytes[index] == UInt8(ascii: "#") || bytes[index] == 0x0D { skipComment() }
        guard index < bytes.count else { return }
        guard bytes[index] == 0x0A else { throw TOMLSyntaxError(reason: "unexpected text after a value") }
    }

    mutating func header() throws(TOMLSyntaxError) {
        index += 1
        let isArrayElement = index < bytes.count && bytes[index] == UInt8(ascii: "[")
        if isArrayElement { index += 1 }
        skipBlanks()
        let name = try key()
        skipBlanks()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else {
            throw TOMLSyntaxError(reason: "a table header without its closing ']'")
        }
        index += 1
        if isArrayElement {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else {
                throw TOMLSyntaxError(reason: "an array-of-tables header without its closing ']]'")
            }
            index += 1
        }
        tables.append(TOMLDocument.Table(name: name, isArrayElement: isArrayElement, line: line, pairs: []))
    }

    /// A bare, quoted or dotted key, as its parts.
    mutating func key() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard index < bytes.count else { throw TOMLSyntaxError(reason: "the file ends inside a key") }
            switch bytes[index] {
            case UInt8(ascii: "\""): parts.append(try basicString())
            case UInt8(ascii: "'"): parts.append(try literalString())
            default:
                let start = index
                while index < bytes.count, Self.isBareKeyByte(bytes[index]) { index += 1 }
                guard index > start else { throw TOMLSyntaxError(reason: "expected a key") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipBlanks()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    mutating func keyValue() throws(TOMLSyntaxError) -> (String, TOMLDocument.Value) {
        let key = try key().joined(separator: ".")
        skipBlanks()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            throw TOMLSyntaxError(reason: "expected '=' after the key '\(key.prefix(40))'")
        }
        index += 1
        skipBlanks()
        return (key, try value())
    }

    mutating func value() throws(TOMLSyntaxError) -> TOMLDocument.Value {
        guard index < bytes.count else { throw TOMLSyntaxError(reason: "the file ends before a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(
                bytes[index...].starts(with: Self.tripleQuote) ? try multilineBasicString() : try basicString())
        case UInt8(ascii: "'"):
            return .string(
                bytes[index...].starts(with: Self.tripleApostrophe) ? try multilineLiteralString() : try literalString()
            )
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "{"): return try inlineTable()
        default:
            let start = index
            while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
            guard index > start else { throw TOMLSyntaxError(reason: "expected a value") }
            return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }

    static let tripleQuote: [UInt8] = [0x22, 0x22, 0x22]
    static let tripleApostrophe: [UInt8] = [0x27, 0x27, 0x27]

    /// Bytes of integers, floats, booleans and dates: letters, digits and `+-._:`.
    static func isScalarByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    mutating func enter() throws(TOMLSyntaxError) {
        depth += 1
        guard depth <= TOMLDocument.maximumDepth else {
            throw TOMLSyntaxError(reason: "arrays and inline tables nest deeper than \(TOMLDocument.maximumDepth)")
        }
        index += 1
    }

    mutating func array() throws(TOMLSyntaxError) -> TOMLDocument.Value {
        try enter()
        defer { depth -= 1 }
        var elements: [TOMLDocument.Value] = []
        while true {
            skipBlanksNewlinesAndComments()
            guard index < bytes.count else { throw TOMLSyntaxError(reason: "an array without its closing ']'") }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            elements.append(try value())
            skipBlanksNewlinesAndComments()
            guard index < bytes.count else { throw TOMLSyntaxError(reason: "an array without its closing ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "]") {
                throw TOMLSyntaxError(reason: "expected ',' or ']' in an array")
            }
        }
    }

    /// An inline table; newlines inside it are accepted, as TOML 1.1 allows.
    mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLDocument.Value {
        try enter()
        defer { depth -= 1 }
        var pairs: [TOMLDocument.Pair] = []
        while true {
            skipBlanksNewlinesAndComments()
            guard index < bytes.count else { throw TOMLSyntaxError(reason: "an inline table without its closing '}'") }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .table(pairs)
            }
            let (key, value) = try keyValue()
            pairs.append(TOMLDocument.Pair(key: key, value: value))
            skipBlanksNewlinesAndComments()
            guard index < bytes.count else { throw TOMLSyntaxError(reason: "an inline table without its closing '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "}") {
                throw TOMLSyntaxError(reason: "expected ',' or '}' in an inline table")
            }
        }
    }

    /// A `'…'` string, which has no escapes and ends on its line.
    mutating func literalString() throws(TOMLSyntaxError) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "'"), bytes[index] != 0x0A { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "'") else {
            throw TOMLSyntaxError(reason: "a string without its closing quote")
        }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A `'''…'''` string: no escapes, newlines kept, the newline right after the opening quotes dropped.
    mutating func multilineLiteralString() throws(TOMLSyntaxError) -> String {
        index += 3
        skipFirstNewline()
        let start = index
        while index < bytes.count, !bytes[index...].starts(with: Self.tripleApostrophe) {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        guard index < bytes.count else {
            throw TOMLSyntaxError(reason: "a multi-line string without its closing \'\'\'")
        }
        // Up to two more quotes before the closing three belong to the string.
        var end = index + 3
        while end < bytes.count, end - index < 5, bytes[end] == UInt8(ascii: "'") { end += 1 }
        let text = String(decoding: bytes[start..<(end - 3)], as: UTF8.self)
        index = end
        return text
    }

    mutating func skipFirstNewline() {
        if bytes[index...].starts(with: [0x0D, 0x0A]) {
            index += 2
            line += 1
        } else if index < bytes.count, bytes[index] == 0x0A {
            index += 1
            line += 1
        }
    }

    /// A `"…"` string, which ends on its line.
    mutating func basicString() throws(TOMLSyntaxError) -> String {
        index += 1
        let start = index
        // The common case: no escapes, so the bytes are the string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
            bytes[index] != 0x0A
        {
            index += 1
        }
        guard index < bytes.count, bytes[index] != 0x0A else {
            throw TOMLSyntaxError(reason: "a string without its closing quote")
        }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var text = Array(bytes[start..<index])
        while true {
            guard index < bytes.count, bytes[index] != 0x0A else {
                throw TOMLSyntaxError(reason: "a string without its closing quote")
            }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: text, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &text)
            } else {
                text.append(byte)
            }
        }
    }

    /// A `"""…"""` string: escapes, newlines kept, a backslash at a line's end joining it to the next non-blank.
    mutating func multilineBasicString() throws(TOMLSyntaxError) -> String {
        index += 3
        skipFirstNewline()
        var text: [UInt8] = []
        while index < bytes.count {
            if bytes[index...].starts(with: Self.tripleQuote) {
                var end = index + 3
                while end < bytes.count, end - index < 5, bytes[end] == UInt8(ascii: "\"") { end += 1 }
                text += repeatElement(UInt8(ascii: "\""), count: end - index - 3)
                index = end
                return String(decoding: text, as: UTF8.self)
            }
            let byte = bytes[index]
            index += 1
            if byte == 0x0A { line += 1 }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                continue
            }
            var lookahead = index
            while lookahead < bytes.count,
                bytes[lookahead] == 0x20 || bytes[lookahead] == 0x09 || bytes[lookahead] == 0x0D
            {
                lookahead += 1
            }
            if lookahead < bytes.count, bytes[lookahead] == 0x0A {
                index = lookahead
                skipWhitespaceAfterLineEndingBackslash()
            } else {
                try escape(into: &text)
            }
        }
        throw TOMLSyntaxError(reason: "a multi-line string without its closing \"\"\"")
    }

    /// Skips the white space and newlines a line-ending backslash removes.
    mutating func skipWhitespaceAfterLineEndingBackslash() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
            default: return
            }
        }
    }

    /// Decodes the escape after a backslash.
    mutating func escape(into text: inout [UInt8]) throws(TOMLSyntaxError) {
        guard index < bytes.count else { throw TOMLSyntaxError(reason: "a string ends inside an escape") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(escape)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "e"): text.append(0x1B)
        case UInt8(ascii: "u"): text += try unicodeScalar(digits: 4)
        case UInt8(ascii: "U"): text += try unicodeScalar(digits: 8)
        default: throw TOMLSyntaxError(reason: "an invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
        }
    }

    mutating func unicodeScalar(digits: Int) throws(TOMLSyntaxError) -> [UInt8] {
        guard bytes.count - index >= digits,
            let code = UInt32(String(decoding: bytes[index..<(index + digits)], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        else {
            throw TOMLSyntaxError(reason: "an invalid \\u escape in a string")
        }
        index += digits
        return Array(String(Character(scalar)).utf8)
    }
}

extension TOMLDocument {
    /// An element of an array of tables with the sub-tables written after it (`[package.metadata]`).
    struct Element {
        var table: Table
        /// The sub-tables, by their names without the array's (`["metadata"]`).
        var subtables: [(name: [String], table: Table)]

        /// The sub-table named `name` below the element, or `nil`.
        func subtable(_ name: String) -> Table? { subtables.last { $0.name == [name] }?.table }
    }

    /// The elements of the array of tables `arrayName` that have a non-empty string `name` and `version`, as every
    /// lock file's `[[package]]` does, and the elements that lack one of them.
    func packageElements(of arrayName: String = "package") -> (
        complete: [(element: Element, name: String, version: String)], incomplete: [Element]
    ) {
        var complete: [(element: Element, name: String, version: String)] = []
        var incomplete: [Element] = []
        for element in elements(of: arrayName) {
            if let name = element.table["name"]?.stringValue, let version = element.table["version"]?.stringValue,
                !name.isEmpty, !version.isEmpty
            {
                complete.append((element, name, version))
            } else {
                incomplete.append(element)
            }
        }
        return (complete, incomplete)
    }

    /// The elements of the top-level array of tables `name` (`[[package]]`), in document order.
    func elements(of name: String) -> [Element] {
        var elements: [Element] = []
        var isInElement = false
        for table in tables {
            if table.name == [name], table.isArrayElement {
                elements.append(Element(table: table, subtables: []))
                isInElement = true
            } else if isInElement, table.name.count > 1, table.name[0] == name {
                elements[elements.count - 1].subtables.append((Array(table.name.dropFirst()), table))
            } else {
                isInElement = false
            }
        }
        return elements
    }
}
