/// Why the advisory database could not be opened, built or updated.
public enum AdvisoryDatabaseError: Error, Equatable, CustomStringConvertible {
    /// No database file exists at the path.
    case databaseMissing(path: String)
    /// The file is not an SQLite database.
    case notADatabase(path: String)
    /// The file is an SQLite database, but not one Plimsoll wrote.
    case notAnAdvisoryDatabase(path: String)
    /// The database was written by a newer Plimsoll, with a schema this one does not know.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// SQLite failed on a database that looked valid.
    case sqlite(path: String, message: String)
    /// A stored record could not be decoded: the file is damaged.
    case corruptRecord(path: String, advisoryID: String)
    /// An input path given to the importer does not exist.
    case inputNotFound(path: String)
    /// An input file or folder could not be read.
    case unreadableInput(path: String, reason: String)
    /// A zip archive could not be read: it is truncated or not a zip.
    case unreadableArchive(path: String, reason: String)
    /// A zip archive names an entry outside the archive (`../`, an absolute path): a hostile archive.
    case unsafeArchiveEntry(archive: String, entry: String)
    /// The new database could not be written or moved into place.
    case cannotWriteDatabase(path: String, reason: String)
    /// The base URL of the advisory server is not an absolute http(s) URL.
    case invalidBaseURL(String)
    /// The advisory server could not be reached.
    case networkUnreachable(url: String, reason: String)
    /// The advisory server answered with an error status.
    case downloadFailed(url: String, status: Int)
    /// There is no database yet, and the advisory server could not be reached to download one.
    case missingDatabaseOffline(path: String, url: String, reason: String)

    public var description: String {
        switch self {
        case .databaseMissing(let path):
            "No advisory database at '\(path)'. Run `plimsoll db update` to download one, or `plimsoll db import`."
        case .notADatabase(let path):
            "'\(path)' is not an SQLite database. Pass the path of an advisory database, or remove the file and run "
                + "`plimsoll db update`."
        case .notAnAdvisoryDatabase(let path):
            "'\(path)' is an SQLite database but not a Plimsoll advisory database; it was left untouched. "
                + "Pass another --db path."
        case .schemaTooNew(let path, let found, let supported):
            "The advisory database '\(path)' has schema version \(found), newer than the \(supported) this plimsoll "
                + "reads. Upgrade plimsoll, or use another --db path."
        case .sqlite(let path, let message):
            "SQLite failed on '\(path)': \(message)."
        case .corruptRecord(let path, let advisoryID):
            "The advisory database '\(path)' is damaged (record \(advisoryID) cannot be decoded). "
                + "Rebuild it with `plimsoll db update`."
        case .inputNotFound(let path):
            "No such file or folder: '\(path)'."
        case .unreadableInput(let path, let reason):
            "Cannot read '\(path)': \(reason)."
        case .unreadableArchive(let path, let reason):
            "Cannot read the zip archive '\(path)' (\(reason)); it is truncated or not a zip. Download it again."
        case .unsafeArchiveEntry(let archive, let entry):
            "The zip archive '\(archive)' holds an entry named '\(entry)', outside the archive; refusing the archive."
        case .cannotWriteDatabase(let path, let reason):
            "Cannot write the advisory database '\(path)': \(reason). The previous database was left unchanged."
        case .invalidBaseURL(let url):
            "'\(url)' is not an http or https URL; pass the base URL of an OSV mirror with --base-url."
        case .networkUnreachable(let url, let reason):
            "Cannot reach \(url): \(reason). Check the network or pass --base-url; the database was left unchanged."
        case .downloadFailed(let url, let status):
            "Downloading \(url) failed with HTTP status \(status)\(status == 404 ? " (no such ecosystem or record)" : "")"
                + "; the database was left unchanged."
        case .missingDatabaseOffline(let path, let url, let reason):
            "No advisory database at '\(path)', and \(url) could not be reached to download one (\(reason)). "
                + "Connect to the network and run `plimsoll db update`, or import OSV files with `plimsoll db import`."
        }
    }
}
