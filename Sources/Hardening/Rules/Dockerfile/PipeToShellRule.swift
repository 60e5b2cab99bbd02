import ScanModel

/// `PLM-DOCKERFILE-PIPE-TO-SHELL`: `curl … | sh` or `wget … | bash`, which runs whatever the server returns.
public struct PipeToShellRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-PIPE-TO-SHELL"
    public let title = "Downloaded script piped into a shell"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    private static let downloaders: Set<String> = ["curl", "wget", "fetch"]
    private static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl"]

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.runInstructions.compactMap { _, instruction in
            let commands = instruction.shellScript.commands
            for (index, command) in commands.enumerated()
            where Self.downloaders.contains(command.program) && command.pipesIntoNext {
                var next = index + 1
                // Follow the pipeline: `curl … | tee x | sh`.
                while next < commands.count {
                    let program = commands[next].unprivilegedWords.first.map {
                        $0.split(separator: "/").last.map(String.init) ?? $0
                    }
                    if let program, Self.shells.contains(program) {
                        return DockerfileViolation(
                            instruction: instruction,
                            message: "RUN pipes \(command.program) output into \(program); download the script, "
                                + "verify its checksum or signature, then run it.")
                    }
                    guard commands[next].pipesIntoNext else { break }
                    next += 1
                }
            }
            return nil
        }
    }
}
