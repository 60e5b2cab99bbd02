/// One field of a Debian control paragraph.
struct ControlField: Equatable {
    /// The field name, lower-cased (field names are case-insensitive).
    let name: String
    /// The value: the first line trimmed, then each continuation line trimmed, joined by newlines.
    var value: String
    /// The 1-based line the field starts on.
    let line: Int
}

/// A paragraph (stanza) of a Debian control file: fields up to a blank line.
struct ControlParagraph: Equatable {
    var fields: [ControlField]
    /// The 1-based line of the paragraph's first field.
    let firstLine: Int
    /// The 1-based line that ended the paragraph: the blank line after it, or the line after the last at the end.
    var endLine: Int

    /// The value of the field `name` (lower-case), if present.
    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

/// A line of a control file that could not be read, and why.
enum ControlLineProblem: Equatable {
    /// A line that is neither `Name: value`, a continuation, a comment nor blank.
    case notAField(line: Int)
    /// A continuation line (starting with a space or tab) with no field before it.
    case orphanContinuation(line: Int)
    /// A field given twice in one paragraph; the first value is kept.
    case duplicateField(name: String, line: Int)
}

/// Reads the deb822 / RFC-822-style paragraphs of `var/lib/dpkg/status` and friends.
///
/// Follows Debian Policy §5.1 ("Syntax of control files"): paragraphs are separated by blank lines (lines of only
/// spaces and tabs count as blank); a field is `Name: value`; lines starting with a space or tab continue the previous
/// field; lines starting with `#` are comments. CRLF line endings are accepted. One pass over the bytes: linear in
/// the size of the file, whatever the number of paragraphs or continuation lines.
struct DebianControlParser {
    /// The lower-case names of the fields to keep; the others are checked for syntax but not copied.
    let keptFields: Set<String>

    /// The paragraphs of `bytes`, and the lines that could not be read.
    func paragraphs(in bytes: [UInt8]) -> (paragraphs: [ControlParagraph], problems: [ControlLineProblem]) {
        var paragraphs: [ControlParagraph] = []
        var problems: [ControlLineProblem] = []
        var current: ControlParagraph?
        // Whether continuation lines belong to a kept field (`true`), a skipped one (`false`), or nothing (`nil`).
        var continuing: Bool?
        var lineNumber = 0

        func finish(at line: Int) {
            if var paragraph = current {
                paragraph.endLine = line
                paragraphs.append(paragraph)
            }
            current = nil
            continuing = nil
        }

        for (number, line) in ByteLines(bytes) {
            lineNumber = number

            guard let first = line.first, !line.allSatisfy(Self.isBlank) else {
                finish(at: lineNumber)
                continue
            }
            if Self.isBlank(first) {
                switch continuing {
                case .some(true):
                    if let last = current?.fields.indices.last {
                        current?.fields[last].value += "\n" + Self.trimmedText(line)
                    }
                case .some(false):
                    break
                case .none:
                    problems.append(.orphanContinuation(line: lineNumber))
                }
                continue
            }
            if first == UInt8(ascii: "#") { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                problems.append(.notAField(line: lineNumber))
                continuing = nil
                continue
            }
            let name = Self.trimmedText(line[..<colon]).lowercased()
            if current == nil {
                current = ControlParagraph(fields: [], firstLine: lineNumber, endLine: lineNumber)
            }
            guard keptFields.contains(name) else {
                continuing = false
                continue
            }
            if current?.value(name) != nil {
                problems.append(.duplicateField(name: name, line: lineNumber))
                continuing = false
                continue
            }
            current?.fields.append(
                ControlField(name: name, value: Self.trimmedText(line[(colon + 1)...]), line: lineNumber))
            continuing = true
        }
        finish(at: lineNumber + 1)
        return (paragraphs, problems)
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// The bytes as text, without leading or trailing spaces and tabs.
    static func trimmedText(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, isBlank(first) { slice = slice.dropFirst() }
        while let last = slice.last, isBlank(last) { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
