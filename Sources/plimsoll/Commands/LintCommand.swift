import ArgumentParser
import Foundation
import Hardening
import ReportWriters
import ScanModel
import ScanPipeline

/// `plimsoll lint`: checks Dockerfiles against the hardening rules before anything is built.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check Dockerfiles for insecure practices (PLM-DOCKERFILE-… rules).",
        discussion: """
            PATH is a Dockerfile or a directory searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile \
            and Containerfile (default: the current directory). Rules are documented in docs/rules/dockerfile.md; \
            `# plimsoll:ignore=ID[,ID]` on the line before an instruction, or at its end, suppresses them there. \
            Exit status: 0 when nothing crossed --fail-on, the --exit-code status (1 by default) when a finding \
            does, 2 when a file cannot be read or parsed.
            """)

    @Argument(help: "Dockerfiles or directories to lint.")
    var paths: [String] = []

    @Option(help: "Report format: table, json or sarif.")
    var format: LintReportFormat = .table

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "A YAML file whose `hardening:` section disables rules, overrides severities and lists trusted "
                + "registries and required labels."))
    var config: String?

    @Option(help: "Show only these severities, comma-separated (critical,high,medium,low,negligible).")
    var severity: String?

    @Option(help: "Exit non-zero when a finding is at least this severe.")
    var failOn: Severity?

    @Option(help: "Exit with this status when a finding remains (default 1 with --fail-on).")
    var exitCode: Int32?

    func validate() throws {
        _ = try severities()
        if let exitCode, !(1...125).contains(exitCode) {
            throw ValidationError("--exit-code must be between 1 and 125, not \(exitCode).")
        }
    }

    /// The severities to show, or `nil` for all.
    func severities() throws -> Set<Severity>? {
        guard let severity else { return nil }
        var result: Set<Severity> = []
        for name in severity.split(separator: ",") {
            let word = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let value = Severity(rawValue: word == "info" ? "negligible" : word) else {
                throw ValidationError(
                    "Unknown severity '\(name)' in --severity; use "
                        + Severity.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            result.insert(value)
        }
        return result
    }

    func run() throws {
        let configuration: HardeningConfiguration
        let files: [String]
        do {
            configuration = try config.map { try LintConfigurationFile.load($0) } ?? HardeningConfiguration()
            files = try LintFileDiscovery.dockerfiles(under: paths.isEmpty ? ["."] : paths)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var report = DockerfileLinting.report(
            files: files, linter: Linter(configuration: configuration),
            scanner: ScannerInfo(name: ScannerIdentity.name, version: ScannerIdentity.version),
            createdAt: ImageScanner.timestamp(Date()))
        if let shown = try severities() { report.findings = report.findings.filter { shown.contains($0.severity) } }
        let writer: any LintReportWriter =
            format == .sarif
            ? LintSARIFWriter(baseDirectory: DockerfileLinting.sarifBaseDirectory(for: files)) : format.writer
        try deliver(try writer.render(report), to: output)
        for error in report.errors { printError(error.message) }
        guard report.errors.isEmpty else { throw ExitCode(2) }
        guard exitCode != nil || failOn != nil else { return }
        let threshold = failOn ?? .unknown
        if report.findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(exitCode ?? 1) }
    }
}

extension LintReportFormat: ExpressibleByArgument {}
