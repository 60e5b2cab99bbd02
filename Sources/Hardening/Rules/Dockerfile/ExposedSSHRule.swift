import ScanModel

/// `PLM-DOCKERFILE-EXPOSE-SSH`: `EXPOSE 22`, a sign the container runs an SSH server.
public struct ExposedSSHRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-EXPOSE-SSH"
    public let title = "SSH port exposed"
    public let severity = Severity.medium

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard instruction.keyword == "EXPOSE" else { return nil }
            let exposesSSH = instruction.words.contains { port in
                let number = port.split(separator: "/").first.map(String.init) ?? port
                if number == "22" { return true }
                let range = number.split(separator: "-").compactMap { Int($0) }
                return range.count == 2 && range[0] <= 22 && 22 <= range[1]
            }
            guard exposesSSH else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "EXPOSE 22 suggests an SSH server in the container; use docker exec or kubectl exec to "
                    + "get a shell instead.")
        }
    }
}
