/// A Python distribution's metadata that names no package.
public enum PythonPackageError: Error, Equatable, CustomStringConvertible {
    /// The header block has no `Name` field (or the file is not metadata at all).
    case missingName
    /// The header block has a `Name` but no `Version`.
    case missingVersion(name: String)

    public var description: String {
        switch self {
        case .missingName:
            "the metadata has no 'Name' field; it is not core metadata, or it is damaged."
        case .missingVersion(let name):
            "the metadata of '\(name)' has no 'Version' field; reinstall the distribution."
        }
    }
}
