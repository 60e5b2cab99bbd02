/// The Dockerfile rules; the only place one is registered.
public enum DockerfileRuleSet {
    /// Every Dockerfile rule, in the order their findings are reported for one line.
    public static let all: [any DockerfileRule] = [
        UnpinnedBaseImageRule(), LatestTagRule(), UntrustedRegistryRule(), RootUserRule(),
        RemoteAddWithoutChecksumRule(), AddInsteadOfCopyRule(), PipeToShellRule(),
        SecretInArgumentOrEnvironmentRule(), AptInstallRecommendsRule(), AptListsNotRemovedRule(),
        UnpinnedPackagesRule(), AptUpgradeRule(), SudoRule(), WorldWritableModeRule(), ExposedSSHRule(),
        RelativeWorkdirRule(), MissingHealthcheckRule(), MultipleCommandsRule(), ShellFormEntrypointRule(),
        CopyContextWithoutDockerignoreRule(), CompilersInSingleStageRule(), MissingLabelsRule(),
    ]
}
