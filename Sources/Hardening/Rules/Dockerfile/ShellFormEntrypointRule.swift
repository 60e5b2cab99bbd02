import ScanModel

/// `PLM-DOCKERFILE-SHELL-FORM-ENTRYPOINT`: `ENTRYPOINT` in shell form, which runs under `/bin/sh -c`, so the
/// program does not get signals (`docker stop` waits and kills it) and `CMD` arguments are ignored.
public struct ShellFormEntrypointRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-SHELL-FORM-ENTRYPOINT"
    public let title = "ENTRYPOINT in shell form"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard instruction.keyword == "ENTRYPOINT", instruction.isShellForm else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "ENTRYPOINT in shell form runs under /bin/sh -c, so the program gets no signals and CMD is "
                    + "ignored; write it as a JSON array: ENTRYPOINT [\"program\", \"arg\"].")
        }
    }
}
