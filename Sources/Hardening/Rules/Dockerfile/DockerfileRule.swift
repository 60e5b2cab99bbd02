import ScanModel

/// A check of a Dockerfile; each rule is a value with a stable ID, documented in `docs/rules/dockerfile.md`.
public protocol DockerfileRule: Sendable {
    /// The stable ID (`PLM-DOCKERFILE-LATEST-TAG`).
    var id: String { get }
    /// A short title for tables and SARIF rules.
    var title: String { get }
    /// The severity of its findings unless the configuration overrides it.
    var severity: Severity { get }
    /// What the rule finds in `dockerfile`, one violation per instruction at most.
    func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation]
}

/// What a rule sees besides the Dockerfile.
public struct DockerfileRuleContext: Sendable {
    /// The user's configuration: trusted registries and required labels.
    public var configuration: HardeningConfiguration
    /// Whether a `.dockerignore` (or `<name>.dockerignore`) sits next to the Dockerfile.
    public var hasDockerignore: Bool

    /// Creates a context.
    public init(configuration: HardeningConfiguration = HardeningConfiguration(), hasDockerignore: Bool = false) {
        self.configuration = configuration
        self.hasDockerignore = hasDockerignore
    }
}

/// One place a rule found a problem.
public struct DockerfileViolation: Sendable, Equatable {
    /// The instruction at fault; its start line is the finding's line and its ignore comments apply.
    public var instruction: DockerfileInstruction
    /// What is wrong here, in one or two sentences.
    public var message: String

    /// Creates a violation.
    public init(instruction: DockerfileInstruction, message: String) {
        self.instruction = instruction
        self.message = message
    }
}

extension DockerfileRule {
    /// The rule's violations as findings in `dockerfile`, without those an inline ignore comment suppresses.
    public func findings(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [HardeningFinding] {
        violations(in: dockerfile, context: context).compactMap { violation in
            guard !violation.instruction.ignoredRules.contains(id) else { return nil }
            return HardeningFinding(
                ruleID: id, category: .dockerfile, title: title, severity: severity, message: violation.message,
                file: dockerfile.path, line: violation.instruction.line)
        }
    }
}

extension Dockerfile {
    /// The stage `docker build` produces: the last one.
    var finalStage: DockerfileStage? { stages.last }

    /// The stage and the stages it is built on (`FROM build`), nearest first, at most one pass over the stages.
    func lineage(of stage: DockerfileStage) -> [DockerfileStage] {
        var chain = [stage]
        var current = stage
        while let parent = current.baseStageIndex, parent < current.index, chain.count <= stages.count {
            current = stages[parent]
            chain.append(current)
        }
        return chain
    }

    /// Every `RUN` instruction with its stage, including those `ONBUILD` registers (which keep the `ONBUILD`'s
    /// ignore comments).
    var runInstructions: [(stage: DockerfileStage, instruction: DockerfileInstruction)] {
        stages.flatMap { stage in
            stage.instructions.flatMap {
                instruction -> [(stage: DockerfileStage, instruction: DockerfileInstruction)] in
                if instruction.keyword == "RUN" { return [(stage, instruction)] }
                return instruction.triggers.filter { $0.keyword == "RUN" }.map { trigger in
                    var trigger = trigger
                    trigger.ignoredRules = instruction.ignoredRules
                    return (stage, trigger)
                }
            }
        }
    }
}
