extension DockerfileParser {
    /// Groups instructions into stages and substitutes variables: global `ARG`s in `FROM`, and each stage's `ARG`s
    /// and `ENV`s in the instructions after them.
    static func assemble(
        _ instructions: [DockerfileInstruction], directives: [String: String], escape: Character, path: String
    ) throws(DockerfileParseError) -> Dockerfile {
        var globalArguments: [DockerfileInstruction] = []
        var globalScope: [String: String?] = [:]
        var stages: [DockerfileStage] = []
        var scope: [String: String?] = [:]
        for var instruction in instructions {
            if instruction.keyword == "FROM" {
                stages.append(
                    try stage(
                        from: instruction, index: stages.count, earlier: stages, scope: globalScope,
                        escape: escape, path: path))
                scope = [:]
                continue
            }
            guard !stages.isEmpty else {
                guard instruction.keyword == "ARG" else {
                    throw .instructionBeforeFrom(file: path, line: instruction.line, keyword: instruction.keyword)
                }
                let substitution = VariableSubstitution(variables: globalScope, escape: escape)
                for (name, value) in keyValuePairs(instruction.arguments, escape: escape) {
                    globalScope[name] = value.map { substitution.expand($0).text }
                }
                instruction.expandedArguments = substitution.expand(instruction.arguments).text
                globalArguments.append(instruction)
                continue
            }
            let substitution = VariableSubstitution(variables: scope, escape: escape)
            if expandingKeywords.contains(instruction.keyword) {
                instruction.expandedArguments = substitution.expand(instruction.arguments).text
            }
            if let execForm = instruction.execForm, ["COPY", "ADD", "VOLUME"].contains(instruction.keyword) {
                instruction.execForm = execForm.map { substitution.expand($0).text }
            }
            switch instruction.keyword {
            case "ARG":
                for (name, value) in keyValuePairs(instruction.arguments, escape: escape) {
                    scope[name] = value.map { substitution.expand($0).text } ?? globalScope[name] ?? nil
                }
            case "ENV":
                for (name, value) in keyValuePairs(instruction.arguments, escape: escape) {
                    scope[name] = substitution.expand(value ?? "").text
                }
            default:
                break
            }
            stages[stages.count - 1].instructions.append(instruction)
        }
        return Dockerfile(
            path: path, directives: directives, escapeCharacter: escape, globalArguments: globalArguments,
            stages: stages)
    }

    private static func stage(
        from instruction: DockerfileInstruction, index: Int, earlier: [DockerfileStage], scope: [String: String?],
        escape: Character, path: String
    ) throws(DockerfileParseError) -> DockerfileStage {
        var instruction = instruction
        let substitution = VariableSubstitution(variables: scope, escape: escape)
        let words = instruction.arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count == 1 || (words.count == 3 && words[1].lowercased() == "as") else {
            throw .malformedFrom(file: path, line: instruction.line, text: instruction.arguments)
        }
        let expanded = substitution.expand(words[0])
        let base = expanded.isResolved && !expanded.text.isEmpty ? expanded.text : words[0]
        instruction.expandedArguments =
            words.count == 3 ? "\(base) \(words[1]) \(words[2])" : base
        let name = words.count == 3 ? words[2].lowercased() : nil
        let lowered = base.lowercased()
        let baseStage = earlier.last { $0.name == lowered }?.index
        return DockerfileStage(
            index: index, name: name, from: instruction, base: base, baseStageIndex: baseStage,
            platform: instruction.flag("platform").map { substitution.expand($0).text },
            instructions: [])
    }

    /// The `NAME=value` pairs of an `ARG`, `ENV` or `LABEL`, quotes removed; `ENV NAME value` (the legacy form)
    /// gives one pair with the rest of the line as its value, and `ARG NAME` a `nil` value.
    static func keyValuePairs(_ text: String, escape: Character) -> [(String, String?)] {
        let words = shellWords(text, escape: escape)
        guard let first = words.first else { return [] }
        if !first.contains("="), words.count > 1 {
            let rest = text.trimmingWhitespace().drop { $0 != " " && $0 != "\t" }.trimmingWhitespace()
            return [(first, unquoted(String(rest), escape: escape))]
        }
        return words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }

    /// `text` split on unquoted whitespace, with quotes removed and escaped characters kept.
    static func shellWords(_ text: String, escape: Character) -> [String] {
        var words: [String] = []
        var word = ""
        var hasWord = false
        var quote: Character?
        var isEscaped = false
        for character in text {
            if isEscaped {
                word.append(character)
                isEscaped = false
                continue
            }
            if character == escape && quote != "'" {
                isEscaped = true
                hasWord = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                hasWord = true
            case " ", "\t", "\n":
                if hasWord { words.append(word) }
                word = ""
                hasWord = false
            default:
                word.append(character)
                hasWord = true
            }
        }
        if hasWord { words.append(word) }
        return words
    }

    /// `text` with its quotes removed.
    private static func unquoted(_ text: String, escape: Character) -> String {
        shellWords(text, escape: escape).joined(separator: " ")
    }
}
