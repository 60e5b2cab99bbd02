/// A Java archive that could not be read at all.
public enum JavaArchiveError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a zip archive, or its central directory is missing or truncated.
    case notAZipArchive
    /// Inflating the archive's entries went past the analyzer's limit.
    case inflationLimitExceeded(limit: Int64)

    public var description: String {
        switch self {
        case .notAZipArchive:
            "the file is not a readable zip archive (no central directory: truncated or not a Java archive)."
        case .inflationLimitExceeded(let limit):
            "inflating the archive's entries went past \(limit) bytes, the limit against zip bombs; "
                + "the rest of the archive was not read."
        }
    }
}
