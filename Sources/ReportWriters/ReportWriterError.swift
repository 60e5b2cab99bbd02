/// Why a report could not be rendered.
public enum ReportWriterError: Error, Equatable, CustomStringConvertible {
    /// The report's `createdAt` is not an RFC 3339 date-time, which SBOM formats require.
    case invalidTimestamp(String)

    public var description: String {
        switch self {
        case .invalidTimestamp(let text):
            "The report's creation time '\(text)' is not an RFC 3339 date-time such as 2024-05-01T12:00:00Z; "
                + "SBOM formats need one. Re-run the scan, or fix `createdAt` in the JSON report."
        }
    }
}
