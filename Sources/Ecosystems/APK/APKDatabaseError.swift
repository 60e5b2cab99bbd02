/// A problem in the apk installed database (`lib/apk/db/installed`).
///
/// Most problems concern one record, which is skipped while the rest are read; they become warnings. Parsing throws
/// only when nothing in the file could be read as a package.
public enum APKDatabaseError: Error, Equatable, CustomStringConvertible {
    /// A record without a `P:` name; `line` is where the record ends.
    case missingName(line: Int)
    /// A record without a `V:` version; `line` is where the record ends.
    case missingVersion(package: String, line: Int)
    /// A line that is not `X:value` with a one-letter key.
    case malformedLine(line: Int)
    /// A second `P:` before the blank line that ends a record; it was read as the start of a new record.
    case missingRecordSeparator(line: Int)

    public var description: String {
        switch self {
        case .missingName(let line):
            "line \(line): the record ending here has no name (P:); skipped it."
        case .missingVersion(let package, let line):
            "line \(line): the record for '\(package)' ending here has no version (V:); skipped it."
        case .malformedLine(let line):
            "line \(line): not a 'X:value' field; ignored it."
        case .missingRecordSeparator(let line):
            "line \(line): a new package (P:) starts without a blank line before it; read it as a new record."
        }
    }
}
