import ScanModel

/// `PLM-DOCKERFILE-NO-HEALTHCHECK`: the final image declares no `HEALTHCHECK` (informational: orchestrators often
/// probe health themselves).
public struct MissingHealthcheckRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-NO-HEALTHCHECK"
    public let title = "No HEALTHCHECK"
    public let severity = Severity.negligible

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard let final = dockerfile.finalStage else { return [] }
        let declares = dockerfile.lineage(of: final).contains { stage in
            stage.instructions.contains { $0.keyword == "HEALTHCHECK" }
        }
        guard !declares else { return [] }
        return [
            DockerfileViolation(
                instruction: final.from,
                message: "The final stage declares no HEALTHCHECK; add one (or HEALTHCHECK NONE) so a hung "
                    + "container can be told from a working one.")
        ]
    }
}
