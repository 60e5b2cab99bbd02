import ScanModel

/// `PLM-DOCKERFILE-COPY-ALL-NO-DOCKERIGNORE`: `COPY . .` (or `ADD . .`) with no `.dockerignore` next to the
/// Dockerfile, so `.git`, `.env` files and local credentials go into the image.
public struct CopyContextWithoutDockerignoreRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-COPY-ALL-NO-DOCKERIGNORE"
    public let title = "Whole build context copied without a .dockerignore"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard !context.hasDockerignore else { return [] }
        return dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard ["COPY", "ADD"].contains(instruction.keyword), instruction.flag("from") == nil,
                instruction.fileSources.contains(where: { [".", "./", "*", "./*"].contains($0) })
            else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "\(instruction.keyword) copies the whole build context and there is no .dockerignore "
                    + "next to the Dockerfile; add one that excludes .git, .env and other local files.")
        }
    }
}
