import ScanModel

/// `PLM-DOCKERFILE-UNPINNED-BASE`: a base image named by a tag alone, which its publisher can move.
public struct UnpinnedBaseImageRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-UNPINNED-BASE"
    public let title = "Base image not pinned by digest"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.compactMap { stage in
            guard stage.hasImageBase, let reference = BaseImageReference(stage.base), !reference.isPinnedByDigest
            else { return nil }
            return DockerfileViolation(
                instruction: stage.from,
                message: "FROM \(stage.base) is not pinned by digest; write \(stage.base)@sha256:… so every build "
                    + "uses the same image.")
        }
    }
}
