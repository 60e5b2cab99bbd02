import ContainerImage
import ScanModel

/// What to scan and how.
public struct ScanOptions: Sendable {
    /// The target as the user wrote it (`docker-archive:app.tar`, `oci-layout:dir:tag`, `dir:/`).
    public var target: String
    /// `NAME:TAG` of one image in an archive that holds several.
    public var image: String?
    /// `os/arch[/variant]` to pick from a multi-platform index.
    public var platform: String?
    /// Safety limits for hostile layers.
    public var limits: LayerLimits
    /// How many layers are read at once.
    public var layerConcurrency: Int
    /// The package types to report; analyzers of other language ecosystems do not run.
    public var packageTypes: PackageTypeSelection
    /// Whether the report lists packages (`--scanners secret` runs the secret scan alone).
    public var reportsPackages: Bool
    /// How to look for secrets; `nil` for no secret scan.
    public var secrets: SecretOptions?
    /// How to check the image's hardening (the `config` scanner); `nil` for no check.
    public var hardening: HardeningOptions?
    /// How to reach registries, for a registry reference.
    public var registry: RegistryOptions
    /// What to check before believing a registry image: pinning, allowed registries, signatures.
    public var trust: TrustSettings

    public init(
        target: String, image: String? = nil, platform: String? = nil, limits: LayerLimits = LayerLimits(),
        layerConcurrency: Int = 2, packageTypes: PackageTypeSelection = .all, reportsPackages: Bool = true,
        secrets: SecretOptions? = nil, hardening: HardeningOptions? = nil,
        registry: RegistryOptions = RegistryOptions(),
        trust: TrustSettings = TrustSettings()
    ) {
        self.target = target
        self.image = image
        self.platform = platform
        self.limits = limits
        self.layerConcurrency = max(1, layerConcurrency)
        self.packageTypes = packageTypes
        self.reportsPackages = reportsPackages
        self.secrets = secrets
        self.hardening = hardening
        self.registry = registry
        self.trust = trust
    }
}
