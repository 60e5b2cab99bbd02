import ScanModel

/// Renders `plimsoll verify`'s answer: the verdict and its trust findings, as lines for people or as the `trust`
/// object the JSON report holds.
public struct TrustVerdictWriter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, json
    }

    public let format: Format

    public init(format: Format) { self.format = format }

    /// The verdict rendered; `isTrusted` says whether the check passed (a policy may refuse a verified image).
    public func render(_ verdict: TrustVerdict, findings: [HardeningFinding], isTrusted: Bool) -> [UInt8] {
        switch format {
        case .json: verdict.jsonValue.serialized(sortingKeys: true)
        case .table: Array(table(verdict, findings: findings, isTrusted: isTrusted).utf8)
        }
    }

    /// The outcome, the digests, a line per signature and per finding; registry-provided text made printable.
    func table(_ verdict: TrustVerdict, findings: [HardeningFinding], isTrusted: Bool) -> String {
        var lines = [
            "\(isTrusted ? "VERIFIED" : "NOT TRUSTED"): \(verdict.reference)",
            "Manifest:  \(verdict.manifestDigest)",
        ]
        if let index = verdict.indexDigest { lines.append("Index:     \(index)") }
        lines.append("Pinned:    \(verdict.isPinned ? "yes" : "no")")
        if let policy = verdict.policy { lines.append("Policy:    \(policy)") }
        lines.append("Signature: \(verdict.signatureStatus.rawValue) — \(verdict.message)")
        for check in verdict.signatures {
            lines.append("  - \(check.location) [\(check.format)]: \(check.result): \(check.detail)")
        }
        for finding in findings {
            lines.append("\(finding.ruleID) (\(finding.severity.rawValue)): \(finding.message)")
        }
        return lines.map { TableReportWriter.printable($0, keepingLineBreaks: false) }.joined(separator: "\n") + "\n"
    }
}
