import ArgumentParser
import Ecosystems
import VulnerabilityMatching

/// `plimsoll version compare`: how Plimsoll orders two versions, to debug a surprising match.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Inspect version orderings.",
        subcommands: [CompareCommand.self])

    struct CompareCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare versions read as `A<TAB>B` lines on standard input.",
            discussion: """
                Prints -1, 0 or 1 per line as A sorts before, equal to, or after B. A line that does not parse prints \
                an error on standard error and the command exits with status 1 at the end.
                """)

        @Option(help: "The version scheme: \(VersionSchemeID.allCases.map(\.rawValue).joined(separator: ", ")).")
        var scheme: VersionSchemeID

        func run() async throws {
            guard let versionScheme = VersionSchemeCatalog.scheme(for: scheme) else {
                throw ValidationError("The \(scheme.rawValue) scheme is not available in this build.")
            }
            var failed = false
            var lineNumber = 0
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 2 else {
                    printError("line \(lineNumber): expected two versions separated by a tab")
                    failed = true
                    continue
                }
                do {
                    print(try versionScheme.compare(String(fields[0]), String(fields[1])))
                } catch {
                    printError("line \(lineNumber): \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

extension VersionSchemeID: ExpressibleByArgument {}
