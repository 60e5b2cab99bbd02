import ScanModel

/// Writes a lint report as JSON: `schemaVersion`, `scanner`, `createdAt`, `files`, `findings` (each with
/// `ruleID`, `title`, `severity`, `message`, `file`, `line`) and `errors` (`file`, `line`, `message`), members in
/// that order, the same bytes on every platform.
public struct LintJSONWriter: LintReportWriter {
    /// Creates a writer.
    public init() {}

    public func render(_ report: LintReport) throws -> [UInt8] {
        var scanner = JSONObject()
        scanner["name"] = .string(report.scanner.name)
        scanner["version"] = .string(report.scanner.version)
        var document = JSONObject()
        document["schemaVersion"] = .integer(report.schemaVersion)
        document["scanner"] = .object(scanner)
        document["createdAt"] = .string(report.createdAt)
        document["files"] = .array(report.files.map(JSONValue.string))
        document["findings"] = .array(
            report.findings.map { finding in
                var object = JSONObject()
                object["ruleId"] = .string(finding.ruleID)
                object["category"] = .string(finding.category.rawValue)
                object["title"] = .string(finding.title)
                object["severity"] = .string(finding.severity.rawValue)
                object["message"] = .string(finding.message)
                object["file"] = .string(ifPresent: finding.file)
                object["line"] = finding.line.map(JSONValue.integer)
                return .object(object)
            })
        document["errors"] = .array(
            report.errors.map { error in
                var object = JSONObject()
                object["file"] = .string(error.file)
                object["line"] = error.line.map(JSONValue.integer)
                object["message"] = .string(error.message)
                return .object(object)
            })
        return JSONValue.object(document).serialized()
    }
}
