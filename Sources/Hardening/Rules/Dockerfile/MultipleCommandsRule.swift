import ScanModel

/// `PLM-DOCKERFILE-MULTIPLE-CMD`: several `CMD` or several `ENTRYPOINT` instructions in one stage; only the last
/// takes effect.
public struct MultipleCommandsRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-MULTIPLE-CMD"
    public let title = "Several CMD or ENTRYPOINT instructions in a stage"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap { stage in
            ["CMD", "ENTRYPOINT"].flatMap { keyword in
                stage.instructions.filter { $0.keyword == keyword }.dropFirst().map { instruction in
                    DockerfileViolation(
                        instruction: instruction,
                        message: "This stage has more than one \(keyword); only the last one takes effect, so "
                            + "remove the others.")
                }
            }
        }.sorted { $0.instruction.line < $1.instruction.line }
    }
}
