/// A problem in a dpkg database file (`var/lib/dpkg/status`, `status.d/*`).
///
/// Most problems concern one stanza, which is skipped while the rest are read; they become warnings. Parsing throws
/// only when nothing in the file could be read as a package.
public enum DpkgDatabaseError: Error, Equatable, CustomStringConvertible {
    /// A stanza without a `Package` field; `line` is where the stanza ends.
    case missingPackageName(line: Int)
    /// A stanza for an installed package without a `Version` field; `line` is where the stanza ends.
    case missingVersion(package: String, line: Int)
    /// A line that is neither `Name: value`, a continuation, nor blank.
    case malformedLine(line: Int)
    /// A continuation line (starting with a space) with no field before it.
    case orphanContinuation(line: Int)
    /// A field given twice in one stanza; the first value was kept.
    case duplicateField(name: String, line: Int)
    /// A `Status` field that is not `want flag status`; the package was kept as installed.
    case unreadableStatus(package: String, status: String, line: Int)

    public var description: String {
        switch self {
        case .missingPackageName(let line):
            "line \(line): the stanza ending here has no Package field; skipped it."
        case .missingVersion(let package, let line):
            "line \(line): the stanza for '\(package)' ending here has no Version field; skipped it."
        case .malformedLine(let line):
            "line \(line): not a 'Name: value' field nor a continuation line; ignored it."
        case .orphanContinuation(let line):
            "line \(line): a continuation line with no field before it; ignored it."
        case .duplicateField(let name, let line):
            "line \(line): field '\(name)' given twice in one stanza; kept the first value."
        case .unreadableStatus(let package, let status, let line):
            "line \(line): '\(package)' has an unreadable Status '\(status)'; assumed it is installed."
        }
    }
}
