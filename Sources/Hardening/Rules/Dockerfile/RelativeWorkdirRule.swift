import ScanModel

/// `PLM-DOCKERFILE-RELATIVE-WORKDIR`: a `WORKDIR` that is not an absolute path, so its meaning depends on every
/// `WORKDIR` before it and on the base image's.
public struct RelativeWorkdirRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-RELATIVE-WORKDIR"
    public let title = "Relative WORKDIR"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard instruction.keyword == "WORKDIR" else { return nil }
            let path = DockerfileParser.shellWords(instruction.expandedArguments, escape: dockerfile.escapeCharacter)
                .joined(separator: " ")
            let isWindowsAbsolute =
                path.count >= 2 && path.first?.isLetter == true && path.dropFirst().first == ":"
            guard !path.hasPrefix("/"), !path.hasPrefix("$"), !isWindowsAbsolute, !path.hasPrefix("\\") else {
                return nil
            }
            return DockerfileViolation(
                instruction: instruction,
                message: "WORKDIR \(path) is relative; write an absolute path so it does not depend on earlier "
                    + "WORKDIRs or the base image.")
        }
    }
}
