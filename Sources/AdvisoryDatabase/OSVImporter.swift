import Foundation
import ScanModel

/// Imports OSV records from JSON files, folders of them and zip archives into the advisory database.
///
/// Each import writes a complete new database beside the old one and renames it into place, so a failed or killed
/// import leaves the previous database as it was. Records that cannot be read are counted and listed with their
/// location; they never stop the import. A hostile or truncated archive does.
public struct OSVImporter: Sendable {
    public var location: DatabaseLocation
    public var options: ImportOptions

    public init(location: DatabaseLocation, options: ImportOptions = ImportOptions()) {
        self.location = location
        self.options = options
    }

    /// Imports every record under `paths`, each path a source of its own.
    ///
    /// - Parameter replacingExisting: start from an empty database; otherwise the previous database's records are
    ///   kept, except those of a path imported again, which are replaced.
    public func importRecords(from paths: [String], replacingExisting: Bool = false) throws -> ImportSummary {
        var sources: [String] = []
        for path in paths {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: absolute) else {
                throw AdvisoryDatabaseError.inputNotFound(path: path)
            }
            sources.append(absolute)
        }
        var loader = RecordLoader(options: options, path: location.path)
        let builder = DatabaseBuilder(location: location, keepsPrevious: !replacingExisting)
        let metadata = try builder.build { database in
            for path in sources {
                let source = database.beginSource(
                    kind: .files, ecosystem: nil, location: path, newestModified: nil, replacingItsRecords: true)
                try loader.load(path, source: source, into: &database)
            }
        }
        loader.summary.advisoryCount = metadata.advisoryCount
        return loader.summary
    }
}

/// Reads, bounds, decodes and stores OSV records, counting what it could not read.
struct RecordLoader {
    let options: ImportOptions
    var summary: ImportSummary
    private let decoder = JSONDecoder()

    init(options: ImportOptions, path: String) {
        self.options = options
        self.summary = ImportSummary(path: path)
    }

    /// Stores every record of a file, folder or zip archive.
    mutating func load(_ path: String, source: Int, into database: inout DatabaseLoad) throws {
        let reader = OSVInputReader(maximumRecordSize: options.maximumRecordSize)
        try reader.read(path) { item in
            switch item {
            case .problem(let problem):
                summary.record(problem)
            case .record(let location, let bytes):
                try store(bytes, at: location, source: source, into: &database)
            }
        }
    }

    /// Decodes one record and stores it; a record that cannot be decoded is counted, not thrown.
    mutating func store(_ bytes: Data, at location: String, source: Int, into database: inout DatabaseLoad) throws {
        guard bytes.count <= options.maximumRecordSize else {
            summary.record(
                ImportProblem(
                    location: location,
                    reason: "the record is \(bytes.count) bytes, over the limit of \(options.maximumRecordSize)"))
            return
        }
        let limit = options.maximumNestingDepth
        guard !bytes.withUnsafeBytes({ JSONNestingScanner.exceedsDepth($0, limit: limit) }) else {
            summary.record(
                ImportProblem(location: location, reason: "JSON nested deeper than \(limit) levels"))
            return
        }
        let advisory: Advisory?
        let record: OSVRecord
        do {
            record = try decoder.decode(OSVRecord.self, from: bytes)
            advisory = try record.advisory(detailsLimit: options.maximumDetailsLength)
        } catch let error as OSVRecordError {
            summary.record(ImportProblem(location: location, reason: error.reason))
            return
        } catch {
            summary.record(ImportProblem(location: location, reason: Self.describe(error)))
            return
        }
        guard let advisory else {
            summary.withdrawn += 1
            try database.withdraw(id: record.id, modified: record.modified)
            return
        }
        switch try database.store(advisory, source: source) {
        case .stored: summary.imported += 1
        case .duplicate: summary.duplicates += 1
        case .withoutPackages: summary.withoutPackages += 1
        }
    }

    /// One line for a decoding error: what was wrong and where in the record.
    static func describe(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.isEmpty ? "the record" : String(text.drop { $0 == "." })
        }
        switch error as? DecodingError {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' in \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(Self.article(for: type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, not \(Self.article(for: type))"
        default:
            return "\(error)"
        }
    }

    private static func article(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [Any].Type: "an array"
        default: "the expected type (\(type))"
        }
    }
}
