import ScanModel

/// `PLM-DOCKERFILE-MISSING-LABEL`: the final stage does not set a label the configuration requires.
public struct MissingLabelsRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-MISSING-LABEL"
    public let title = "Required label missing"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard !context.configuration.requiredLabels.isEmpty, let final = dockerfile.finalStage else { return [] }
        var labels: Set<String> = []
        for stage in dockerfile.lineage(of: final) {
            for instruction in stage.instructions where instruction.keyword == "LABEL" {
                for (key, _) in DockerfileParser.keyValuePairs(
                    instruction.expandedArguments, escape: dockerfile.escapeCharacter)
                {
                    labels.insert(key)
                }
            }
        }
        let missing = context.configuration.requiredLabels.filter { !labels.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [
            DockerfileViolation(
                instruction: final.from,
                message: "The final stage does not set the required label\(missing.count == 1 ? "" : "s") "
                    + missing.joined(separator: ", ") + "; add LABEL \(missing[0])=….")
        ]
    }
}
