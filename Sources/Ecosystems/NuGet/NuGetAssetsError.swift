/// A .NET dependency file that names no packages because it could not be read.
public enum NuGetAssetsError: Error, Equatable, CustomStringConvertible {
    /// The file is not JSON, or not an object at its top level.
    case notJSONObject(file: String)

    public var description: String {
        switch self {
        case .notJSONObject(let file):
            "'\(file)' is not a JSON object; it is damaged or not a .NET dependency file."
        }
    }
}
