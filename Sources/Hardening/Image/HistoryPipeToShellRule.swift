import ScanModel

/// A build step downloaded a script and ran it unchecked: `curl … | sh`, `wget -O- … | bash`, `sh -c "$(curl …)"`.
public struct HistoryPipeToShellRule: ImageRule {
    public let id = "PLM-IMAGE-HISTORY-PIPE-TO-SHELL"
    public let title = "Build step runs a downloaded script"
    public let severity = Severity.medium

    public init() {}

    /// Returns whether a `created_by` line pipes a download into an interpreter.
    static func fetchesAndExecutes(_ line: String) -> Bool {
        let interpreter = #"(?:sudo\s+(?:-\S+\s+)*)?(?:/usr)?(?:/bin/)?(?:ba|da|z|k|a)?sh|python[0-9.]*|perl|ruby|node"#
        let piped = try? Regex(#"\b(?:curl|wget)\b[^|;&\n]*\|\s*"# + "(?:" + interpreter + #")(?:\s|$|;|&|\))"#)
        let substituted = try? Regex(#"\b(?:ba|da|z)?sh\s+(?:-c\s+)?["']?(?:\$\(|<\(|`)\s*(?:curl|wget)\b"#)
        return [piped, substituted].contains { regex in
            guard let regex else { return false }
            return line.contains(regex)
        }
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.history.filter { Self.fetchesAndExecutes($0.createdBy) }.map { step in
            finding(
                "History step \(step.index) runs a script straight from the network; a compromised or changed "
                    + "server changes the image. Download to a file, verify its checksum or signature, then run it.",
                file: "history:\(step.index)", layer: step.layer)
        }
    }
}
