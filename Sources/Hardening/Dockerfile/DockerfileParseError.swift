/// Why a Dockerfile cannot be parsed; each case names the file and the 1-based line.
public enum DockerfileParseError: Error, Equatable, CustomStringConvertible {
    /// The file is larger than the parser accepts.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The file holds no instruction at all.
    case noInstructions(file: String)
    /// A keyword Docker does not know.
    case unknownInstruction(file: String, line: Int, keyword: String)
    /// An instruction other than `ARG` before the first `FROM`.
    case instructionBeforeFrom(file: String, line: Int, keyword: String)
    /// An instruction that needs arguments has none.
    case missingArguments(file: String, line: Int, keyword: String)
    /// A heredoc whose terminator never comes.
    case unterminatedHeredoc(file: String, line: Int, delimiter: String)
    /// An `# escape=` directive naming something other than `\` or `` ` ``.
    case invalidEscape(file: String, line: Int, value: String)
    /// `ONBUILD ONBUILD`, `ONBUILD FROM` or `ONBUILD MAINTAINER`, which Docker rejects.
    case invalidTrigger(file: String, line: Int, keyword: String)
    /// A `FROM` that cannot be read (`FROM a AS`, `FROM a b`).
    case malformedFrom(file: String, line: Int, text: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .tooLarge(let file, _, _), .noInstructions(let file): file
        case .unknownInstruction(let file, _, _), .instructionBeforeFrom(let file, _, _),
            .missingArguments(let file, _, _), .unterminatedHeredoc(let file, _, _), .invalidEscape(let file, _, _),
            .invalidTrigger(let file, _, _), .malformedFrom(let file, _, _):
            file
        }
    }

    /// The 1-based line, when the error is about one.
    public var line: Int? {
        switch self {
        case .tooLarge, .noInstructions: nil
        case .unknownInstruction(_, let line, _), .instructionBeforeFrom(_, let line, _),
            .missingArguments(_, let line, _), .unterminatedHeredoc(_, let line, _), .invalidEscape(_, let line, _),
            .invalidTrigger(_, let line, _), .malformedFrom(_, let line, _):
            line
        }
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let text =
            switch self {
            case .tooLarge(_, let bytes, let limit):
                "the file has \(bytes) bytes, more than the \(limit) a Dockerfile may have here"
            case .noInstructions:
                "no instructions; a Dockerfile needs at least a FROM"
            case .unknownInstruction(_, _, let keyword):
                "unknown instruction '\(printable(keyword))'; check the spelling or a missing line continuation"
            case .instructionBeforeFrom(_, _, let keyword):
                "\(printable(keyword)) before the first FROM; only ARG may come before it"
            case .missingArguments(_, _, let keyword):
                "\(keyword) needs at least one argument"
            case .unterminatedHeredoc(_, _, let delimiter):
                "the heredoc <<\(printable(delimiter)) is never terminated; end it with a line holding only "
                    + printable(delimiter)
            case .invalidEscape(_, _, let value):
                "invalid escape directive '\(printable(value))'; use \\ or `"
            case .invalidTrigger(_, _, let keyword):
                "ONBUILD cannot register \(keyword)"
            case .malformedFrom(_, _, let text):
                "cannot read 'FROM \(printable(text))'; write FROM [--platform=…] IMAGE [AS NAME]"
            }
        return "\(place): \(text)"
    }

    /// At most 80 characters of `text`, control characters shown as `?`.
    private func printable(_ text: String) -> String {
        let cleaned = String(text.prefix(80).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "?" : $0 })
        return text.count > 80 ? cleaned + "…" : cleaned
    }
}
