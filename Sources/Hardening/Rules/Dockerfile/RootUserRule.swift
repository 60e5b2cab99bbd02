import ScanModel

/// `PLM-DOCKERFILE-ROOT-USER`: the final stage runs as root, because it sets no `USER` (nor does a stage it is
/// built on) or its last `USER` is `root` or UID 0.
public struct RootUserRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-ROOT-USER"
    public let title = "Final stage runs as root"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    /// Whether a `USER` value names root: `root`, `0`, `root:root`, `0:0`, `root:0`.
    static func isRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":", maxSplits: 1).first.map(String.init) ?? user
        return name == "root" || name == "0"
    }

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard let final = dockerfile.finalStage else { return [] }
        for stage in dockerfile.lineage(of: final) {
            if let user = stage.instructions.last(where: { $0.keyword == "USER" }) {
                let name = user.expandedArguments.trimmingWhitespace()
                guard Self.isRoot(String(name)) else { return [] }
                return [
                    DockerfileViolation(
                        instruction: user,
                        message: "The final stage's last USER is \(name); switch to an unprivileged user before the "
                            + "image runs.")
                ]
            }
        }
        guard final.hasImageBase || final.baseStageIndex != nil else { return [] }
        return [
            DockerfileViolation(
                instruction: final.from,
                message: "The final stage sets no USER, so it runs as the base image's user (usually root); add "
                    + "USER with an unprivileged user.")
        ]
    }
}
