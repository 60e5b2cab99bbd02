import ScanModel

/// `PLM-DOCKERFILE-CHMOD-777`: `chmod 777`, `chmod -R 777`, `chmod a+rwx` or `COPY --chmod=777`: files any user
/// in the container can change.
public struct WorldWritableModeRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-CHMOD-777"
    public let title = "World-writable permissions (chmod 777)"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    /// Whether a mode gives everyone write and execute, ignoring the sticky `1777` of shared temporary directories.
    static func isWorldWritable(_ mode: String) -> Bool {
        if mode.allSatisfy(\.isNumber) {
            return mode.hasSuffix("777") && mode.count <= 4 && !(mode.count == 4 && mode.first == "1")
        }
        return mode.split(separator: ",").contains { clause in
            let parts = clause.split(separator: "+", maxSplits: 1)
            guard parts.count == 2 else { return false }
            let who = parts[0]
            let what = parts[1]
            return (who.isEmpty || who.contains("a") || who.contains("o")) && what.contains("w") && what.contains("x")
                && what.contains("r")
        }
    }

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        var violations: [DockerfileViolation] = []
        for stage in dockerfile.stages {
            for instruction in stage.instructions {
                if ["COPY", "ADD"].contains(instruction.keyword), let mode = instruction.flag("chmod"),
                    Self.isWorldWritable(mode)
                {
                    violations.append(
                        DockerfileViolation(
                            instruction: instruction,
                            message: "\(instruction.keyword) --chmod=\(mode) makes files writable by every user; "
                                + "grant only what the owner needs (755, 644)."))
                }
            }
        }
        for (_, instruction) in dockerfile.runInstructions {
            for command in instruction.shellScript.commands where command.program == "chmod" {
                guard let mode = command.words.dropFirst().first(where: { !$0.hasPrefix("-") }),
                    Self.isWorldWritable(mode)
                else { continue }
                violations.append(
                    DockerfileViolation(
                        instruction: instruction,
                        message: "chmod \(mode) makes files writable by every user; grant only what the owner "
                            + "needs (755, 644) or chown them to the user that writes."))
                break
            }
        }
        return violations.sorted { $0.instruction.line < $1.instruction.line }
    }
}
