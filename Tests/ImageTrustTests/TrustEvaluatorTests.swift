import ScanModel
import Testing

@testable import ImageTrust

struct TrustEvaluatorTests {
    private let manifestDigest = digest(repeating: "a")

    private func facts(registry: String = "reg.io", repository: String = "team/app", isPinned: Bool)
        -> ImageReferenceFacts
    {
        ImageReferenceFacts(
            registry: registry, repository: repository,
            reference: isPinned ? "\(registry)/\(repository)@\(manifestDigest)" : "\(registry)/\(repository):1.0",
            isPinned: isPinned, manifestDigest: manifestDigest)
    }

    private func signatures(_ status: SignatureStatus, failure: SignatureFailure? = nil) -> SignatureVerification {
        let checks =
            status == .missing
            ? []
            : [
                SignatureCheck(
                    location: "tag sha256-a.sig", format: "cosign simple signing", key: "sha256:k", failure: failure,
                    detail: failure == nil ? "verified" : "the signature signs sha256:b")
            ]
        return SignatureVerification(status: status, checks: checks, message: "\(status)")
    }

    @Test func aPinnedImageWithNothingAskedHasNoFindings() {
        let evaluation = TrustEvaluator().evaluate(facts(isPinned: true), signatures: nil)
        #expect(evaluation.findings.isEmpty)
        #expect(!evaluation.isBlocking)
        #expect(evaluation.verdict.signatureStatus == .notChecked)
        #expect(evaluation.verdict.isPinned)
        #expect(evaluation.verdict.isTrusted)
    }

    @Test(
        "An unpinned reference is low unless a digest is required, then high and blocking",
        arguments: [
            (TrustOptions(), nil, Severity.low, false),
            (TrustOptions(requireDigest: true), nil, .high, true),
            (TrustOptions(), TrustPolicy(requireDigest: true), .high, true),
        ] as [(TrustOptions, TrustPolicy?, Severity, Bool)])
    func unpinnedReferences(options: TrustOptions, policy: TrustPolicy?, severity: Severity, isBlocking: Bool) throws {
        let evaluation = TrustEvaluator(options: options, policy: policy).evaluate(
            facts(isPinned: false), signatures: nil)
        let finding = try #require(evaluation.findings.first)
        #expect(evaluation.findings.count == 1)
        #expect(finding.ruleID == "PLM-TRUST-UNPINNED")
        #expect(finding.category == .trust)
        #expect(finding.severity == severity)
        #expect(finding.message.contains("refer to it as reg.io/team/app@\(manifestDigest)"))
        #expect(evaluation.isBlocking == isBlocking)
    }

    @Test func suggestsTheIndexDigestWhenTheReferenceNamedAnIndex() throws {
        var image = facts(isPinned: false)
        image.indexDigest = digest(repeating: "e")
        let finding = try #require(TrustEvaluator().evaluate(image, signatures: nil).findings.first)
        #expect(finding.message.contains("@\(digest(repeating: "e"))"))
    }

    @Test func aRegistryOutsideTheAllowedListIsCriticalAndBlocking() throws {
        let evaluator = TrustEvaluator(policy: TrustPolicy(allowedRegistries: ["registry.example.com"]))
        let evaluation = evaluator.evaluate(facts(isPinned: true), signatures: nil)
        let finding = try #require(evaluation.findings.first)
        #expect(finding.ruleID == "PLM-TRUST-REGISTRY-NOT-ALLOWED")
        #expect(finding.severity == .critical)
        #expect(evaluation.isBlocking)
        #expect(evaluation.verdict.message == finding.message)
        #expect(
            !evaluator.evaluate(facts(registry: "registry.example.com", isPinned: true), signatures: nil).isBlocking)
    }

    @Test(
        "Signature results become findings, blocking only when a signature is required",
        arguments: [
            (SignatureStatus.verified, nil, false, nil, false),
            (.verified, nil, true, nil, false),
            (.missing, nil, false, "PLM-TRUST-SIGNATURE-MISSING", false),
            (.missing, nil, true, "PLM-TRUST-SIGNATURE-MISSING", true),
            (.invalid, SignatureFailure.digestMismatch, false, "PLM-TRUST-SIGNATURE-INVALID", false),
            (.invalid, .wrongKey, true, "PLM-TRUST-SIGNATURE-INVALID", true),
        ] as [(SignatureStatus, SignatureFailure?, Bool, String?, Bool)])
    func signatureFindings(
        status: SignatureStatus, failure: SignatureFailure?, isRequired: Bool, ruleID: String?, isBlocking: Bool
    ) {
        let options = TrustOptions(requireSignature: isRequired, keyFiles: ["cosign.pub"])
        let evaluation = TrustEvaluator(options: options).evaluate(
            facts(isPinned: true), signatures: signatures(status, failure: failure))
        #expect(evaluation.findings.map(\.ruleID) == (ruleID.map { [$0] } ?? []))
        #expect(evaluation.isBlocking == isBlocking)
        #expect(evaluation.verdict.signatureStatus == status)
        #expect(evaluation.findings.allSatisfy { $0.category == .trust })
    }

    @Test func severitiesOfSignatureFindings() {
        let evaluator = TrustEvaluator(options: TrustOptions(keyFiles: ["cosign.pub"]))
        let missing = evaluator.evaluate(facts(isPinned: true), signatures: signatures(.missing))
        let invalid = evaluator.evaluate(facts(isPinned: true), signatures: signatures(.invalid, failure: .wrongKey))
        #expect(missing.findings.map(\.severity) == [.high])
        #expect(invalid.findings.map(\.severity) == [.critical])
        #expect(invalid.findings.first?.message.contains("the signature signs sha256:b") == true)
    }

    @Test func aRequiredSignatureThatWasNotCheckedIsMissingAndBlocking() {
        let evaluation = TrustEvaluator(options: TrustOptions(requireSignature: true)).evaluate(
            facts(isPinned: true), signatures: nil)
        #expect(evaluation.findings.map(\.ruleID) == ["PLM-TRUST-SIGNATURE-MISSING"])
        #expect(evaluation.isBlocking)
        #expect(evaluation.findings.first?.message.contains("--key") == true)
    }

    @Test func aPolicyRuleRequiresASignatureForItsPrefixOnly() {
        let policy = TrustPolicy(rules: [.init(prefix: "reg.io/team/", requireSignature: true, keys: ["team.pub"])])
        let evaluator = TrustEvaluator(policy: policy)
        let covered = evaluator.evaluate(facts(isPinned: true), signatures: signatures(.missing))
        #expect(covered.isBlocking)
        #expect(covered.verdict.policy == "reg.io/team/")
        let uncovered = evaluator.evaluate(facts(repository: "other/app", isPinned: true), signatures: nil)
        #expect(!uncovered.isBlocking)
        #expect(uncovered.findings.isEmpty)
        #expect(uncovered.verdict.policy == nil)
    }

    @Test(
        "Plans a signature check only when asked, with the rule's keys before the command line's",
        arguments: [
            (TrustOptions(), "reg.io", "other/app", nil),
            (
                TrustOptions(keyFiles: ["cli.pub"]), "reg.io", "other/app",
                SignatureCheckPlan(keyFiles: ["cli.pub"], isRequired: false)
            ),
            (
                TrustOptions(requireSignature: true), "reg.io", "other/app",
                SignatureCheckPlan(keyFiles: [], isRequired: true)
            ),
            (
                TrustOptions(keyFiles: ["cli.pub"]), "reg.io", "team/app",
                SignatureCheckPlan(keyFiles: ["team.pub"], isRequired: true, policyPrefix: "reg.io/team")
            ),
            (
                TrustOptions(keyFiles: ["cli.pub"]), "reg.io", "open/app",
                SignatureCheckPlan(keyFiles: ["cli.pub"], isRequired: true, policyPrefix: "reg.io/open")
            ),
        ] as [(TrustOptions, String, String, SignatureCheckPlan?)])
    func plansSignatureChecks(options: TrustOptions, registry: String, repository: String, plan: SignatureCheckPlan?) {
        let policy = TrustPolicy(rules: [
            .init(prefix: "reg.io/team", requireSignature: true, keys: ["team.pub"]),
            .init(prefix: "reg.io/open", requireSignature: true),
        ])
        let evaluator = TrustEvaluator(options: options, policy: policy)
        #expect(evaluator.signatureCheckPlan(registry: registry, repository: repository) == plan)
    }

    @Test func everyBlockingConditionAtOnce() {
        let evaluator = TrustEvaluator(
            options: TrustOptions(requireDigest: true, requireSignature: true, keyFiles: ["cosign.pub"]),
            policy: TrustPolicy(allowedRegistries: ["registry.example.com"]))
        let evaluation = evaluator.evaluate(
            facts(isPinned: false), signatures: signatures(.invalid, failure: .digestMismatch))
        #expect(
            evaluation.findings.map(\.ruleID) == [
                "PLM-TRUST-REGISTRY-NOT-ALLOWED", "PLM-TRUST-UNPINNED", "PLM-TRUST-SIGNATURE-INVALID",
            ])
        #expect(evaluation.blockingFindings.count == 3)
        #expect(!evaluation.verdict.isTrusted)
    }

    @Test func ruleIDsAreStable() {
        #expect(
            TrustRule.allCases.map(\.rawValue) == [
                "PLM-TRUST-UNPINNED", "PLM-TRUST-REGISTRY-NOT-ALLOWED", "PLM-TRUST-SIGNATURE-MISSING",
                "PLM-TRUST-SIGNATURE-INVALID",
            ])
    }
}
