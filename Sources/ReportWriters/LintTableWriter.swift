import ScanModel

/// Writes a lint report for a terminal: one row per finding (file and line, severity, rule ID, message), then the
/// files that could not be parsed, then a summary line.
///
/// ```
/// LOCATION        SEVERITY  RULE                        MESSAGE
/// Dockerfile:1    MEDIUM    PLM-DOCKERFILE-LATEST-TAG   FROM python has no tag, so it means latest; name a version.
///
/// 1 file linted: 1 finding (CRITICAL: 0, HIGH: 0, MEDIUM: 1, LOW: 0, INFO: 0), 0 errors
/// ```
///
/// Control characters from the Dockerfile are shown as `?`; messages are not truncated.
public struct LintTableWriter: LintReportWriter {
    /// Creates a writer.
    public init() {}

    public func render(_ report: LintReport) throws -> [UInt8] {
        var lines: [String] = []
        if report.findings.isEmpty {
            lines.append("No findings.")
        } else {
            let rows = report.findings.map { finding in
                [
                    "\(finding.file ?? "-")" + (finding.line.map { ":\($0)" } ?? ""), Self.label(finding.severity),
                    finding.ruleID, finding.message,
                ].map { TableReportWriter.printable($0, keepingLineBreaks: false) }
            }
            let headings = ["LOCATION", "SEVERITY", "RULE", "MESSAGE"]
            let widths = headings.indices.map { column in
                rows.reduce(headings[column].count) { max($0, $1[column].count) }
            }
            lines += ([headings] + rows).map { row in
                row.indices.map { column in
                    column == row.count - 1 ? row[column] : TableReportWriter.padded(row[column], to: widths[column])
                }.joined(separator: "  ")
            }
        }
        if !report.errors.isEmpty {
            lines.append("")
            lines.append("Errors:")
            lines += report.errors.map { "  " + TableReportWriter.printable($0.message, keepingLineBreaks: false) }
        }
        let counts = [Severity.critical, .high, .medium, .low, .negligible].map { severity in
            "\(Self.label(severity)): \(report.findings.filter { $0.severity == severity }.count)"
        }
        let files = report.files.count
        let findings = report.findings.count
        lines.append("")
        lines.append(
            "\(files) file\(files == 1 ? "" : "s") linted: \(findings) finding\(findings == 1 ? "" : "s") ("
                + counts.joined(separator: ", ") + "), \(report.errors.count) error"
                + (report.errors.count == 1 ? "" : "s"))
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// `INFO` for negligible findings (the hardening rules' informational level), else the capitalised severity.
    static func label(_ severity: Severity) -> String {
        severity == .negligible ? "INFO" : severity.label
    }
}
