import ScanModel

/// `PLM-DOCKERFILE-SUDO`: `sudo` in a `RUN`, which keeps a privilege-escalation tool and its configuration in the
/// image and rarely does what the author meant during a build.
public struct SudoRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-SUDO"
    public let title = "sudo used in RUN"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.runInstructions.compactMap { _, instruction in
            guard instruction.shellScript.commands.contains(where: { $0.program == "sudo" }) else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "RUN uses sudo; run the step as root (USER root) and switch to an unprivileged USER "
                    + "afterwards, or use gosu/su-exec at run time.")
        }
    }
}
