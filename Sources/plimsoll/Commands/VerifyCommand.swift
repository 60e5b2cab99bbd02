import ArgumentParser
import ImageTrust
import ReportWriters
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
    var format: TrustVerdictWriter.Format = .table

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
        let isTrusted = !evaluation.isBlocking && verdict.signatureStatus == .verified
        try deliver(
            TrustVerdictWriter(format: format).render(verdict, findings: evaluation.findings, isTrusted: isTrusted),
            to: nil)
        if !isTrusted {
            printError("Not trusted: \(evaluation.blockingFindings.first?.message ?? verdict.message)")
            throw ExitCode(1)
        }
    }
}

extension TrustVerdictWriter.Format: ExpressibleByArgument {}
