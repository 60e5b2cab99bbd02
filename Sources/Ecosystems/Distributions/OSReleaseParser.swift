/// Reads the `KEY=value` assignments of `os-release` and `lsb-release` files.
///
/// Follows `os-release(5)` of freedesktop.org: one assignment a line; blank lines and lines starting with `#` are
/// ignored; values may be quoted with `"` or `'` and use shell-style backslash escapes (inside double quotes only
/// `\"`, `\\`, `\$` and `` \` `` are escapes). Leniently, an unquoted value may hold spaces, an unterminated quote
/// runs to the end of the line, spaces around `=` are allowed, and an `export ` prefix is ignored.
enum OSReleaseParser {
    /// The assignments of `text`; a later assignment of the same key replaces an earlier one.
    static func assignments(in text: String) -> [String: String] {
        var result: [String: String] = [:]
        for rawLine in text.split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            var line = Substring(rawLine.trimmedOfBlanks())
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmedOfBlanks()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            result[key] = unquote(line[line.index(after: equals)...].trimmedOfBlanks())
        }
        return result
    }

    /// The value of a shell-style word: quotes removed and escapes resolved.
    static func unquote(_ word: String) -> String {
        let characters = Array(word)
        var value = ""
        var index = 0
        func next() -> Character? {
            guard index < characters.count else { return nil }
            defer { index += 1 }
            return characters[index]
        }
        while let character = next() {
            switch character {
            case "\"":
                while let inner = next(), inner != "\"" {
                    if inner == "\\", let escaped = next() {
                        if !"\"\\$`".contains(escaped) { value.append("\\") }
                        value.append(escaped)
                    } else {
                        value.append(inner)
                    }
                }
            case "'":
                while let inner = next(), inner != "'" { value.append(inner) }
            case "\\":
                if let escaped = next() { value.append(escaped) }
            case " ", "\t":
                // Unquoted blanks end a shell word: a `#` after them starts a comment; anything else is kept, leniently.
                var blanks = String(character)
                while index < characters.count, characters[index] == " " || characters[index] == "\t" {
                    blanks.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == "#" { return value }
                value += blanks
            default:
                value.append(character)
            }
        }
        return value
    }
}
