import ScanModel

/// A build step used `ADD` with a URL: the download is not verified unless `--checksum` pins it, and archives from
/// it are unpacked as they come.
public struct HistoryRemoteAddRule: ImageRule {
    public let id = "PLM-IMAGE-HISTORY-REMOTE-ADD"
    public let title = "ADD of a remote URL"
    public let severity = Severity.medium

    public init() {}

    /// Returns whether a `created_by` line is an `ADD` of an `http(s)` or `git` URL without `--checksum`.
    static func addsRemoteURL(_ line: String) -> Bool {
        guard let regex = try? Regex(#"(?:^|\s|#\(nop\)\s*)ADD\s+(?<options>(?:--\S+\s+)*)(?:https?|git)://"#),
            let match = line.firstMatch(of: regex)
        else { return false }
        return match.output["options"]?.substring?.contains("--checksum") != true
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.history.filter { Self.addsRemoteURL($0.createdBy) }.map { step in
            finding(
                "History step \(step.index) adds a file from a URL without `--checksum`; what the server sent is "
                    + "what the image holds. Download with a verified checksum (`ADD --checksum=sha256:…`) or fetch "
                    + "in a build stage and `COPY` the result.",
                file: "history:\(step.index)", layer: step.layer)
        }
    }
}
