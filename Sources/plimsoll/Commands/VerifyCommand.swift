import ArgumentParser
import Foundation
import ImageTrust
import ScanModel
import ScanPipeline

/// `plimsoll verify`: whether an image in a registry carries a cosign signature that verifies with a given key.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an image's cosign signatures in its registry, without scanning it.",
        discussion: """
            Resolves the reference to its manifest digest (through the index for a multi-platform image), finds the \
            signatures of that digest (the sha256-<hex>.sig tag, the referrers API and its tag fallback), and checks \
            each: the signed payload must name this exact digest, and the signature must verify with one of the \
            keys (--key, or the keys of the matching rule of the `trust:` section of --config). Exit status: 0 when \
            a signature verified and the policy holds, 1 when the signature is missing or invalid or the policy \
            refuses the image, 2 when the registry, a key or the configuration could not be used.
            """)

    @Argument(help: "The image: HOST/REPOSITORY[:TAG][@sha256:DIGEST] (registry: or docker:// prefixes allowed).")
    var target: String

    @Option(help: "The platform whose manifest is checked when the image's index has no signature (os/arch[/variant]).")
    var platform: String?

    @Option(help: "A YAML configuration file; its `trust:` section is the trust policy.")
    var config: String?

    @OptionGroup var trustOptions: TrustCommandOptions
    @OptionGroup var registryOptions: RegistryCommandOptions

    @Option(help: "Output format: table or json (the trust verdict, as in scan reports).")
    var format: VerifyFormat = .table

    enum VerifyFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func run() async throws {
        let evaluation: TrustEvaluation
        do {
            var settings = try trustOptions.settings(configurationFile: config)
            settings.options.requireSignature = true
            evaluation = try await ImageVerifier().verify(
                target: target, platform: platform, registry: try registryOptions.settings().options(),
                settings: settings)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let verdict = evaluation.verdict
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var bytes = Array((try? encoder.encode(verdict)) ?? Data())
            bytes.append(UInt8(ascii: "\n"))
            try deliver(bytes, to: nil)
        case .table:
            try deliver(Array(Self.table(evaluation).utf8), to: nil)
        }
        if evaluation.isBlocking || verdict.signatureStatus != .verified {
            printError("Not trusted: \(evaluation.blockingFindings.first?.message ?? verdict.message)")
            throw ExitCode(1)
        }
    }

    /// The verdict for people: the outcome, the digest, and a line per signature.
    static func table(_ evaluation: TrustEvaluation) -> String {
        let verdict = evaluation.verdict
        let outcome = verdict.signatureStatus == .verified && !evaluation.isBlocking ? "VERIFIED" : "NOT TRUSTED"
        var lines = [
            "\(outcome): \(verdict.reference)",
            "Manifest:  \(verdict.manifestDigest)",
        ]
        if let index = verdict.indexDigest { lines.append("Index:     \(index)") }
        lines.append("Pinned:    \(verdict.isPinned ? "yes" : "no")")
        if let policy = verdict.policy { lines.append("Policy:    \(policy)") }
        lines.append("Signature: \(verdict.signatureStatus.rawValue) — \(verdict.message)")
        for check in verdict.signatures {
            let result = check.isVerified ? "verified" : (check.failure?.rawValue ?? "failed")
            lines.append("  - \(check.location) [\(check.format)]: \(result): \(check.detail)")
        }
        for finding in evaluation.findings {
            lines.append("\(finding.ruleID) (\(finding.severity.rawValue)): \(finding.message)")
        }
        return lines.map { String($0.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }) }
            .joined(separator: "\n") + "\n"
    }
}
