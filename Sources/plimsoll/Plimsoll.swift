import ArgumentParser
import ScanPipeline

@main
struct Plimsoll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plimsoll",
        abstract: "Inventory and check container images, fully offline.",
        version: ScannerIdentity.version,
        subcommands: []
    )
}
