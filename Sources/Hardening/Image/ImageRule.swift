import ScanModel

/// A check of a built image's configuration or history, with a stable ID; `docs/rules/image.md` documents each.
public protocol ImageRule: Sendable {
    /// The stable ID (`PLM-IMAGE-ROOT-USER`).
    var id: String { get }
    var title: String { get }
    /// The severity of its findings, unless the configuration overrides it.
    var severity: Severity { get }
    /// The findings `facts` call for under `configuration`, before `HardeningConfiguration.applied(to:)`.
    func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding]
}

extension ImageRule {
    /// A finding of this rule.
    func finding(_ message: String, file: String? = nil, line: Int? = nil, layer: LayerReference? = nil)
        -> HardeningFinding
    {
        HardeningFinding(
            ruleID: id, category: .image, title: title, severity: severity, message: message, file: file, line: line,
            layer: layer)
    }
}

/// The image-configuration rules.
public enum ImageRules {
    /// Every image rule, in report order; the only place one is registered.
    public static let all: [any ImageRule] = [
        ImageRootUserRule(), EnvironmentCredentialRule(), HistoryPipeToShellRule(), HistorySecretArgumentRule(),
        HistoryRemoteAddRule(), WastedLayerBytesRule(), ImageMissingHealthcheckRule(), ImageExposedSSHRule(),
        MissingLabelRule(),
    ]

    /// The findings of every rule, with the configuration's disabled rules and severities applied.
    public static func findings(in facts: ImageFacts, configuration: HardeningConfiguration = HardeningConfiguration())
        -> [HardeningFinding]
    {
        configuration.applied(to: all.flatMap { $0.findings(in: facts, configuration: configuration) })
    }
}
