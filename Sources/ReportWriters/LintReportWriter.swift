import ScanModel

/// Renders a lint report in one format.
public protocol LintReportWriter: Sendable {
    /// Renders the whole report; the bytes are written out by the caller.
    func render(_ report: LintReport) throws -> [UInt8]
}

/// The formats `plimsoll lint` writes; the raw values are how the command line spells them.
public enum LintReportFormat: String, CaseIterable, Sendable, Codable {
    /// A table for terminals.
    case table
    /// JSON, described in `docs/rules/dockerfile.md`.
    case json
    /// A SARIF 2.1.0 log with file and line locations, for GitHub code scanning.
    case sarif

    /// A writer for this format with default settings.
    public var writer: any LintReportWriter {
        switch self {
        case .table: LintTableWriter()
        case .json: LintJSONWriter()
        case .sarif: LintSARIFWriter()
        }
    }
}
