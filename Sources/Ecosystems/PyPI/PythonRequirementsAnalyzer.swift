import PackageAnalysis
import ScanModel

/// Reads the exactly pinned requirements of pip requirements files: `requirements*.txt` and `requirements/*.txt`
/// (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
///
/// Lines are read as pip reads them: a `\` at a line's end joins it to the next, a `#` at the start of a line or
/// after white space starts a comment, and options after a requirement (`--hash=…`) are dropped. A requirement is
/// reported only when it pins one version, `name==version` or `name===version`, with optional extras
/// (`name[extra]==1.0`) and environment markers (`; python_version < "3.11"`). Everything that does not name one
/// version is skipped without a warning, since it is valid pip input: option lines (`-r`, `-c`, `-e`,
/// `--index-url`), URL and path requirements, ranges (`>=1.0`, `==1.*`, `==1.0,!=1.0.1`), environment variables and
/// versions with characters no PEP 440 version has.
/// Lines that are not requirements at all are counted in one warning. Names are kept as written; PEP 503
/// normalisation happens when matching and in package URLs, as for installed packages.
public struct PythonRequirementsAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "python-requirements", version: 1)

    /// Requirements files are a few KiB; generated ones with hashes reach a few hundred.
    public var maximumFileSize: Int64 { 16 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        guard name.hasSuffix(".txt") else { return false }
        guard name.hasPrefix("requirements") || path.parent.name == "requirements" else { return false }
        return !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        Self.result(file.contents, path: file.path)
    }

    /// The pinned requirements of a requirements file, in file order, and one warning for the lines that are not
    /// requirements.
    public static func result(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var packages: [InstalledPackage] = []
        var unreadable = UnreadableLines()
        for (number, line) in logicalLines(bytes) {
            switch requirement(in: line) {
            case .pinned(let name, let version):
                packages.append(InstalledPackage(name: name, version: version, ecosystem: .pypi, path: path))
            case .notPinned:
                continue
            case .invalid:
                unreadable.record(line: number, reason: "not a requirement")
            }
        }
        return AnalysisResult(packages: LockedPackages.merged(packages), warnings: unreadable.warnings(for: path))
    }

    /// The lines of a requirements file with continuations joined and comments removed, numbered by their first
    /// physical line; blank lines are left out.
    static func logicalLines(_ bytes: [UInt8]) -> [(number: Int, text: ArraySlice<UInt8>)] {
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var lines: [(number: Int, text: ArraySlice<UInt8>)] = []
        var pending: [UInt8] = []
        var pendingNumber: Int?
        func emit(_ number: Int, _ text: ArraySlice<UInt8>) {
            let uncommented = withoutComment(text)
            let trimmed = trimmed(uncommented)
            if !trimmed.isEmpty { lines.append((number, trimmed)) }
        }
        for (number, line) in ByteLines(bytes) {
            // pip joins a line ending in `\` to the next, unless the line is a comment.
            if line.last == UInt8(ascii: "\\"), !isCommentLine(line) {
                if pendingNumber == nil { pendingNumber = number }
                pending += line.dropLast()
                continue
            }
            if let start = pendingNumber {
                // A comment ends the continuation, and is kept apart so that it is removed as a comment.
                pending += isCommentLine(line) ? [UInt8(ascii: " ")] + line : line
                emit(start, pending[...])
                pending = []
                pendingNumber = nil
            } else {
                emit(number, line)
            }
        }
        if let start = pendingNumber { emit(start, pending[...]) }
        return lines
    }

    private static func isCommentLine(_ line: ArraySlice<UInt8>) -> Bool {
        trimmed(line).first == UInt8(ascii: "#")
    }

    /// The text before a `#` that starts the line or follows white space.
    private static func withoutComment(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var previous: UInt8 = UInt8(ascii: " ")
        for index in line.indices {
            if line[index] == UInt8(ascii: "#"), isBlank(previous) { return line[line.startIndex..<index] }
            previous = line[index]
        }
        return line
    }

    /// What one logical line asks for.
    enum Requirement: Equatable {
        case pinned(name: String, version: String)
        /// Valid pip input that pins no single version from an index: options, URLs, paths, ranges.
        case notPinned
        /// Not a requirement at all.
        case invalid
    }

    /// Reads one logical line, comments already removed.
    static func requirement(in line: ArraySlice<UInt8>) -> Requirement {
        guard let first = line.first else { return .notPinned }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "/") { return .notPinned }
        // Options after the requirement (`--hash=sha256:…`) start at a `-` after white space.
        var end = line.endIndex
        for index in line.indices.dropFirst() where line[index] == UInt8(ascii: "-") && isBlank(line[index - 1]) {
            end = index
            break
        }
        // Environment markers follow `;`.
        if let semicolon = line[..<end].firstIndex(of: UInt8(ascii: ";")) { end = semicolon }
        let text = line[line.startIndex..<end]
        var index = text.startIndex
        while index < text.endIndex, isNameByte(text[index]) { index += 1 }
        let nameBytes = text[text.startIndex..<index]
        guard let firstByte = nameBytes.first, let lastByte = nameBytes.last, isAlphanumeric(firstByte),
            isAlphanumeric(lastByte)
        else {
            return text.contains(UInt8(ascii: ":")) ? .notPinned : .invalid
        }
        var rest = trimmed(text[index...])
        if rest.first == UInt8(ascii: "[") {
            guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return .invalid }
            rest = trimmed(rest[(close + 1)...])
        }
        guard let operatorByte = rest.first else { return .notPinned }
        switch operatorByte {
        case UInt8(ascii: "="):
            break
        case UInt8(ascii: "@"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "~"),
            UInt8(ascii: "("):
            return .notPinned
        default:
            // `git+https://…` and `https://…` lines start with what looks like a name.
            return rest.contains(UInt8(ascii: ":")) ? .notPinned : .invalid
        }
        guard rest.starts(with: Array("==".utf8)) else { return .notPinned }
        rest = rest.dropFirst(rest.starts(with: Array("===".utf8)) ? 3 : 2)
        let version = trimmed(rest)
        // PEP 440 versions are letters, digits and `.!+-_`; `===` allows more, but nothing an index serves.
        guard !version.isEmpty,
            version.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "+") })
        else { return .notPinned }
        return .pinned(
            name: String(decoding: nameBytes, as: UTF8.self), version: String(decoding: version, as: UTF8.self))
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = text
        while let first = result.first, isBlank(first) { result = result.dropFirst() }
        while let last = result.last, isBlank(last) { result = result.dropLast() }
        return result
    }
}
