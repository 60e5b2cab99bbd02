import ScanModel

/// The trust rules Plimsoll reports, each with a stable ID (`docs/rules/trust.md`).
public enum TrustRule: String, Sendable, CaseIterable {
    /// The reference names a tag, so the image can change under the same name.
    case unpinned = "PLM-TRUST-UNPINNED"
    /// The image comes from a registry the policy does not allow.
    case registryNotAllowed = "PLM-TRUST-REGISTRY-NOT-ALLOWED"
    /// A signature was asked for and none was found.
    case signatureMissing = "PLM-TRUST-SIGNATURE-MISSING"
    /// Signatures were found and none verified.
    case signatureInvalid = "PLM-TRUST-SIGNATURE-INVALID"

    /// The rule's title in reports.
    public var title: String {
        switch self {
        case .unpinned: "Image reference not pinned by digest"
        case .registryNotAllowed: "Registry not allowed by the trust policy"
        case .signatureMissing: "Image signature missing"
        case .signatureInvalid: "Image signature does not verify"
        }
    }
}

/// What the caller knows about the image reference it resolved.
public struct ImageReferenceFacts: Sendable, Equatable {
    /// The registry host, with its port when it has one (`registry.example.com`, `127.0.0.1:5000`), normalized the
    /// way the registry client connects to it (`docker.io` for Docker Hub).
    public var registry: String
    /// The repository in the registry (`team/app`, `library/alpine`).
    public var repository: String
    /// The reference as the user gave it, resolved: `registry/repository:tag` or `registry/repository@sha256:…`.
    public var reference: String
    /// Whether the reference named a digest.
    public var isPinned: Bool
    /// The digest of the manifest scanned.
    public var manifestDigest: Digest
    /// The digest of the index the manifest was chosen from, when the reference named an index.
    public var indexDigest: Digest?
    /// Whether every manifest and blob read hashed to the digest it was fetched by.
    public var isDigestVerified: Bool

    /// Creates the facts of a resolved reference.
    public init(
        registry: String, repository: String, reference: String, isPinned: Bool, manifestDigest: Digest,
        indexDigest: Digest? = nil, isDigestVerified: Bool = true
    ) {
        self.registry = registry
        self.repository = repository
        self.reference = reference
        self.isPinned = isPinned
        self.manifestDigest = manifestDigest
        self.indexDigest = indexDigest
        self.isDigestVerified = isDigestVerified
    }
}

/// What the command line asked for.
public struct TrustOptions: Sendable, Equatable {
    /// `--require-digest`: the reference must name a digest.
    public var requireDigest: Bool
    /// `--require-signature`: the image must carry a signature that verifies.
    public var requireSignature: Bool
    /// `--key` files: PEM public keys signatures are checked against.
    public var keyFiles: [String]

    /// Creates options; the defaults ask for nothing.
    public init(requireDigest: Bool = false, requireSignature: Bool = false, keyFiles: [String] = []) {
        self.requireDigest = requireDigest
        self.requireSignature = requireSignature
        self.keyFiles = keyFiles
    }
}

/// Which keys to check an image's signatures with, and whether a verified signature is required.
public struct SignatureCheckPlan: Sendable, Equatable {
    /// PEM public key files to load with `VerificationKey.load(path:)` and give to `CosignVerifier`.
    ///
    /// They are the policy rule's keys when it names any, so that a policy's choice of signer cannot be widened from
    /// the command line, otherwise the `--key` files. Empty when a signature is required and no key was given.
    public var keyFiles: [String]
    /// Whether a verified signature is required, by `--require-signature` or by the policy rule.
    public var isRequired: Bool
    /// The prefix of the policy rule that applies, if any.
    public var policyPrefix: String?

    /// Creates a plan.
    public init(keyFiles: [String], isRequired: Bool, policyPrefix: String? = nil) {
        self.keyFiles = keyFiles
        self.isRequired = isRequired
        self.policyPrefix = policyPrefix
    }
}

/// The trust verdict on one image, the findings it gives rise to, and whether the command must fail.
public struct TrustEvaluation: Sendable, Equatable {
    /// The verdict for the report.
    public var verdict: TrustVerdict
    /// One finding per rule broken, category `.trust`.
    public var findings: [HardeningFinding]
    /// The findings that were required by `--require-…` options or the policy: the scan or verify must fail.
    public var blockingFindings: [HardeningFinding]

    /// Creates an evaluation.
    public init(verdict: TrustVerdict, findings: [HardeningFinding], blockingFindings: [HardeningFinding]) {
        self.verdict = verdict
        self.findings = findings
        self.blockingFindings = blockingFindings
    }

    /// Whether the command must fail: a required signature did not verify, a required digest is missing, or the
    /// registry is not allowed.
    public var isBlocking: Bool { !blockingFindings.isEmpty }
}

/// Judges an image's provenance from facts the caller gathered, without I/O.
///
/// The facts are the reference, the policy, the options, and the signature verification result.
///
/// The caller asks `signatureCheckPlan(registry:repository:)` whether to look for signatures and with which keys, runs
/// `CosignVerifier` when it returns a plan, and passes the result to `evaluate(_:signatures:)`.
public struct TrustEvaluator: Sendable {
    /// What the command line asked for.
    public var options: TrustOptions
    /// The `trust:` section of the configuration file, if there is one.
    public var policy: TrustPolicy?

    /// Creates an evaluator.
    public init(options: TrustOptions = TrustOptions(), policy: TrustPolicy? = nil) {
        self.options = options
        self.policy = policy
    }

    /// Whether every reference must name a digest, by option or policy.
    public var requiresDigest: Bool { options.requireDigest || policy?.requireDigest == true }

    /// The signature check to run for `repository` in `registry`; nil when no option or policy rule asks for one.
    public func signatureCheckPlan(registry: String, repository: String) -> SignatureCheckPlan? {
        let rule = policy?.rule(forRegistry: registry, repository: repository)
        let isRequired = options.requireSignature || rule?.requireSignature == true
        let keyFiles = rule.map(\.keys).flatMap { $0.isEmpty ? nil : $0 } ?? options.keyFiles
        guard isRequired || !keyFiles.isEmpty else { return nil }
        return SignatureCheckPlan(keyFiles: keyFiles, isRequired: isRequired, policyPrefix: rule?.prefix)
    }

    /// Judges `image`.
    ///
    /// - Parameter signatures: what `CosignVerifier` concluded, or nil when it did not run.
    public func evaluate(_ image: ImageReferenceFacts, signatures: SignatureVerification?) -> TrustEvaluation {
        var findings: [HardeningFinding] = []
        var blocking: [HardeningFinding] = []
        func report(_ rule: TrustRule, _ severity: Severity, _ message: String, isBlocking: Bool) {
            let finding = HardeningFinding(
                ruleID: rule.rawValue, category: .trust, title: rule.title, severity: severity, message: message)
            findings.append(finding)
            if isBlocking { blocking.append(finding) }
        }
        let name = "\(image.registry)/\(image.repository)"

        if let policy, !policy.allows(registry: image.registry) {
            let allowed = policy.allowedRegistries.joined(separator: ", ")
            report(
                .registryNotAllowed, .critical,
                "\(image.reference) comes from \(image.registry), which trust.allowedRegistries does not list "
                    + "(\(allowed)); pull it from an allowed registry or add the registry to the policy.",
                isBlocking: true)
        }

        if !image.isPinned {
            let pin = "\(name)@\(image.indexDigest ?? image.manifestDigest)"
            report(
                .unpinned, requiresDigest ? .high : .low,
                "\(image.reference) names a tag, not a digest, and a tag can be moved to another image; refer to it as "
                    + "\(pin).",
                isBlocking: requiresDigest)
        }

        let plan = signatureCheckPlan(registry: image.registry, repository: image.repository)
        let isRequired = plan?.isRequired ?? false
        switch signatures?.status {
        case nil where isRequired, .notChecked? where isRequired:
            report(
                .signatureMissing, .high,
                "A signature is required for \(image.reference) but none was checked; give the signer's public key "
                    + "with --key or in the policy rule's keys.",
                isBlocking: true)
        case .missing?:
            report(
                .signatureMissing, .high,
                "\(image.reference) has no cosign signature for \(image.manifestDigest); sign it with "
                    + "`cosign sign --key cosign.key \(name)@\(image.manifestDigest)` or use a signed image.",
                isBlocking: isRequired)
        case .invalid?:
            let reason = signatures?.mostTellingFailure?.detail ?? "no signature verified"
            report(
                .signatureInvalid, .critical,
                "No signature of \(image.reference) verifies (\(reason)); check that the key is the signer's, "
                    + "then re-sign the image or stop using it.",
                isBlocking: isRequired)
        default:
            break
        }

        let verdict = TrustVerdict(
            reference: image.reference, manifestDigest: image.manifestDigest, indexDigest: image.indexDigest,
            isPinned: image.isPinned, isDigestVerified: image.isDigestVerified,
            signatureStatus: signatures?.status ?? .notChecked, signatures: signatures?.checks ?? [],
            policy: policy?.rule(forRegistry: image.registry, repository: image.repository)?.prefix,
            message: verdictMessage(image, signatures: signatures, blocking: blocking))
        return TrustEvaluation(verdict: verdict, findings: findings, blockingFindings: blocking)
    }

    private func verdictMessage(
        _ image: ImageReferenceFacts, signatures: SignatureVerification?, blocking: [HardeningFinding]
    ) -> String {
        if let first = blocking.first { return first.message }
        let pinning = image.isPinned ? "is pinned by digest" : "is not pinned by digest"
        let signature =
            switch signatures?.status {
            case .verified?: signatures?.message ?? "its signature verified"
            case .missing?: "it has no cosign signature"
            case .invalid?: "no signature of it verifies"
            case .notChecked?, nil: "its signatures were not checked"
            }
        return "\(image.reference) \(pinning); \(signature)."
    }
}
