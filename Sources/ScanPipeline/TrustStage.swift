import ContainerImage
import Foundation
import ImageTrust
import ScanModel

/// What a scan or `plimsoll verify` checks before believing an image: the command line's demands and the
/// configuration file's `trust:` policy.
public struct TrustSettings: Sendable {
    public var options: TrustOptions
    public var policy: TrustPolicy?

    public init(options: TrustOptions = TrustOptions(), policy: TrustPolicy? = nil) {
        self.options = options
        self.policy = policy
    }

    /// Whether the user asked for any trust check: then its findings are reported, and a failed one stops the scan.
    public var isEngaged: Bool {
        options.requireDigest || options.requireSignature || !options.keyFiles.isEmpty || policy != nil
    }
}

/// Judges an image pulled from a registry before its layers are read: digest pinning, allowed registries, and
/// cosign signatures over the exact manifest (or index) digest that will be scanned.
struct TrustStage {
    let settings: TrustSettings
    let environment: [String: String]

    init(settings: TrustSettings, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.settings = settings
        self.environment = environment
    }

    func evaluate(
        _ reference: ImageReference, resolved: RegistrySource.ResolvedManifest, client: RegistryClient,
        options: RegistryOptions
    ) async throws -> TrustEvaluation {
        let evaluator = TrustEvaluator(options: settings.options, policy: settings.policy)
        var verification: SignatureVerification?
        if let plan = evaluator.signatureCheckPlan(registry: reference.registry, repository: reference.repository) {
            let keys = try plan.keyFiles.map { path throws(TrustError) in try VerificationKey.load(path: path) }
            let store = try RegistrySignatureStore.forImage(
                reference, client: client, options: options, environment: environment)
            let verifier = CosignVerifier(keys: keys)
            // `cosign sign` on a multi-platform tag signs the index; `--recursive` also signs each platform's
            // manifest. The index is looked at first, the platform's manifest when the index has no signature.
            var result = try await verifier.verify(
                manifestDigest: resolved.indexDigest ?? resolved.manifest.digest, store: store)
            if result.status == .missing, resolved.indexDigest != nil {
                let platform = try await verifier.verify(manifestDigest: resolved.manifest.digest, store: store)
                if platform.status != .missing { result = platform }
            }
            verification = result
        }
        let facts = ImageReferenceFacts(
            registry: reference.registry, repository: reference.repository, reference: reference.description,
            isPinned: reference.isPinned, manifestDigest: resolved.manifest.digest, indexDigest: resolved.indexDigest,
            isDigestVerified: true)
        return evaluator.evaluate(facts, signatures: verification)
    }
}

/// A scan stopped because the image could not be trusted; `report` holds the verdict and the findings that stopped
/// it, and no packages: nothing of the image was read.
public struct TrustGateFailure: Error, CustomStringConvertible {
    public var report: ScanReport

    public var description: String {
        report.trust?.message ?? "the image could not be trusted"
    }
}

/// Checks an image's signatures without scanning it: `plimsoll verify`.
public struct ImageVerifier: Sendable {
    public init() {}

    /// Resolves `target` in its registry and judges it.
    ///
    /// - Throws: an error when the reference, the registry, a key or the configuration cannot be used.
    public func verify(
        target: String, platform: String?, registry: RegistryOptions, settings: TrustSettings
    ) async throws -> TrustEvaluation {
        let parsed = try ImageTarget.parse(target)
        guard parsed.kind == .registry else { throw TrustTargetError(target: target) }
        let reference = try ImageReference.parse(parsed.path)
        let source = RegistrySource(name: target, reference: reference, options: registry, platform: platform)
        let resolved = try await source.resolveManifest()
        return try await TrustStage(settings: settings).evaluate(
            reference, resolved: resolved, client: source.client, options: registry)
    }
}

/// Trust checks asked for an image that is not in a registry.
public struct TrustTargetError: Error, CustomStringConvertible {
    public var target: String

    public var description: String {
        "'\(target)' is not an image in a registry; digests and signatures are checked for registry references "
            + "(HOST/REPOSITORY[:TAG][@sha256:DIGEST])."
    }
}
