import PackageAnalysis
import ScanModel

/// The packages and files of one apk installed database, and the records that were skipped.
public struct APKDatabase: Sendable, Equatable {
    /// The installed packages, in file order.
    public var packages: [InstalledPackage]
    /// The files the packages own (`F:` folder joined with each `R:` file), in file order.
    public var ownedFiles: [ImagePath]
    /// The problems met and worked around, in file order.
    public var problems: [APKDatabaseError]

    public init(packages: [InstalledPackage] = [], ownedFiles: [ImagePath] = [], problems: [APKDatabaseError] = []) {
        self.packages = packages
        self.ownedFiles = ownedFiles
        self.problems = problems
    }
}

/// Reads the apk installed database of Alpine, Wolfi and Chainguard images: `lib/apk/db/installed`, or
/// `usr/lib/apk/db/installed` where apk-tools keeps it under `/usr`.
public struct APKDatabaseAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "apk-database", version: 1)

    public init() {}

    private static let databasePaths: Set<ImagePath> = [
        ImagePath("lib/apk/db/installed"), ImagePath("usr/lib/apk/db/installed"),
    ]

    public func isInterested(in path: ImagePath) -> Bool {
        path.name == "installed" && Self.databasePaths.contains(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        let database = try Self.parse(file.contents, path: file.path)
        return AnalysisResult(
            packages: database.packages, ownedFiles: database.ownedFiles,
            warnings: database.problems.map { "\(file.path.absolute): \($0)" })
    }

    /// Parses the text of an apk installed database.
    public static func parse(_ text: String, path: ImagePath) throws(APKDatabaseError) -> APKDatabase {
        try parse(Array(text.utf8), path: path)
    }

    /// Parses the bytes of an apk installed database.
    ///
    /// The format is apk-tools' package database (`apk-v2(5)`, "installed database"): records separated by blank
    /// lines, one `X:value` field a line. Read here: `P` name, `V` version, `A` architecture, `o` origin (the source
    /// package), `L` license, `F` folder and `R` file (relative to the last `F`).
    /// - Throws: The first problem, when the file has records but not one of them could be read.
    public static func parse(_ bytes: [UInt8], path: ImagePath) throws(APKDatabaseError) -> APKDatabase {
        var database = APKDatabase()
        var record = Record()
        var lineNumber = 0

        func finish(at line: Int) {
            defer { record = Record() }
            guard record.hasFields else { return }
            guard let name = record.name, !name.isEmpty else {
                database.problems.append(.missingName(line: line))
                return
            }
            guard let version = record.version, !version.isEmpty else {
                database.problems.append(.missingVersion(package: name, line: line))
                return
            }
            database.packages.append(
                InstalledPackage(
                    name: name, version: version, ecosystem: .apk, sourceName: record.origin,
                    architecture: record.architecture, licenses: record.license.map { [$0] } ?? [], path: path))
            database.ownedFiles += record.files
        }

        for (number, line) in ByteLines(bytes) {
            lineNumber = number

            guard let key = line.first else {
                finish(at: lineNumber)
                continue
            }
            guard line.count >= 2, line[line.startIndex + 1] == UInt8(ascii: ":") else {
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                    finish(at: lineNumber)
                } else {
                    database.problems.append(.malformedLine(line: lineNumber))
                }
                continue
            }
            let value = String(decoding: line[(line.startIndex + 2)...], as: UTF8.self)
            if key == UInt8(ascii: "P"), record.name != nil {
                database.problems.append(.missingRecordSeparator(line: lineNumber))
                finish(at: lineNumber)
            }
            record.hasFields = true
            switch key {
            case UInt8(ascii: "P"): record.name = value
            case UInt8(ascii: "V"): record.version = value
            case UInt8(ascii: "A"): record.architecture = value.isEmpty ? nil : value
            case UInt8(ascii: "o"): record.origin = value.isEmpty ? nil : value
            case UInt8(ascii: "L"): record.license = value.isEmpty ? nil : value
            case UInt8(ascii: "F"): record.folder = ImagePath(value)
            case UInt8(ascii: "R"):
                let file = record.folder.appending(value)
                if !file.isRoot { record.files.append(file) }
            default: break
            }
        }
        finish(at: lineNumber + 1)
        if database.packages.isEmpty, let first = database.problems.first {
            throw first
        }
        return database
    }

    /// The fields of the record being read.
    private struct Record {
        var hasFields = false
        var name: String?
        var version: String?
        var architecture: String?
        var origin: String?
        var license: String?
        var folder = ImagePath.root
        var files: [ImagePath] = []
    }
}
