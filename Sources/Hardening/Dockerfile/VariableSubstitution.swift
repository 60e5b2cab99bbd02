/// Substitutes build arguments and environment variables the way BuildKit's shell lexer does for `FROM`, `COPY`,
/// `ENV`, `USER`, `WORKDIR` and the other instructions that expand them (`moby/buildkit:frontend/dockerfile/shell`).
///
/// Supports `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alternative}`, `${NAME+alternative}`
/// and `${NAME:?message}`; the escape character before `$` keeps it literal, and single quotes keep their text
/// literal. Nesting (`${A:-${B}}`) is followed to ``maximumDepth`` levels; deeper text is kept as written.
struct VariableSubstitution {
    /// How deep `${…}` words nest before the rest is kept as written.
    static let maximumDepth = 8

    /// The variables in scope; a `nil` value is declared (`ARG NAME`) but unset.
    var variables: [String: String?]
    /// The Dockerfile's escape character.
    var escape: Character

    /// `text` with its variables substituted, and whether any variable it used was unset without a default.
    func expand(_ text: String) -> (text: String, isResolved: Bool) {
        var isResolved = true
        let result = expand(Array(text), depth: 0, isResolved: &isResolved)
        return (result, isResolved)
    }

    private func expand(_ characters: [Character], depth: Int, isResolved: inout Bool) -> String {
        var output = ""
        var index = 0
        var inSingleQuotes = false
        var inDoubleQuotes = false
        let closing = closingBraces(in: characters)
        while index < characters.count {
            let character = characters[index]
            if character == escape, index + 1 < characters.count, !inSingleQuotes {
                if characters[index + 1] == "$" {
                    output.append("$")
                } else {
                    output.append(character)
                    output.append(characters[index + 1])
                }
                index += 2
                continue
            }
            if character == "'" && !inDoubleQuotes {
                inSingleQuotes.toggle()
            } else if character == "\"" && !inSingleQuotes {
                inDoubleQuotes.toggle()
            }
            guard character == "$", !inSingleQuotes, index + 1 < characters.count else {
                output.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "{" {
                guard let close = closing[index + 1], depth < Self.maximumDepth else {
                    output.append(character)
                    index += 1
                    continue
                }
                output += braced(Array(characters[(index + 2)..<close]), depth: depth, isResolved: &isResolved)
                index = close + 1
            } else if next.isLetter || next == "_" {
                var end = index + 1
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                let name = String(characters[(index + 1)..<end])
                if let value = variables[name], let value {
                    output += value
                } else {
                    isResolved = false
                }
                index = end
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The value of the inside of `${…}`.
    private func braced(_ inside: [Character], depth: Int, isResolved: inout Bool) -> String {
        var end = 0
        while end < inside.count, isNameCharacter(inside[end]) { end += 1 }
        let name = String(inside[..<end])
        let value = variables[name] ?? nil
        let rest = Array(inside[end...])
        guard !rest.isEmpty else {
            if value == nil { isResolved = false }
            return value ?? ""
        }
        var operation = String(rest.prefix(1))
        var wordStart = 1
        if rest[0] == ":", rest.count > 1, "-+?".contains(rest[1]) {
            operation = String(rest.prefix(2))
            wordStart = 2
        }
        let wordCharacters = Array(rest[wordStart...])
        switch operation {
        case ":-":
            return (value?.isEmpty ?? true)
                ? expand(wordCharacters, depth: depth + 1, isResolved: &isResolved) : value ?? ""
        case "-":
            return value ?? expand(wordCharacters, depth: depth + 1, isResolved: &isResolved)
        case ":+":
            return (value?.isEmpty ?? true) ? "" : expand(wordCharacters, depth: depth + 1, isResolved: &isResolved)
        case "+":
            return value == nil ? "" : expand(wordCharacters, depth: depth + 1, isResolved: &isResolved)
        case ":?", "?":
            if value == nil { isResolved = false }
            return value ?? ""
        default:
            // Pattern operations (`${NAME#prefix}`, `${NAME%suffix}`, `${NAME/a/b}`) keep the value.
            if value == nil { isResolved = false }
            return value ?? ""
        }
    }

    /// The position of the `}` closing each `${` (keyed by the position of its `{`), found in one pass with a stack,
    /// so text full of unclosed `${` still takes linear time.
    private func closingBraces(in characters: [Character]) -> [Int: Int] {
        var closing: [Int: Int] = [:]
        var open: [Int] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == escape {
                index += 2
                continue
            }
            if character == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                open.append(index + 1)
                index += 2
                continue
            }
            if character == "}", let opening = open.popLast() { closing[opening] = index }
            index += 1
        }
        return closing
    }

    private func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }
}
