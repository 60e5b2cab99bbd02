import ScanModel

/// The name and revision of an analyzer; cached layer results are reused only when both match.
public struct AnalyzerIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public let name: String
    /// Bump when the same input would now give a different result.
    public let version: Int

    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }

    public var description: String { "\(name)@\(version)" }
}

/// A file handed to an analyzer: its path in the image, its metadata, and its contents (bounded).
public struct AnalyzedFile: Sendable {
    public var path: ImagePath
    public var contents: [UInt8]
    public var mode: UInt32
    /// The layer the file was read from.
    public var layer: LayerReference

    public init(
        path: ImagePath, contents: [UInt8], mode: UInt32 = 0o644, layer: LayerReference = LayerReference(index: 0)
    ) {
        self.path = path
        self.contents = contents
        self.mode = mode
        self.layer = layer
    }

    /// The contents as UTF-8 text, with invalid sequences replaced.
    public var text: String { String(decoding: contents, as: UTF8.self) }
}

/// What one analyzer found in one file.
public struct AnalysisResult: Sendable, Codable, Equatable {
    public var packages: [InstalledPackage]
    /// Release facts, when the file describes the operating system.
    public var operatingSystem: OperatingSystem?
    /// Files that a package owns (dpkg `info/*.list`, apk and rpm file lists).
    public var ownedFiles: [ImagePath]
    /// Problems that did not stop the analysis (a malformed record that was skipped), one line each.
    public var warnings: [String]
    /// Secrets, sensitive files and certificate problems found in the file, masked.
    public var secrets: [SecretFinding]
    /// Protections a binary was built without (`PLM-BINARY-…`), one finding each.
    public var hardening: [HardeningFinding]

    public init(
        packages: [InstalledPackage] = [], operatingSystem: OperatingSystem? = nil, ownedFiles: [ImagePath] = [],
        warnings: [String] = [], secrets: [SecretFinding] = []
    ) {
        self.packages = packages
        self.operatingSystem = operatingSystem
        self.ownedFiles = ownedFiles
        self.warnings = warnings
        self.secrets = secrets
        self.hardening = []
    }

    /// A result holding only binary-hardening findings (and warnings).
    public init(hardening: [HardeningFinding], warnings: [String] = []) {
        self.init(warnings: warnings)
        self.hardening = hardening
    }
}

/// Extracts facts from image files.
///
/// The engine walks each layer once; analyzers never do.
public protocol Analyzer: Sendable {
    var identity: AnalyzerIdentity { get }
    /// The largest file this analyzer reads; larger files are reported, not read.
    var maximumFileSize: Int64 { get }
    /// Whether each file over `maximumFileSize` is a failure in the report (the default), or only counted: for
    /// analyzers that look at every file, where large files are expected and one line each would flood the report.
    var reportsOversizedFiles: Bool { get }
    /// Returns whether `path` may hold input for this analyzer. Called for every file, so keep it cheap.
    func isInterested(in path: ImagePath) -> Bool
    /// Analyzes a file for which `isInterested(in:)` returned `true`.
    func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult
}

extension Analyzer {
    public var maximumFileSize: Int64 { 32 << 20 }
    public var reportsOversizedFiles: Bool { true }
}

/// What one analyzer produced for one file.
///
/// Failures are data in the report, not log lines.
public enum AnalyzerOutcome: Sendable, Codable, Equatable {
    case succeeded(AnalyzerIdentity, AnalysisResult)
    case failed(AnalyzerIdentity, path: ImagePath, reason: String)
}
