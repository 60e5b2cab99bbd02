/// The formats a report can be written in; the raw values are how the command line spells them.
public enum ReportFormat: String, CaseIterable, Sendable, Codable {
    /// A table for terminals.
    case table
    /// Plimsoll's own JSON report, described in `docs/report-schema.md`.
    case json
    /// A SARIF 2.1.0 log of the vulnerabilities, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// A CycloneDX 1.6 JSON bill of materials.
    case cyclonedx
    /// An SPDX 2.3 JSON document.
    case spdxJSON = "spdx-json"

    /// A writer for this format with default settings.
    public var writer: any ReportWriter {
        switch self {
        case .table: TableReportWriter()
        case .json: JSONReportWriter()
        case .sarif: SARIFReportWriter()
        case .cyclonedx: CycloneDXReportWriter()
        case .spdxJSON: SPDXReportWriter()
        }
    }

    /// The media type of the rendered bytes, for HTTP responses and OCI attestations.
    public var mediaType: String {
        switch self {
        case .table: "text/plain; charset=utf-8"
        case .json: "application/json"
        case .sarif: "application/sarif+json"
        case .cyclonedx: "application/vnd.cyclonedx+json; version=1.6"
        case .spdxJSON: "application/spdx+json"
        }
    }

    /// The conventional file-name suffix, without the leading dot (`cdx.json`, `spdx.json`).
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .cyclonedx: "cdx.json"
        case .spdxJSON: "spdx.json"
        }
    }
}
