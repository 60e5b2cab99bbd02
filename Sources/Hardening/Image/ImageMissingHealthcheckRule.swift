import ScanModel

/// The image declares no `HEALTHCHECK`, or disables the one it inherited (`HEALTHCHECK NONE`).
public struct ImageMissingHealthcheckRule: ImageRule {
    public let id = "PLM-IMAGE-NO-HEALTHCHECK"
    public let title = "No health check"
    public let severity = Severity.negligible

    public init() {}

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        let test = facts.healthcheck ?? []
        if test.first == "NONE" {
            return [
                finding(
                    "The image disables its health check (`HEALTHCHECK NONE`); orchestrators that read it cannot tell "
                        + "a hung container from a working one.", file: "config:Healthcheck")
            ]
        }
        guard test.isEmpty else { return [] }
        return [
            finding(
                "The image declares no `HEALTHCHECK`; add one unless the orchestrator probes the container itself "
                    + "(Kubernetes ignores it).", file: "config:Healthcheck")
        ]
    }
}
