/// A Node.js package manifest or lock file that could not be read.
public enum NodePackageError: Error, Equatable, CustomStringConvertible {
    /// The file is not well-formed JSON.
    case malformedJSON(reason: String)
    /// The JSON is well-formed but its top level is not an object.
    case notAnObject
    /// A `package.json` without a `name`.
    case missingName
    /// A `package.json` with a `name` but no `version`.
    case missingVersion(name: String)

    public var description: String {
        switch self {
        case .malformedJSON(let reason):
            "\(reason); reinstall the package or regenerate the lock file."
        case .notAnObject:
            "the top level of the JSON is not an object, so it is not a package.json or package-lock.json."
        case .missingName:
            "the package.json has no 'name'; it is not an installed package's manifest."
        case .missingVersion(let name):
            "the package.json of '\(name)' has no 'version'; reinstall the package."
        }
    }
}
