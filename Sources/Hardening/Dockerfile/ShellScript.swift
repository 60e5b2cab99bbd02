/// The simple commands of a `RUN` instruction's shell script, as far as the rules need them: words with quotes
/// removed, split at `;`, `&&`, `||`, `|`, `&`, newlines, parentheses and backquotes.
///
/// It is not a shell parser: it does not expand variables or follow `sh -c` strings. It is enough to tell which
/// programs run with which arguments, and which command's output is piped into which.
public struct ShellScript: Sendable, Equatable {
    /// One simple command.
    public struct Command: Sendable, Equatable {
        /// The words, quotes removed, with leading `NAME=value` assignments and the keywords that start a compound
        /// command (`if`, `then`, `do`, `!`, `{`) dropped.
        public var words: [String]
        /// Whether the command's output is piped (`|`) into the next command.
        public var pipesIntoNext: Bool

        /// The program's name without its directory (`/usr/bin/apt-get` → `apt-get`), or `""`.
        public var program: String {
            guard let first = words.first else { return "" }
            return first.split(separator: "/").last.map(String.init) ?? first
        }

        /// The words after `sudo` and its options, or all of them: the command `sudo` runs.
        public var unprivilegedWords: [String] {
            guard program == "sudo" else { return words }
            var rest = words.dropFirst()
            while let word = rest.first, word.hasPrefix("-") {
                rest = rest.dropFirst()
                if ["-u", "-g", "-C", "-h", "-p", "-U", "-r", "-t"].contains(word) { rest = rest.dropFirst() }
            }
            return Array(rest)
        }
    }

    /// The commands in script order.
    public var commands: [Command]

    private static let compoundKeywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "!", "{", "}", "time", "exec",
        "env", "command", "nohup",
    ]

    /// Splits `script` into commands.
    public init(_ script: String) {
        var commands: [Command] = []
        var words: [String] = []
        var word = ""
        var hasWord = false
        var quote: Character?
        var isEscaped = false
        var isComment = false
        var previous: Character = " "

        func endWord() {
            if hasWord { words.append(word) }
            word = ""
            hasWord = false
        }
        func endCommand(pipes: Bool) {
            endWord()
            while let first = words.first,
                Self.compoundKeywords.contains(first)
                    || (first.contains("=") && !first.hasPrefix("-")
                        && first.first.map { $0.isLetter || $0 == "_" } == true
                        && first.prefix { $0 != "=" }.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
            {
                words.removeFirst()
            }
            if !words.isEmpty {
                commands.append(Command(words: words, pipesIntoNext: pipes))
            } else if pipes, !commands.isEmpty {
                commands[commands.count - 1].pipesIntoNext = true
            }
            words = []
        }

        var characters = script.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            defer { previous = character }
            if isComment {
                if character == "\n" {
                    isComment = false
                    endCommand(pipes: false)
                }
                continue
            }
            if isEscaped {
                isEscaped = false
                if character != "\n" {
                    word.append(character)
                    hasWord = true
                }
                continue
            }
            if character == "\\" && quote != "'" {
                isEscaped = true
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
            case " ", "\t":
                endWord()
            case "#" where !hasWord && (previous == " " || previous == "\t" || previous == "\n" || previous == ";"):
                isComment = true
            case "\n", ";", "(", ")", "`":
                endCommand(pipes: false)
            case "&":
                let next = characters.next()
                if next != "&" { pending = next }
                endCommand(pipes: false)
            case "|":
                let next = characters.next()
                if next == "|" {
                    endCommand(pipes: false)
                } else {
                    pending = next
                    endCommand(pipes: true)
                }
            case ">", "<":
                // A redirection: `2>&1`, `> /dev/null`; drop the operator, keep the target as a word.
                endWord()
            default:
                word.append(character)
                hasWord = true
            }
        }
        endCommand(pipes: false)
        self.commands = commands
    }
}

extension DockerfileInstruction {
    /// The shell script a `RUN` instruction runs: its shell-form text, plus the bodies of heredocs that feed a shell
    /// (`RUN <<EOF`, `RUN bash <<EOF`); the exec form's words joined by spaces.
    public var shellScript: ShellScript {
        var text = execForm?.joined(separator: " ") ?? arguments
        let leading = arguments.trimmingWhitespace()
        let feedsShell =
            leading.hasPrefix("<<")
            || ["sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash"].contains {
                leading.hasPrefix($0 + " <<") || leading.hasPrefix($0 + " -e <<") || leading.hasPrefix($0 + " -ex <<")
            }
        if feedsShell {
            for heredoc in heredocs { text += "\n" + heredoc.body }
        }
        return ShellScript(text)
    }
}
