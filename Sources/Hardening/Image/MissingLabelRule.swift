import ScanModel

/// The image lacks a label the configuration requires (`hardening.requiredLabels`), or sets it empty.
public struct MissingLabelRule: ImageRule {
    public let id = "PLM-IMAGE-MISSING-LABEL"
    public let title = "Required label missing"
    public let severity = Severity.low

    public init() {}

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        configuration.requiredLabels.filter { (facts.labels[$0] ?? "").isEmpty }.map { label in
            finding(
                "The image has no label '\(label)', which the configuration requires; add `LABEL \(label)=…`.",
                file: "config:Labels")
        }
    }
}
