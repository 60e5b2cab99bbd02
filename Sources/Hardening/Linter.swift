import ScanModel

/// Lints Dockerfiles with the Dockerfile rules and the user's configuration.
public struct Linter: Sendable {
    /// The user's rule configuration, applied to every finding.
    public var configuration: HardeningConfiguration
    /// The rules that run.
    public var rules: [any DockerfileRule]

    /// Creates a linter.
    public init(configuration: HardeningConfiguration = HardeningConfiguration(), rules: [any DockerfileRule]? = nil) {
        self.configuration = configuration
        self.rules = rules ?? DockerfileRuleSet.all
    }

    /// The findings in one Dockerfile's text, configuration applied, in report order.
    ///
    /// - Throws: ``DockerfileParseError`` when the text is not a Dockerfile.
    public func findings(
        inText text: String, path: String, hasDockerignore: Bool
    ) throws(DockerfileParseError) -> [HardeningFinding] {
        let dockerfile = try DockerfileParser.parse(text, path: path)
        return findings(in: dockerfile, hasDockerignore: hasDockerignore)
    }

    /// The findings in a parsed Dockerfile, configuration applied, in report order.
    public func findings(in dockerfile: Dockerfile, hasDockerignore: Bool) -> [HardeningFinding] {
        let context = DockerfileRuleContext(configuration: configuration, hasDockerignore: hasDockerignore)
        let active = rules.filter { !configuration.disabledRules.contains($0.id) }
        return configuration.applied(to: active.flatMap { $0.findings(in: dockerfile, context: context) })
            .sorted(by: LintReport.reportOrder)
    }
}
