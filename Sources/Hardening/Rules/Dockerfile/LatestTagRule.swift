import ScanModel

/// `PLM-DOCKERFILE-LATEST-TAG`: a base image with the `latest` tag or no tag at all.
public struct LatestTagRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-LATEST-TAG"
    public let title = "Base image uses the latest tag or no tag"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.compactMap { stage in
            guard stage.hasImageBase, let reference = BaseImageReference(stage.base), reference.digest == nil else {
                return nil
            }
            if reference.tag == nil {
                return DockerfileViolation(
                    instruction: stage.from,
                    message: "FROM \(stage.base) has no tag, so it means latest; name a version.")
            }
            guard reference.tag == "latest" else { return nil }
            return DockerfileViolation(
                instruction: stage.from, message: "FROM \(stage.base) uses the mutable latest tag; name a version.")
        }
    }
}
