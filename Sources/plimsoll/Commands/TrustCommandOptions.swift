import ArgumentParser
import ImageTrust
import ReportWriters
import ScanPipeline

/// What to check before believing an image pulled from a registry.
struct TrustCommandOptions: ParsableArguments {
    @Flag(help: "Refuse a registry reference that does not pin a digest (NAME@sha256:…).")
    var requireDigest = false

    @Flag(help: "Refuse the image unless a cosign signature verifies with a --key (or a trust-policy key).")
    var requireSignature = false

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            "A cosign public key (PEM: ECDSA P-256/P-384, RSA or Ed25519) that signatures are checked against; "
                + "repeatable.", valueName: "file"))
    var keys: [String] = []

    /// The settings, with the `trust:` section of `configurationFile` when there is one.
    func settings(configurationFile: String?) throws -> TrustSettings {
        let policy = try configurationFile.flatMap { path throws(TrustError) in
            try TrustPolicy.loading(configurationFile: path)
        }
        return TrustSettings(
            options: TrustOptions(requireDigest: requireDigest, requireSignature: requireSignature, keyFiles: keys),
            policy: policy)
    }
}

/// Writes the report of a scan the trust check stopped, says why on standard error, and exits with status 1.
func deliverTrustFailure(_ failure: TrustGateFailure, format: ReportFormat, to output: String?) throws -> Never {
    printError("Not trusted: \(failure.description)")
    try deliver(try format.writer.render(failure.report), to: output)
    throw ExitCode(1)
}
