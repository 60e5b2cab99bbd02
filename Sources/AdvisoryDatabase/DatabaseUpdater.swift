import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads OSV bulk data and rebuilds the advisory database from it.
///
/// For each ecosystem, `<base>/<ECOSYSTEM>/modified_id.csv` lists every record's `modified` time and ID, newest
/// first. When the database already holds the ecosystem, only the records modified since the newest time read last
/// time are fetched (`<base>/<ECOSYSTEM>/<ID>.json`); otherwise, or when too many changed, the whole
/// `<base>/<ECOSYSTEM>/all.zip`. Downloads go to a temporary folder beside the database, and the new database is
/// built beside the old one and renamed over it: an update that fails or is killed leaves the previous database.
/// See https://google.github.io/osv.dev/data/.
public struct DatabaseUpdater: Sendable {
    /// OSV's public bucket.
    public static let defaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

    /// The OSV ecosystems whose packages Plimsoll matches, as named in the bulk data.
    public static let defaultEcosystems = [
        "AlmaLinux", "Alpine", "Chainguard", "Debian", "Go", "Maven", "NuGet", "Packagist", "PyPI", "Red Hat",
        "Rocky Linux", "RubyGems", "SUSE", "Ubuntu", "Wolfi", "crates.io", "npm", "openSUSE",
    ]

    public var location: DatabaseLocation
    public var baseURL: URL
    public var options: ImportOptions
    /// Above this many changed records, an ecosystem is downloaded whole instead of record by record.
    public var incrementalLimit: Int
    /// Seconds to wait for the server to answer a request.
    public var requestTimeout: TimeInterval

    /// - Throws: `AdvisoryDatabaseError.invalidBaseURL` when `baseURL` is not an absolute http(s) URL.
    public init(
        location: DatabaseLocation, baseURL: String = DatabaseUpdater.defaultBaseURL,
        options: ImportOptions = ImportOptions(), incrementalLimit: Int = 2_000, requestTimeout: TimeInterval = 30
    ) throws {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else { throw AdvisoryDatabaseError.invalidBaseURL(baseURL) }
        self.location = location
        self.baseURL = url
        self.options = options
        self.incrementalLimit = incrementalLimit
        self.requestTimeout = requestTimeout
    }

    /// Brings the database up to date for `ecosystems`, keeping the other ecosystems it holds.
    ///
    /// - Parameters:
    ///   - ecosystems: OSV bulk-data ecosystems (`Debian`, `PyPI`); by default those the database already holds,
    ///     or `defaultEcosystems` for a new database.
    ///   - forcesFullDownload: download every ecosystem's `all.zip` even when an incremental update is possible.
    ///   - progress: called with one line per step.
    /// - Throws: `AdvisoryDatabaseError.networkUnreachable` when the server cannot be reached, with the database
    ///   left as it was.
    public func update(
        ecosystems: [String]? = nil, forcesFullDownload: Bool = false,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> UpdateSummary {
        let previous = location.exists ? try SQLiteAdvisoryStore(location: location).metadata() : nil
        let previousBulk = previous?.sources.filter { $0.kind == .osvBulk }.compactMap(\.ecosystem) ?? []
        var chosen = ecosystems ?? (previousBulk.isEmpty ? Self.defaultEcosystems : previousBulk)
        chosen = chosen.reduce(into: []) { list, name in if !list.contains(name) { list.append(name) } }

        let folder = location.url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        DatabaseBuilder.removeAbandonedFiles(besides: location)
        let staging = folder.appendingPathComponent(
            ".\(location.url.lastPathComponent).download-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw AdvisoryDatabaseError.cannotWriteDatabase(path: location.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: staging) }

        let client = HTTPClient(timeout: requestTimeout)
        defer { client.invalidate() }
        var plans: [EcosystemPlan] = []
        for ecosystem in chosen {
            let source = previous?.sources.first { $0.kind == .osvBulk && $0.ecosystem == ecosystem }
            plans.append(
                try await plan(
                    ecosystem, previous: forcesFullDownload ? nil : source, staging: staging, client: client,
                    progress: progress))
        }

        var loader = RecordLoader(options: options, path: location.path)
        let builder = DatabaseBuilder(location: location, keepsPrevious: true)
        progress("Building the database")
        let metadata = try builder.build { database in
            for plan in plans {
                let source = database.beginSource(
                    kind: .osvBulk, ecosystem: plan.ecosystem, location: plan.location,
                    newestModified: plan.newestModified, replacingItsRecords: plan.mode == .full)
                for path in plan.downloads {
                    try loader.load(path, source: source, into: &database)
                }
                for id in plan.removedIDs {
                    try database.withdraw(id: id, modified: nil)
                }
            }
        }
        loader.summary.advisoryCount = metadata.advisoryCount
        return UpdateSummary(
            ecosystems: plans.map {
                EcosystemUpdate(ecosystem: $0.ecosystem, mode: $0.mode, downloadedRecords: $0.downloadedRecords)
            },
            records: loader.summary)
    }

    /// Opens the database, downloading it first when there is none.
    ///
    /// - Throws: `AdvisoryDatabaseError.missingDatabaseOffline` when there is no database and the server cannot
    ///   be reached; the errors of `SQLiteAdvisoryStore.init(location:)` for an unusable database.
    public func ensureStore(
        ecosystems: [String]? = nil, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> SQLiteAdvisoryStore {
        if !location.exists {
            do {
                _ = try await update(ecosystems: ecosystems, progress: progress)
            } catch let error as AdvisoryDatabaseError {
                if case .networkUnreachable(let url, let reason) = error {
                    throw AdvisoryDatabaseError.missingDatabaseOffline(path: location.path, url: url, reason: reason)
                }
                throw error
            }
        }
        return try SQLiteAdvisoryStore(location: location)
    }

    /// What to fetch for one ecosystem, fetched.
    private struct EcosystemPlan {
        var ecosystem: String
        var mode: EcosystemUpdate.Mode
        /// The archive's URL for a full download; the ecosystem's folder URL for an incremental one.
        var location: String
        var newestModified: String?
        /// Downloaded files and folders to import.
        var downloads: [String] = []
        /// IDs listed as modified that the server no longer has.
        var removedIDs: [String] = []
        var downloadedRecords = 0
    }

    private func plan(
        _ ecosystem: String, previous: DatabaseSource?, staging: URL, client: HTTPClient,
        progress: @Sendable (String) -> Void
    ) async throws -> EcosystemPlan {
        let folderURL = baseURL.appendingPathComponent(ecosystem)
        let listURL = folderURL.appendingPathComponent("modified_id.csv")
        // The list is read before the archive, so that its newest time is never newer than the archive's records.
        let list = try await client.data(from: listURL).map(ModifiedList.init(parsing:))
        let newest = list?.newest
        let directory = staging.appendingPathComponent(folderName(for: ecosystem))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        if let previous, let cursor = previous.newestModified, let list, !list.entries.isEmpty {
            let changed = list.modified(after: cursor)
            if changed.count <= incrementalLimit {
                var plan = EcosystemPlan(
                    ecosystem: ecosystem, mode: changed.isEmpty ? .unchanged : .incremental,
                    location: folderURL.absoluteString, newestModified: newest)
                if changed.isEmpty {
                    progress("\(ecosystem): up to date")
                    return plan
                }
                progress("\(ecosystem): fetching \(changed.count) records modified since \(cursor)")
                let outcome = try await fetchRecords(changed, from: folderURL, into: directory, client: client)
                plan.downloads = [directory.path]
                plan.removedIDs = outcome.missing
                plan.downloadedRecords = outcome.fetched
                return plan
            }
            progress("\(ecosystem): \(changed.count) records changed, more than \(incrementalLimit); downloading all")
        }
        let archiveURL = folderURL.appendingPathComponent("all.zip")
        progress("\(ecosystem): downloading \(archiveURL.absoluteString)")
        let archive = directory.appendingPathComponent("all.zip")
        guard try await client.download(archiveURL, to: archive) else {
            throw AdvisoryDatabaseError.downloadFailed(url: archiveURL.absoluteString, status: 404)
        }
        return EcosystemPlan(
            ecosystem: ecosystem, mode: .full, location: archiveURL.absoluteString, newestModified: newest,
            downloads: [archive.path], downloadedRecords: list?.entries.count ?? 0)
    }

    /// A folder name for an ecosystem's downloads: its name with anything but letters and digits replaced.
    private func folderName(for ecosystem: String) -> String {
        String(ecosystem.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + "-" + String(ecosystem.utf8.count)
    }

    /// Fetches `<folder>/<ID>.json` for each ID, eight at a time.
    private func fetchRecords(
        _ ids: [String], from folder: URL, into directory: URL, client: HTTPClient
    ) async throws -> (fetched: Int, missing: [String]) {
        var fetched = 0
        var missing: [String] = []
        try await withThrowingTaskGroup(of: (String, Bool).self) { group in
            var pending = ids.makeIterator()
            func addNext() -> Bool {
                guard let id = pending.next() else { return false }
                let url = folder.appendingPathComponent("\(id).json")
                let file = directory.appendingPathComponent("\(Self.safeFileName(id)).json")
                group.addTask { (id, try await client.download(url, to: file)) }
                return true
            }
            for _ in 0..<8 {
                guard addNext() else { break }
            }
            while let (id, found) = try await group.next() {
                if found { fetched += 1 } else { missing.append(id) }
                _ = addNext()
            }
        }
        return (fetched, missing.sorted())
    }

    /// An ID made safe as a file name: OSV IDs are letters, digits, `-`, `_`, `.` and `:`.
    private static func safeFileName(_ id: String) -> String {
        let safe = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return safe.hasPrefix(".") ? "_" + safe : safe
    }
}

/// What an update did.
public struct UpdateSummary: Sendable, Equatable {
    /// One entry per ecosystem asked for, in order.
    public var ecosystems: [EcosystemUpdate]
    /// The records read, and the advisories the new database holds.
    public var records: ImportSummary
}

/// What an update did for one ecosystem.
public struct EcosystemUpdate: Sendable, Equatable {
    /// How the ecosystem's records were brought up to date.
    public enum Mode: String, Sendable, Equatable {
        /// `all.zip` was downloaded and replaced the ecosystem's records.
        case full
        /// Only the records modified since the last update were fetched.
        case incremental
        /// Nothing was modified since the last update.
        case unchanged
    }

    public var ecosystem: String
    public var mode: Mode
    /// Records fetched one by one, or listed in the archive's ecosystem.
    public var downloadedRecords: Int
}

/// `modified_id.csv`: one `<modified>,<ID>` line per record.
struct ModifiedList {
    var entries: [(modified: String, id: String)]

    init(parsing data: Data) {
        entries = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let comma = text.firstIndex(of: ",") else { continue }
            let modified = String(text[..<comma])
            var id = String(text[text.index(after: comma)...])
            // The root list writes `<ECOSYSTEM>/<ID>`; an ecosystem's own list writes the ID alone.
            if let slash = id.lastIndex(of: "/") { id = String(id[id.index(after: slash)...]) }
            guard !modified.isEmpty, !id.isEmpty else { continue }
            entries.append((modified, id))
        }
    }

    /// The newest `modified` time listed.
    var newest: String? { entries.max { RFC3339.sortKey($0.modified) < RFC3339.sortKey($1.modified) }?.modified }

    /// The IDs modified strictly after `cursor`, each once.
    func modified(after cursor: String) -> [String] {
        let key = RFC3339.sortKey(cursor)
        var seen: Set<String> = []
        return entries.filter { RFC3339.sortKey($0.modified) > key && seen.insert($0.id).inserted }.map(\.id)
    }
}

/// Fetches files over HTTP with URLSession, mapping transport failures to `AdvisoryDatabaseError`.
struct HTTPClient: Sendable {
    private let session: URLSession

    init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 6 * 60 * 60
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration)
    }

    func invalidate() {
        session.finishTasksAndInvalidate()
    }

    /// The body of `url`, or `nil` when the server has no such file.
    func data(from url: URL) async throws -> Data? {
        let (data, response) = try await perform(url) { try await session.data(for: URLRequest(url: url)) }
        return try Self.accept(response, url: url) ? data : nil
    }

    /// Downloads `url` to `destination`; returns `false` when the server has no such file.
    func download(_ url: URL, to destination: URL) async throws -> Bool {
        let (file, response) = try await perform(url) { try await session.download(for: URLRequest(url: url)) }
        defer { try? FileManager.default.removeItem(at: file) }
        guard try Self.accept(response, url: url) else { return false }
        do {
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.moveItem(at: file, to: destination)
        } catch {
            throw AdvisoryDatabaseError.cannotWriteDatabase(path: destination.path, reason: error.localizedDescription)
        }
        return true
    }

    private func perform<T>(_ url: URL, _ request: () async throws -> T) async throws -> T {
        do {
            return try await request()
        } catch let error as URLError {
            let reason = error.localizedDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw AdvisoryDatabaseError.networkUnreachable(url: url.absoluteString, reason: reason)
        }
    }

    /// Returns `true` for 200, `false` for 404 and 410, and throws for any other status.
    private static func accept(_ response: URLResponse, url: URL) throws -> Bool {
        guard let status = (response as? HTTPURLResponse)?.statusCode else { return true }
        switch status {
        case 200: return true
        case 404, 410: return false
        default: throw AdvisoryDatabaseError.downloadFailed(url: url.absoluteString, status: status)
        }
    }
}
