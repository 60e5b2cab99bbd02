import Foundation

/// Reads Dockerfile text into a ``Dockerfile``.
///
/// Follows the Dockerfile reference (docs.docker.com/reference/dockerfile) and BuildKit's parser
/// (`moby/buildkit:frontend/dockerfile/parser`): parser directives only at the top, continuation lines ending in the
/// escape character, comment and empty lines inside continuations skipped, heredocs (`<<EOF`, `<<-EOF`, quoted
/// delimiters, several per instruction) for `RUN`, `COPY` and `ADD`, flags before the arguments, the exec form as a
/// JSON array of strings, and variable substitution in the instructions that expand variables.
///
/// Every line is read once and every instruction's text is scanned a bounded number of times, so time grows
/// linearly with the input; files larger than ``maximumBytes`` are refused.
public enum DockerfileParser {
    /// The largest file parsed, in bytes.
    public static let maximumBytes = 4 << 20

    /// The instructions Docker knows.
    static let keywords: Set<String> = [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]
    private static let heredocKeywords: Set<String> = ["RUN", "COPY", "ADD"]
    private static let flagKeywords: Set<String> = ["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]
    private static let execFormKeywords: Set<String> = ["RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"]
    /// The instructions whose arguments BuildKit substitutes variables in.
    static let expandingKeywords: Set<String> = [
        "ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR", "ARG",
    ]

    /// Parses `text`, the contents of the file at `path`.
    ///
    /// - Throws: ``DockerfileParseError`` naming `path` and the line.
    public static func parse(_ text: String, path: String) throws(DockerfileParseError) -> Dockerfile {
        guard text.utf8.count <= maximumBytes else {
            throw .tooLarge(file: path, bytes: text.utf8.count, limit: maximumBytes)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices where lines[index].hasSuffix("\r") { lines[index] = lines[index].dropLast() }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }

        let directives = try directives(in: lines, path: path)
        let escape: Character = directives["escape"] == "`" ? "`" : "\\"
        let instructions = try instructions(in: lines, escape: escape, path: path)
        guard !instructions.isEmpty else { throw .noInstructions(file: path) }
        return try assemble(instructions, directives: directives, escape: escape, path: path)
    }

    /// The directives at the top: `# key=value` lines before any other line.
    private static func directives(
        in lines: [Substring], path: String
    ) throws(DockerfileParseError) -> [String: String] {
        var directives: [String: String] = [:]
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            guard trimmed.hasPrefix("#") else { break }
            let body = trimmed.dropFirst().trimmingWhitespace()
            guard let equals = body.firstIndex(of: "=") else { break }
            let key = body[..<equals].trimmingWhitespace().lowercased()
            guard ["syntax", "escape", "check"].contains(key), directives[key] == nil else { break }
            let value = String(body[body.index(after: equals)...].trimmingWhitespace())
            if key == "escape", value != "\\", value != "`" {
                throw .invalidEscape(file: path, line: index + 1, value: value)
            }
            directives[key] = value
        }
        return directives
    }

    /// The instructions, continuation lines joined and heredoc bodies attached, in file order.
    private static func instructions(
        in lines: [Substring], escape: Character, path: String
    ) throws(DockerfileParseError) -> [DockerfileInstruction] {
        var instructions: [DockerfileInstruction] = []
        var pendingIgnores: Set<String> = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                index += 1
                continue
            }
            if trimmed.hasPrefix("#") {
                pendingIgnores.formUnion(ignoredRules(inComment: trimmed))
                index += 1
                continue
            }
            let startLine = index + 1
            var text = ""
            var current = Substring(line)
            while true {
                let content = current.trimmingTrailingWhitespace()
                guard content.last == escape else {
                    text += current
                    break
                }
                text += content.dropLast()
                index += 1
                while index < lines.count {
                    let next = lines[index].trimmingWhitespace()
                    guard next.isEmpty || next.hasPrefix("#") else { break }
                    pendingIgnores.formUnion(ignoredRules(inComment: next))
                    index += 1
                }
                guard index < lines.count else { break }
                current = lines[index]
            }
            let endOfLogicalLine = min(index, lines.count - 1)
            index = endOfLogicalLine + 1
            if let marker = text.range(of: "# plimsoll:ignore=") {
                pendingIgnores.formUnion(ignoredRules(inComment: Substring(text[marker.lowerBound...])))
                text = String(text[..<marker.lowerBound])
            }
            var instruction = try instruction(
                from: Substring(text), line: startLine, escape: escape, path: path, isTrigger: false)
            instruction.endLine = endOfLogicalLine + 1
            let heredocKeyword = instruction.triggers.first?.keyword ?? instruction.keyword
            if heredocKeywords.contains(heredocKeyword) {
                for marker in heredocMarkers(in: instruction.arguments) {
                    let bodyStart = index
                    var body: [Substring] = []
                    var isTerminated = false
                    while index < lines.count {
                        var bodyLine = lines[index]
                        index += 1
                        if marker.stripsLeadingTabs { bodyLine = bodyLine.drop { $0 == "\t" } }
                        if bodyLine == marker.delimiter {
                            isTerminated = true
                            break
                        }
                        body.append(bodyLine)
                    }
                    guard isTerminated else {
                        throw .unterminatedHeredoc(file: path, line: startLine, delimiter: marker.delimiter)
                    }
                    instruction.heredocs.append(
                        DockerfileHeredoc(
                            delimiter: marker.delimiter, isQuoted: marker.isQuoted,
                            stripsLeadingTabs: marker.stripsLeadingTabs,
                            body: body.map { $0 + "\n" }.joined(), line: bodyStart + 1))
                    instruction.endLine = index
                }
                if !instruction.triggers.isEmpty { instruction.triggers[0].heredocs = instruction.heredocs }
            }
            instruction.ignoredRules = pendingIgnores
            pendingIgnores = []
            instructions.append(instruction)
        }
        return instructions
    }

    /// One instruction from its joined text.
    private static func instruction(
        from text: Substring, line: Int, escape: Character, path: String, isTrigger: Bool
    ) throws(DockerfileParseError) -> DockerfileInstruction {
        let trimmed = text.trimmingWhitespace()
        let keywordEnd = trimmed.firstIndex { $0 == " " || $0 == "\t" } ?? trimmed.endIndex
        let keyword = trimmed[..<keywordEnd].uppercased()
        guard keywords.contains(keyword) else {
            throw .unknownInstruction(file: path, line: line, keyword: String(trimmed[..<keywordEnd]))
        }
        var rest = trimmed[keywordEnd...].trimmingWhitespace()
        var flags: [DockerfileFlag] = []
        if flagKeywords.contains(keyword) {
            while rest.hasPrefix("--") {
                let end = rest.firstIndex { $0 == " " || $0 == "\t" } ?? rest.endIndex
                let flag = rest[rest.index(rest.startIndex, offsetBy: 2)..<end]
                if let equals = flag.firstIndex(of: "=") {
                    flags.append(
                        DockerfileFlag(
                            name: String(flag[..<equals]).lowercased(),
                            value: String(flag[flag.index(after: equals)...])))
                } else {
                    flags.append(DockerfileFlag(name: String(flag).lowercased(), value: ""))
                }
                rest = rest[end...].trimmingWhitespace()
            }
        }
        guard !rest.isEmpty else { throw .missingArguments(file: path, line: line, keyword: keyword) }
        var triggers: [DockerfileInstruction] = []
        if keyword == "ONBUILD" {
            let triggered = try instruction(from: rest, line: line, escape: escape, path: path, isTrigger: true)
            guard !isTrigger, !["ONBUILD", "FROM", "MAINTAINER"].contains(triggered.keyword) else {
                throw .invalidTrigger(file: path, line: line, keyword: isTrigger ? keyword : triggered.keyword)
            }
            triggers = [triggered]
        }
        let arguments = String(rest)
        let execForm = execFormKeywords.contains(keyword) && rest.hasPrefix("[") ? jsonStrings(arguments) : nil
        return DockerfileInstruction(
            keyword: keyword, line: line, endLine: line, flags: flags, arguments: arguments, execForm: execForm,
            heredocs: [], triggers: triggers, ignoredRules: [], expandedArguments: arguments)
    }

    /// The rule IDs of a `# plimsoll:ignore=ID[,ID]` comment; empty for any other comment.
    static func ignoredRules(inComment comment: Substring) -> Set<String> {
        guard let marker = comment.range(of: "plimsoll:ignore=") else { return [] }
        let list = comment[marker.upperBound...].prefix { !$0.isWhitespace }
        return Set(list.split(separator: ",").map { String($0) })
    }

    struct HeredocMarker: Equatable {
        var delimiter: String
        var isQuoted: Bool
        var stripsLeadingTabs: Bool
    }

    /// The heredocs an instruction's text opens (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`), outside quotes, in order;
    /// `<<<` here-strings are not heredocs.
    static func heredocMarkers(in text: String) -> [HeredocMarker] {
        let characters = Array(text)
        var markers: [HeredocMarker] = []
        var index = 0
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
                index += 1
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                index += 1
                continue
            }
            guard character == "<", index + 1 < characters.count, characters[index + 1] == "<" else {
                index += 1
                continue
            }
            var position = index + 2
            if position < characters.count, characters[position] == "<" {
                index = position + 1
                continue
            }
            var stripsTabs = false
            if position < characters.count, characters[position] == "-" {
                stripsTabs = true
                position += 1
            }
            var delimiterQuote: Character?
            if position < characters.count, characters[position] == "'" || characters[position] == "\"" {
                delimiterQuote = characters[position]
                position += 1
            }
            let start = position
            while position < characters.count,
                characters[position].isLetter || characters[position].isNumber
                    || "_-.".contains(characters[position])
            {
                position += 1
            }
            let delimiter = String(characters[start..<position])
            if let delimiterQuote {
                guard position < characters.count, characters[position] == delimiterQuote else {
                    index = position
                    continue
                }
                position += 1
            }
            if !delimiter.isEmpty {
                markers.append(
                    HeredocMarker(delimiter: delimiter, isQuoted: delimiterQuote != nil, stripsLeadingTabs: stripsTabs))
            }
            index = max(position, index + 2)
        }
        return markers
    }

    /// The strings of a JSON array of strings (RFC 8259), or `nil` when `text` is anything else.
    static func jsonStrings(_ text: String) -> [String]? {
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        func skipSpace() {
            while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                current = scalars.next()
            }
        }
        skipSpace()
        guard current == "[" else { return nil }
        current = scalars.next()
        skipSpace()
        var strings: [String] = []
        if current == "]" {
            current = scalars.next()
            skipSpace()
            return current == nil ? [] : nil
        }
        while true {
            skipSpace()
            guard current == "\"" else { return nil }
            var string = String.UnicodeScalarView()
            while true {
                guard let scalar = scalars.next() else { return nil }
                if scalar == "\"" { break }
                if scalar.value < 0x20 { return nil }
                guard scalar == "\\" else {
                    string.append(scalar)
                    continue
                }
                guard let escaped = scalars.next() else { return nil }
                switch escaped {
                case "\"", "\\", "/": string.append(escaped)
                case "b": string.append("\u{8}")
                case "f": string.append("\u{C}")
                case "n": string.append("\n")
                case "r": string.append("\r")
                case "t": string.append("\t")
                case "u":
                    var value: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = scalars.next(), let number = UInt32(String(digit), radix: 16) else {
                            return nil
                        }
                        value = value * 16 + number
                    }
                    string.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default: return nil
                }
            }
            strings.append(String(string))
            current = scalars.next()
            skipSpace()
            if current == "]" {
                current = scalars.next()
                skipSpace()
                return current == nil ? strings : nil
            }
            guard current == "," else { return nil }
            current = scalars.next()
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }

    /// The text without trailing spaces and tabs.
    func trimmingTrailingWhitespace() -> SubSequence {
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? startIndex
        return self[startIndex..<end]
    }
}
