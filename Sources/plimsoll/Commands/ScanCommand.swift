import ArgumentParser
import ReportWriters
import ScanModel
import ScanPipeline

/// `plimsoll scan`: what is inside an image and which known vulnerabilities apply.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract:
            "Scan an image: its packages and known vulnerabilities, secrets, and (with --scanners config) hardening.",
        discussion: """
            Vulnerabilities come from a local advisory database built from OSV data; it is downloaded on first use \
            unless --offline is given. Secrets are looked for in every layer (also in files a later layer deleted), \
            in the image configuration and in its history; they are always masked in the report. `--scanners config` \
            adds the hardening checks: image configuration, base image and end of life, binary protections. Exit \
            status: 0 when the scan completed (and nothing crossed --fail-on), the --exit-code status (1 by default) \
            when a remaining vulnerability, secret or hardening finding crosses it, 1 when a trust check asked for \
            (--require-digest, --require-signature, a trust policy) fails — the report then holds the verdict and \
            no packages —, 2 when the image, the registry, the database or a configuration file could not be read.
            """)

    @OptionGroup var targetOptions: TargetOptions
    @OptionGroup var scannerOptions: ScannerCommandOptions
    @OptionGroup var vulnerabilityOptions: VulnerabilityCommandOptions
    @OptionGroup var trustOptions: TrustCommandOptions

    @Option(help: "Report format: table, json, sarif or cyclonedx.")
    var format: ReportFormat = .table

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard format != .spdxJSON else {
            throw ValidationError("SPDX has no place for vulnerabilities; use `plimsoll sbom --format spdx-json`.")
        }
    }

    func run() async throws {
        let advisories: (source: AdvisorySource?, warnings: [String])
        var options: ScanOptions
        do {
            options = try targetOptions.scanOptions()
            options.trust = try trustOptions.settings(configurationFile: scannerOptions.config)
            try scannerOptions.apply(to: &options)
            advisories =
                try scannerOptions.selected().contains(.vuln)
                ? try await vulnerabilityOptions.advisorySource() : (nil, [])
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var report: ScanReport
        do {
            report = try await runScan(options, advisories: advisories.source)
        } catch let failure as TrustGateFailure {
            try deliverTrustFailure(failure, format: format, to: output)
        }
        report.warnings += advisories.warnings
        for warning in advisories.warnings { printError(warning) }
        try deliver(try format.writer.render(report), to: output)
        let status = vulnerabilityOptions.exitStatus(for: report)
        if status != 0 { throw ExitCode(status) }
    }
}

extension ReportFormat: ExpressibleByArgument {}
