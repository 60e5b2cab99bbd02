import ScanModel

/// `PLM-DOCKERFILE-UNTRUSTED-REGISTRY`: a base image from outside the registries the configuration trusts.
public struct UntrustedRegistryRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-UNTRUSTED-REGISTRY"
    public let title = "Base image from an untrusted registry"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard !context.configuration.trustedRegistries.isEmpty else { return [] }
        return dockerfile.stages.compactMap { stage in
            guard stage.hasImageBase, let reference = BaseImageReference(stage.base),
                !context.configuration.isTrusted(reference: reference.normalized)
            else { return nil }
            return DockerfileViolation(
                instruction: stage.from,
                message: "FROM \(reference.normalized) is not from a trusted registry ("
                    + context.configuration.trustedRegistries.joined(separator: ", ") + ").")
        }
    }
}
