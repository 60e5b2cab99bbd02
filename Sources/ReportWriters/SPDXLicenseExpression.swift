/// A license expression in the syntax of SPDX 2.3 Annex D, checked against the SPDX License List.
///
/// Package databases record licenses loosely (`GPLv2+`, `MIT and BSD`, `custom`). SBOM formats need either a
/// valid expression or a clearly marked free-text name, so every license string passes through here first: what
/// parses becomes a normalized expression (canonical identifier case, upper-case operators, only needed
/// parentheses); what does not is left to the caller to mark as free text.
///
/// An exception after `WITH` may be any identifier on the list: CycloneDX's list does not tell licenses from
/// exceptions, so `MIT WITH Apache-2.0` passes. Package databases do not write such things.
struct SPDXLicenseExpression: Equatable, Sendable, CustomStringConvertible {
    indirect enum Node: Equatable, Sendable {
        /// A license identifier in canonical case, a trailing `+`, or a `LicenseRef-`/`DocumentRef-` reference.
        case license(String)
        case with(Node, exception: String)
        case and([Node])
        case or([Node])
    }

    let root: Node

    init(_ root: Node) { self.root = root }

    /// Parses `text`; returns `nil` when it is not a valid expression over known identifiers.
    init?(parsing text: String) {
        guard let tokens = Self.tokens(of: text), !tokens.isEmpty else { return nil }
        var parser = Parser(tokens: tokens)
        guard let root = parser.parseOr(), parser.isAtEnd else { return nil }
        self.root = root
    }

    /// The identifier when the expression is one listed license with nothing around it (`MIT`, `GPL-2.0+`).
    var singleListedIdentifier: String? {
        guard case .license(let identifier) = root, Self.canonicalIdentifiers[identifier.lowercased()] == identifier
        else { return nil }
        return identifier
    }

    /// The document-local `LicenseRef-`s the expression uses, in order of first use; `DocumentRef-` ones, which
    /// another document defines, are not included.
    var localLicenseReferences: [String] {
        func references(in node: Node) -> [String] {
            switch node {
            case .license(let identifier): identifier.hasPrefix("LicenseRef-") ? [identifier] : []
            case .with(let license, _): references(in: license)
            case .and(let children), .or(let children): children.flatMap(references)
            }
        }
        var seen: Set<String> = []
        return references(in: root).filter { seen.insert($0).inserted }
    }

    /// The expression with each license identifier passed through `rename`.
    func renamingLicenses(_ rename: (String) -> String) -> SPDXLicenseExpression {
        func renamed(_ node: Node) -> Node {
            switch node {
            case .license(let identifier): .license(rename(identifier))
            case .with(let license, let exception): .with(renamed(license), exception: exception)
            case .and(let children): .and(children.map(renamed))
            case .or(let children): .or(children.map(renamed))
            }
        }
        return SPDXLicenseExpression(renamed(root))
    }

    /// Every expression joined with `AND`: what a package that lists several licenses declares.
    static func conjunction(_ expressions: [SPDXLicenseExpression]) -> SPDXLicenseExpression? {
        guard let first = expressions.first else { return nil }
        guard expressions.count > 1 else { return first }
        return SPDXLicenseExpression(
            .and(
                expressions.flatMap { expression -> [Node] in
                    if case .and(let children) = expression.root { return children }
                    return [expression.root]
                }))
    }

    var description: String { Self.render(root, parentPrecedence: 0) }

    private static func precedence(of node: Node) -> Int {
        switch node {
        case .or: 1
        case .and: 2
        case .with, .license: 3
        }
    }

    private static func render(_ node: Node, parentPrecedence: Int) -> String {
        let text: String
        switch node {
        case .license(let identifier): text = identifier
        case .with(let license, let exception): text = render(license, parentPrecedence: 3) + " WITH " + exception
        case .and(let children): text = children.map { render($0, parentPrecedence: 2) }.joined(separator: " AND ")
        case .or(let children): text = children.map { render($0, parentPrecedence: 1) }.joined(separator: " OR ")
        }
        return precedence(of: node) < parentPrecedence ? "(" + text + ")" : text
    }

    /// Lower-cased identifier to canonical identifier; SPDX matches identifiers case-insensitively (Annex D.2).
    static let canonicalIdentifiers: [String: String] = Dictionary(
        SPDXLicenseList.identifiers.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// Whether `text` is a valid `idstring` (letters, digits, `.` and `-`), SPDX 2.3 Annex D.
    static func isIDString(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            }
    }

    private enum Token: Equatable {
        case open, close, and, or, with
        case word(String)
    }

    private static func tokens(of text: String) -> [Token]? {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            switch word.uppercased() {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "WITH": tokens.append(.with)
            default: tokens.append(.word(word))
            }
            word = ""
        }
        for character in text {
            switch character {
            case "(":
                flush()
                tokens.append(.open)
            case ")":
                flush()
                tokens.append(.close)
            case " ", "\t", "\n", "\r":
                flush()
            default:
                word.append(character)
            }
        }
        flush()
        return tokens
    }

    /// A recursive-descent parser: `or := and ("OR" and)*`, `and := with ("AND" with)*`,
    /// `with := simple ("WITH" exception)? | "(" or ")"`.
    private struct Parser {
        let tokens: [Token]
        var position = 0

        var isAtEnd: Bool { position == tokens.count }

        mutating func next() -> Token? {
            guard position < tokens.count else { return nil }
            defer { position += 1 }
            return tokens[position]
        }

        func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

        mutating func parseOr() -> Node? {
            guard let first = parseAnd() else { return nil }
            var children = [first]
            while peek() == .or {
                position += 1
                guard let child = parseAnd() else { return nil }
                children.append(child)
            }
            return children.count == 1
                ? first : .or(children.flatMap { if case .or(let inner) = $0 { inner } else { [$0] } })
        }

        mutating func parseAnd() -> Node? {
            guard let first = parseWith() else { return nil }
            var children = [first]
            while peek() == .and {
                position += 1
                guard let child = parseWith() else { return nil }
                children.append(child)
            }
            return children.count == 1
                ? first : .and(children.flatMap { if case .and(let inner) = $0 { inner } else { [$0] } })
        }

        mutating func parseWith() -> Node? {
            switch next() {
            case .open:
                guard let inner = parseOr(), next() == .close else { return nil }
                return inner
            case .word(let word):
                guard let license = Self.simpleExpression(word) else { return nil }
                guard peek() == .with else { return license }
                position += 1
                guard case .word(let exception) = next(), !exception.hasSuffix("+"),
                    let canonical = SPDXLicenseExpression.canonicalIdentifiers[exception.lowercased()]
                else { return nil }
                return .with(license, exception: canonical)
            default:
                return nil
            }
        }

        /// `license-id`, `license-id+`, `LicenseRef-idstring` or `DocumentRef-idstring:LicenseRef-idstring`.
        static func simpleExpression(_ word: String) -> Node? {
            if let canonical = SPDXLicenseExpression.canonicalIdentifiers[word.lowercased()] {
                return .license(canonical)
            }
            if word.hasSuffix("+"),
                let canonical = SPDXLicenseExpression.canonicalIdentifiers[word.dropLast().lowercased()]
            {
                return .license(canonical + "+")
            }
            let parts = word.split(separator: ":", omittingEmptySubsequences: false)
            let reference: Substring
            switch parts.count {
            case 1:
                reference = parts[0]
            case 2:
                guard parts[0].hasPrefix("DocumentRef-"), isIDString(parts[0].dropFirst("DocumentRef-".count)) else {
                    return nil
                }
                reference = parts[1]
            default:
                return nil
            }
            guard reference.hasPrefix("LicenseRef-"), isIDString(reference.dropFirst("LicenseRef-".count)) else {
                return nil
            }
            return .license(word)
        }
    }
}
