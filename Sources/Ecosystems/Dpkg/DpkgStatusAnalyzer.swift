import PackageAnalysis
import ScanModel

/// The packages of one dpkg database file, and the stanzas that were skipped.
public struct DpkgStatus: Sendable, Equatable {
    /// The installed packages, in file order.
    public var packages: [InstalledPackage]
    /// The problems met and worked around, in file order.
    public var problems: [DpkgDatabaseError]

    public init(packages: [InstalledPackage] = [], problems: [DpkgDatabaseError] = []) {
        self.packages = packages
        self.problems = problems
    }
}

/// Reads the Debian package database: `var/lib/dpkg/status`, and the per-package files of distroless images in
/// `var/lib/dpkg/status.d/` (whose `*.md5sums` files are file lists, not stanzas).
///
/// Only installed packages are kept: those whose files are on disk. Syft 1.18 also lists packages removed with their
/// configuration left behind (`deinstall ok config-files`); those are dropped here, as Trivy and later Syft versions
/// do. Licenses are not recorded in the database (they live in `usr/share/doc/*/copyright`), so `licenses` stays
/// empty.
public struct DpkgStatusAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "dpkg-status", version: 1)

    public init() {}

    private static let databaseFolder = ["var", "lib", "dpkg"]

    public func isInterested(in path: ImagePath) -> Bool {
        let components = path.components
        guard components.count == 4 || components.count == 5, Array(components.prefix(3)) == Self.databaseFolder
        else { return false }
        if components.count == 4 { return components[3] == "status" }
        return components[3] == "status.d" && !components[4].hasSuffix(".md5sums") && !components[4].hasPrefix(".")
    }

    /// Returns whether `path` is a distroless per-package file, `var/lib/dpkg/status.d/NAME`.
    public static func isDistrolessStatusFile(_ path: ImagePath) -> Bool {
        path.components.count == 5 && Array(path.components.prefix(4)) == databaseFolder + ["status.d"]
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        let status = try Self.parse(file.contents, path: file.path)
        return AnalysisResult(
            packages: status.packages, warnings: status.problems.map { "\(file.path.absolute): \($0)" })
    }

    /// Parses the text of a dpkg database file.
    public static func parse(_ text: String, path: ImagePath) throws(DpkgDatabaseError) -> DpkgStatus {
        try parse(Array(text.utf8), path: path)
    }

    /// Parses the bytes of a dpkg database file.
    ///
    /// The format is the deb822 control syntax (Debian Policy §5.1); the fields are those of `dpkg-query(1)`.
    /// A stanza whose `Status` says the package is not installed is dropped silently. A stanza without a
    /// `Status` (as in distroless `status.d/` files) is taken as installed.
    /// - Throws: The first problem, when the file has stanzas but not one of them could be read.
    public static func parse(_ bytes: [UInt8], path: ImagePath) throws(DpkgDatabaseError) -> DpkgStatus {
        let parser = DebianControlParser(keptFields: ["package", "version", "status", "source", "architecture"])
        let (paragraphs, lineProblems) = parser.paragraphs(in: bytes)
        var status = DpkgStatus()
        var problemsByLine: [(line: Int, problem: DpkgDatabaseError)] = lineProblems.map { problem in
            switch problem {
            case .notAField(let line): (line, .malformedLine(line: line))
            case .orphanContinuation(let line): (line, .orphanContinuation(line: line))
            case .duplicateField(let name, let line): (line, .duplicateField(name: name, line: line))
            }
        }
        for paragraph in paragraphs {
            let name = paragraph.value("package").flatMap { $0.isEmpty ? nil : $0 }
            if let statusField = paragraph.fields.first(where: { $0.name == "status" }) {
                switch installationState(statusField.value) {
                case .installed:
                    break
                case .notInstalled:
                    continue
                case .unreadable:
                    problemsByLine.append(
                        (
                            statusField.line,
                            .unreadableStatus(
                                package: name ?? "?", status: statusField.value, line: statusField.line)
                        ))
                }
            }
            guard let name else {
                problemsByLine.append((paragraph.endLine, .missingPackageName(line: paragraph.endLine)))
                continue
            }
            guard let version = paragraph.value("version"), !version.isEmpty else {
                problemsByLine.append((paragraph.endLine, .missingVersion(package: name, line: paragraph.endLine)))
                continue
            }
            var package = InstalledPackage(
                name: name, version: version, ecosystem: .dpkg, architecture: paragraph.value("architecture"),
                path: path)
            if let source = paragraph.value("source"), let parsed = parseSource(source) {
                package.sourceName = parsed.name
                package.sourceVersion = parsed.version ?? version
            }
            status.packages.append(package)
        }
        status.problems = problemsByLine.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element.problem)
        if status.packages.isEmpty, let first = status.problems.first {
            throw first
        }
        return status
    }

    enum InstallationState: Equatable {
        case installed, notInstalled, unreadable
    }

    /// Reads `Status: want flag status` (`dpkg-query(1)`); the package's files are on disk when the third word is
    /// `installed`, `half-configured`, `unpacked`, `triggers-awaited` or `triggers-pending`.
    static func installationState(_ status: String) -> InstallationState {
        let words = status.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard words.count == 3 else { return .unreadable }
        switch words[2] {
        case "installed", "half-configured", "unpacked", "triggers-awaited", "triggers-pending":
            return .installed
        case "not-installed", "config-files", "half-installed":
            return .notInstalled
        default:
            return .unreadable
        }
    }

    /// Splits `Source: name` or `Source: name (version)`.
    static func parseSource(_ text: String) -> (name: String, version: String?)? {
        let trimmed = text.trimmedOfBlanks()
        guard !trimmed.isEmpty else { return nil }
        guard let open = trimmed.firstIndex(of: "(") else {
            return (String(trimmed.split(separator: " ").first ?? Substring(trimmed)), nil)
        }
        let name = trimmed[..<open].trimmedOfBlanks()
        var version = trimmed[trimmed.index(after: open)...]
        if let close = version.firstIndex(of: ")") { version = version[..<close] }
        let cleanVersion = version.trimmedOfBlanks()
        guard !name.isEmpty else { return nil }
        return (name, cleanVersion.isEmpty ? nil : cleanVersion)
    }
}
