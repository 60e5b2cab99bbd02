import ScanModel

/// A release file that names no distribution.
public enum OperatingSystemReleaseError: Error, Equatable, CustomStringConvertible {
    /// The file has no assignments, or none that identify a distribution (an empty `os-release`).
    case noDistribution(path: ImagePath)
    /// A release line (`etc/redhat-release` and the like) naming a distribution this scanner does not know.
    case unrecognizedRelease(path: ImagePath, text: String)

    public var description: String {
        switch self {
        case .noDistribution(let path):
            "\(path.absolute) names no distribution; the operating system is taken from other release files."
        case .unrecognizedRelease(let path, let text):
            "\(path.absolute) says '\(text)', which names no known distribution; the operating system is taken from other release files."
        }
    }
}
