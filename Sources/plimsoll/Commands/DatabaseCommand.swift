import AdvisoryDatabase
import ArgumentParser
import Foundation
import ScanModel

/// `plimsoll db`: the local advisory database.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build, update and inspect the local advisory database.",
        discussion: """
            The database lives at $XDG_CACHE_HOME/plimsoll/advisories.db, else ~/.cache/plimsoll/advisories.db; \
            --db picks another file. Every change builds a new file beside it and renames it into place, so an \
            interrupted command leaves the previous database. Exit status: 0 on success, 2 on failure.
            """,
        subcommands: [Import.self, Update.self, Status.self, Query.self])

    /// The `--db` option every `db` subcommand takes.
    struct Location: ParsableArguments {
        @Option(name: .customLong("db"), help: "The advisory database file.")
        var path: String?

        var location: DatabaseLocation { DatabaseLocation.resolve(path) }
    }

    /// How much of each advisory's details to keep.
    struct Details: ParsableArguments {
        @Option(help: "Keep at most this many characters of each advisory's details (0 drops them).")
        var detailsLength = 1_000

        @Flag(help: "Keep every advisory's details whole (a larger database).")
        var fullDetails = false

        func validate() throws {
            guard detailsLength >= 0 else { throw ValidationError("--details-length must be 0 or more.") }
        }

        var options: ImportOptions { ImportOptions(maximumDetailsLength: fullDetails ? nil : detailsLength) }
    }

    /// `plimsoll db import PATH…`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import OSV records from JSON files, folders of them, or zip archives.",
            discussion: """
                Each PATH is a source: importing it again replaces its records, and the database's other records \
                are kept unless --replace is given. Records that cannot be read are listed and skipped.
                """)

        @OptionGroup var database: Location
        @OptionGroup var details: Details

        @Flag(help: "Start from an empty database instead of adding to the existing one.")
        var replace = false

        @Argument(help: "OSV JSON files, folders (searched recursively for *.json) or zip archives.")
        var paths: [String]

        func run() throws {
            let importer = OSVImporter(location: database.location, options: details.options)
            let summary = try reportingFailure { try importer.importRecords(from: paths, replacingExisting: replace) }
            printProblems(of: summary)
            print(describe(summary, verb: "Imported"))
        }
    }

    /// `plimsoll db update`.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download OSV advisories, only those modified since the last update when possible.",
            discussion: """
                Without --ecosystem, updates the ecosystems the database holds, or every ecosystem Plimsoll matches \
                for a new database: \(DatabaseUpdater.defaultEcosystems.joined(separator: ", ")).
                """)

        @OptionGroup var database: Location
        @OptionGroup var details: Details

        @Option(name: .customLong("ecosystem"), help: "An OSV ecosystem to update (repeatable): Debian, PyPI, …")
        var ecosystems: [String] = []

        @Option(help: "The OSV bulk-data server.")
        var baseURL = DatabaseUpdater.defaultBaseURL

        @Flag(help: "Download every ecosystem's whole archive, even when an incremental update is possible.")
        var full = false

        func run() async throws {
            let updater = try reportingFailure {
                try DatabaseUpdater(location: database.location, baseURL: baseURL, options: details.options)
            }
            let summary: UpdateSummary
            do {
                summary = try await updater.update(
                    ecosystems: ecosystems.isEmpty ? nil : ecosystems, forcesFullDownload: full,
                    progress: { printNote($0) })
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            printProblems(of: summary.records)
            for ecosystem in summary.ecosystems {
                print("\(ecosystem.ecosystem): \(ecosystem.mode.rawValue)")
            }
            print(describe(summary.records, verb: "Read"))
        }
    }

    /// `plimsoll db status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the advisory database holds and how old it is.")

        @OptionGroup var database: Location

        @Flag(help: "Print the status as JSON.")
        var json = false

        func run() throws {
            let status = try reportingFailure { try DatabaseStatus.read(at: database.location) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let data = try reportingFailure { try encoder.encode(status) }
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print(describe(status, now: Date()))
        }
    }

    /// `plimsoll db query`.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the advisories that name packages.",
            discussion: """
                Prints one line per advisory and package: ID, ecosystem, package, aliases, summary. With \
                --queries, reads `ECOSYSTEM<TAB>NAME` lines from a file and looks them all up in one batch.
                """)

        @OptionGroup var database: Location

        @Option(help: "The OSV ecosystem of the NAMEs (Debian:12, PyPI, Go).")
        var ecosystem: String?

        @Flag(help: "Also match ecosystems that extend the given one (Debian:12 finds Debian:12:security).")
        var subEcosystems = false

        @Option(help: "A file of `ECOSYSTEM<TAB>NAME` lines to look up.")
        var queries: String?

        @Flag(help: "Print how long the lookups took on standard error.")
        var timing = false

        @Argument(help: "Package names, as their package manager writes them.")
        var names: [String] = []

        func validate() throws {
            guard !names.isEmpty || queries != nil else {
                throw ValidationError("Name a package (with --ecosystem) or pass --queries FILE.")
            }
            guard names.isEmpty || ecosystem != nil else {
                throw ValidationError("Pass --ecosystem with package names, for example --ecosystem PyPI django.")
            }
        }

        func run() throws {
            var packages = names.map { (ecosystem: ecosystem ?? "", name: $0) }
            if let queries {
                let text = try reportingFailure { try String(contentsOfFile: queries, encoding: .utf8) }
                for line in text.split(whereSeparator: \.isNewline) {
                    let fields = line.split(separator: "\t", maxSplits: 1)
                    guard fields.count == 2 else { continue }
                    packages.append((String(fields[0]), String(fields[1])))
                }
            }
            let store = try reportingFailure { try SQLiteAdvisoryStore(location: database.location) }
            let started = (wall: clockMilliseconds(CLOCK_MONOTONIC), cpu: clockMilliseconds(CLOCK_PROCESS_CPUTIME_ID))
            let found = try reportingFailure {
                try store.advisories(forPackages: packages, includingSubEcosystems: subEcosystems)
            }
            if timing {
                let wall = clockMilliseconds(CLOCK_MONOTONIC) - started.wall
                let cpu = clockMilliseconds(CLOCK_PROCESS_CPUTIME_ID) - started.cpu
                printNote(String(format: "%d lookups in %.2f ms (%.2f ms of CPU)", packages.count, wall, cpu))
            }
            var lines: [String] = []
            for (package, advisories) in zip(packages, found) {
                for advisory in advisories {
                    for affected in advisory.affected {
                        lines.append(
                            [
                                advisory.id, affected.ecosystem, package.name, advisory.aliases.joined(separator: ","),
                                advisory.summary ?? "",
                            ].joined(separator: "\t"))
                    }
                }
            }
            if !lines.isEmpty { print(lines.joined(separator: "\n")) }
        }
    }
}

/// Runs `body`, turning any failure into one line on standard error and exit status 2.
private func reportingFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// The time of `clock` in milliseconds.
private func clockMilliseconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
}

/// Writes a progress line to standard error.
private func printNote(_ message: String) {
    var standardError = StandardError()
    print("plimsoll: \(message)", to: &standardError)
}

/// Lists the records an import skipped, on standard error.
private func printProblems(of summary: ImportSummary) {
    let shown = summary.problems.prefix(20)
    for problem in shown { printNote("skipped \(problem)") }
    if summary.malformed > shown.count { printNote("… and \(summary.malformed - shown.count) more skipped records") }
}

private func describe(_ summary: ImportSummary, verb: String) -> String {
    var parts = ["\(verb) \(summary.imported) records"]
    if summary.withdrawn > 0 { parts.append("\(summary.withdrawn) withdrawn") }
    if summary.duplicates > 0 { parts.append("\(summary.duplicates) duplicates") }
    if summary.withoutPackages > 0 { parts.append("\(summary.withoutPackages) without packages") }
    if summary.malformed > 0 { parts.append("\(summary.malformed) malformed") }
    return parts.joined(separator: ", ") + ". \(summary.path) holds \(summary.advisoryCount) advisories."
}

private func describe(_ status: DatabaseStatus, now: Date) -> String {
    var lines = [
        "Database:     \(status.path) (\(formatBytes(status.fileSize)), schema \(status.schemaVersion))",
        "Last update:  \(status.lastUpdate ?? "unknown")\(status.age(at: now).map { " (\(formatAge($0)) ago)" } ?? "")",
        "Advisories:   \(status.advisoryCount)",
    ]
    if status.isStale(at: now) {
        lines.append(
            "Stale:        older than \(formatAge(DatabaseStatus.defaultMaximumAge)); run `plimsoll db update`")
    }
    lines.append("Sources:")
    for source in status.sources {
        let name = source.ecosystem.map { "\(source.kind.rawValue) \($0)" } ?? source.kind.rawValue
        lines.append("  \(name): \(source.location), \(source.recordCount) records, read \(source.updatedAt)")
    }
    lines.append("Advisories per ecosystem:")
    for (ecosystem, count) in status.recordCounts.sorted(by: { $0.key < $1.key }) {
        lines.append("  \(ecosystem): \(count)")
    }
    return lines.joined(separator: "\n")
}

private func formatBytes(_ bytes: Int64) -> String {
    let megabytes = Double(bytes) / 1_000_000
    return megabytes >= 1 ? String(format: "%.1f MB", megabytes) : "\(bytes) bytes"
}

private func formatAge(_ seconds: TimeInterval) -> String {
    switch seconds {
    case ..<120: "\(Int(seconds)) seconds"
    case ..<7_200: "\(Int(seconds / 60)) minutes"
    case ..<172_800: "\(Int(seconds / 3_600)) hours"
    default: "\(Int(seconds / 86_400)) days"
    }
}
