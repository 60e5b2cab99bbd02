import ArgumentParser
import ReportWriters
import ScanPipeline

/// `plimsoll sbom`: a software bill of materials for an image.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Write a software bill of materials (CycloneDX 1.6 or SPDX 2.3) for an image.",
        discussion: "Exit status: 0 when the SBOM was written, 2 when the image could not be read.")

    @OptionGroup var targetOptions: TargetOptions

    @Option(help: "SBOM format: cyclonedx or spdx-json.")
    var format: ReportFormat = .cyclonedx

    @Option(help: "Write the SBOM to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard format == .cyclonedx || format == .spdxJSON else {
            throw ValidationError(
                "sbom writes cyclonedx or spdx-json; for \(format.rawValue) use `plimsoll scan --format \(format.rawValue)`."
            )
        }
    }

    func run() async throws {
        let options: ScanOptions
        do {
            options = try targetOptions.scanOptions()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let report = try await runScan(options)
        try deliver(try format.writer.render(report), to: output)
    }
}
