import ArgumentParser
import ReportWriters
import ScanPipeline

/// `plimsoll scan`: what is inside an image, as a table or JSON.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an image and report its operating system and packages.",
        discussion: "Exit status: 0 when the scan completed, 2 when the image could not be read.")

    @OptionGroup var targetOptions: TargetOptions

    @Option(help: "Report format: table or json.")
    var format: ReportFormat = .table

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard format == .table || format == .json else {
            throw ValidationError(
                "scan writes table or json; for \(format.rawValue) use `plimsoll sbom --format \(format.rawValue)`.")
        }
    }

    func run() async throws {
        let report = try await runScan(targetOptions.scanOptions)
        try deliver(try format.writer.render(report), to: output)
    }
}

extension ReportFormat: ExpressibleByArgument {}
