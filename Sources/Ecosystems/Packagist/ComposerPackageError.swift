/// A Composer file that could not be read.
public enum ComposerPackageError: Error, Equatable, CustomStringConvertible {
    /// The file is not well-formed JSON.
    case malformedJSON(reason: String)
    /// The JSON is well-formed but has no package list where Composer writes one.
    case missingPackageList

    public var description: String {
        switch self {
        case .malformedJSON(let reason):
            "\(reason); run 'composer install' again to rewrite it."
        case .missingPackageList:
            "the file has no 'packages' list, so it was not written by Composer."
        }
    }
}
