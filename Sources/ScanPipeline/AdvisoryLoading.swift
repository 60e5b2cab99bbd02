import AdvisoryDatabase
import Foundation
import ScanModel
import VulnerabilityMatching

/// Where the advisory database is, and whether the network may be used to get it.
public struct AdvisoryDatabaseOptions: Sendable {
    /// The database file; `nil` means `$XDG_CACHE_HOME/plimsoll/advisories.db`.
    public var path: String?
    /// Never touch the network: a missing database is reported, not downloaded.
    public var isOffline = false
    public var baseURL = DatabaseUpdater.defaultBaseURL
    /// Warn when the data is older than this.
    public var maximumAge: TimeInterval = DatabaseStatus.defaultMaximumAge

    public init(path: String? = nil) {
        self.path = path
    }
}

/// Opens the advisory database for a scan, fetching it on first use as Trivy does.
public enum AdvisoryLoading {
    /// The source to match against, or `nil` (with the reason among the warnings) when there is no database and it
    /// cannot be had; the scan then goes on with its other parts.
    ///
    /// - Throws: when a database exists but cannot be used (not SQLite, a newer schema): that is the user's to fix.
    public static func source(
        database: AdvisoryDatabaseOptions, options: VulnerabilityOptions, now: Date = Date(),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> (source: AdvisorySource?, warnings: [String]) {
        let location = DatabaseLocation.resolve(database.path)
        let store: SQLiteAdvisoryStore
        if !location.exists && database.isOffline {
            return (
                nil,
                [
                    "No advisory database at \(location.path), and --offline forbids fetching one: vulnerabilities were not checked. Run `plimsoll db update` or `plimsoll db import`."
                ]
            )
        }
        do {
            store = try await DatabaseUpdater(location: location, baseURL: database.baseURL).ensureStore(
                progress: progress)
        } catch let error as AdvisoryDatabaseError {
            if case .missingDatabaseOffline = error {
                return (nil, ["\(error) Vulnerabilities were not checked; the other results stand."])
            }
            throw error
        }
        let status = try store.status()
        var warnings: [String] = []
        if status.isStale(at: now, maximumAge: database.maximumAge) {
            let days = status.age(at: now).map { "\(Int($0 / 86_400)) days old" } ?? "of unknown age"
            warnings.append(
                "The advisory database at \(location.path) is \(days); run `plimsoll db update` for recent advisories.")
        }
        return (AdvisorySource(store: store, database: status.reportInfo, options: options, warnings: warnings), [])
    }

    /// The ignore file read when none is named: `.plimsollignore` in the working directory, when present.
    public static let defaultIgnoreFile = ".plimsollignore"

    /// Reads the ignore file (the named one, else `defaultIgnoreFile` if it exists) and the VEX documents.
    public static func triageInputs(ignoreFile: String?, vexFiles: [String]) throws -> (
        ignoreFiles: [IgnoreFile], vexDocuments: [VEXDocument]
    ) {
        let paths =
            ignoreFile.map { [$0] }
            ?? (FileManager.default.fileExists(atPath: defaultIgnoreFile) ? [defaultIgnoreFile] : [])
        let ignores = try paths.map { path in
            try IgnoreFile.parse(try readText(path), source: path)
        }
        let documents = try vexFiles.map { path in
            try VEXDocument.parse(Array(try readText(path).utf8), source: path)
        }
        return (ignores, documents)
    }

    /// Why an ignore or VEX file could not be read.
    public struct UnreadableFile: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "Cannot read '\(path)': \(reason)." }
    }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UnreadableFile(path: path, reason: "no such file, or it cannot be read")
        }
        guard data.count <= 16 << 20 else { throw UnreadableFile(path: path, reason: "it is over 16 MiB") }
        return String(decoding: data, as: UTF8.self)
    }
}
