import ScanModel

/// `PLM-DOCKERFILE-APT-INSTALL-RECOMMENDS`: `apt-get install` without `--no-install-recommends`, which pulls in
/// packages nobody asked for.
public struct AptInstallRecommendsRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-APT-INSTALL-RECOMMENDS"
    public let title = "apt-get install without --no-install-recommends"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.runInstructions.compactMap { _, instruction in
            let offending = instruction.shellScript.installations.contains { installation in
                installation.manager == .aptGet && !installation.packages.isEmpty
                    && !installation.hasOption("--no-install-recommends")
                    && !installation.options.contains {
                        $0.contains("Install-Recommends=false") || $0.contains("Install-Recommends=0")
                    }
            }
            guard offending else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "apt-get install without --no-install-recommends also installs recommended packages; add "
                    + "the flag and name what you need.")
        }
    }
}
