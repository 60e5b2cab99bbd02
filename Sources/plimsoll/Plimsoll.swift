import ArgumentParser
import ScanPipeline

@main
struct Plimsoll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plimsoll",
        abstract: "Inventory and check container images, fully offline.",
        discussion: """
            TARGET is docker-archive:PATH (what `docker save` writes), oci-layout:DIR[:TAG|@DIGEST], \
            oci-archive:PATH or dir:PATH (a root filesystem). A bare path is recognised by its contents.
            """,
        version: ScannerIdentity.version,
        subcommands: [
            ScanCommand.self, SBOMCommand.self, LintCommand.self, VerifyCommand.self, VersionCommand.self,
            DatabaseCommand.self,
        ]
    )
}
