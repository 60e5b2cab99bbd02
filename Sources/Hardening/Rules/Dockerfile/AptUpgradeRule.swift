import ScanModel

/// `PLM-DOCKERFILE-APT-UPGRADE`: `apt-get upgrade` or `dist-upgrade`, which makes the image depend on the day
/// it was built instead of on its base image.
public struct AptUpgradeRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-APT-UPGRADE"
    public let title = "apt-get upgrade or dist-upgrade in the build"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.runInstructions.compactMap { _, instruction in
            let script = instruction.shellScript
            let verbs: Set<String> = ["upgrade", "dist-upgrade", "full-upgrade"]
            guard script.runs("apt-get", with: verbs) || script.runs("apt", with: verbs) else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "apt-get upgrade makes the image depend on the build day; use a newer base image tag or "
                    + "digest, or install the fixed packages by version.")
        }
    }
}
