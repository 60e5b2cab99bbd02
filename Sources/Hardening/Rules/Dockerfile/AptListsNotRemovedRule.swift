import ScanModel

/// `PLM-DOCKERFILE-APT-LISTS-NOT-REMOVED`: a `RUN` that runs `apt-get update` but leaves `/var/lib/apt/lists` in
/// its layer, outside builder stages (a stage only copied from ships no lists).
public struct AptListsNotRemovedRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-APT-LISTS-NOT-REMOVED"
    public let title = "apt lists not removed in the same RUN"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        let builders = dockerfile.builderStageIndices
        return dockerfile.runInstructions.compactMap { stage, instruction in
            guard !builders.contains(stage.index) else { return nil }
            let script = instruction.shellScript
            guard script.runs("apt-get", with: ["update"]) || script.runs("apt", with: ["update"]) else { return nil }
            let removes = script.commands.contains { command in
                command.program == "rm" && command.words.contains { $0.hasPrefix("/var/lib/apt/lists") }
            }
            let cached = instruction.flags.contains { flag in
                flag.name == "mount" && flag.value.contains("type=cache") && flag.value.contains("/var/lib/apt")
            }
            guard !removes, !cached else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "apt-get update leaves its package lists in this layer; end the RUN with "
                    + "rm -rf /var/lib/apt/lists/*.")
        }
    }
}
