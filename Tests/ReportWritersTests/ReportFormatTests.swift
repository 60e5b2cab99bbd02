import ReportWriters
import Testing

struct ReportFormatTests {
    @Test func rawValuesAreTheCommandLineSpellings() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["table", "json", "sarif", "cyclonedx", "spdx-json"])
        #expect(ReportFormat(rawValue: "spdx-json") == .spdxJSON)
        #expect(ReportFormat(rawValue: "sarif") == .sarif)
    }

    @Test("Each format hands out its writer", arguments: ReportFormat.allCases)
    func writer(format: ReportFormat) {
        let writer = format.writer
        switch format {
        case .table: #expect(writer is TableReportWriter)
        case .json: #expect(writer is JSONReportWriter)
        case .sarif: #expect(writer is SARIFReportWriter)
        case .cyclonedx: #expect(writer is CycloneDXReportWriter)
        case .spdxJSON: #expect(writer is SPDXReportWriter)
        }
    }

    @Test func fileExtensionsAndMediaTypes() {
        #expect(ReportFormat.allCases.map(\.fileExtension) == ["txt", "json", "sarif", "cdx.json", "spdx.json"])
        #expect(ReportFormat.cyclonedx.mediaType == "application/vnd.cyclonedx+json; version=1.6")
        #expect(ReportFormat.spdxJSON.mediaType == "application/spdx+json")
        #expect(ReportFormat.sarif.mediaType == "application/sarif+json")
    }
}
