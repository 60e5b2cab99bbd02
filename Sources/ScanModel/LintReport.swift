/// What `plimsoll lint` found in a set of Dockerfiles.
public struct LintReport: Sendable, Codable, Equatable {
    /// The version of the JSON form; bumped when a field changes meaning or goes away.
    public static let currentSchemaVersion = 1

    /// A file that could not be read or parsed.
    public struct FileError: Sendable, Codable, Equatable {
        /// The file as the user named it.
        public var file: String
        /// The 1-based line, when the error is about one.
        public var line: Int?
        /// What went wrong and what to do, in one line.
        public var message: String

        /// Creates an error entry.
        public init(file: String, line: Int?, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// The JSON form's version.
    public var schemaVersion: Int
    /// The tool that linted.
    public var scanner: ScannerInfo
    /// When the lint ran, in RFC 3339 UTC.
    public var createdAt: String
    /// Every file linted, in the order linted (sorted paths).
    public var files: [String]
    /// The findings, sorted by file, line and rule ID.
    public var findings: [HardeningFinding]
    /// Files that could not be read or parsed.
    public var errors: [FileError]

    /// Creates a report; findings are put in report order.
    public init(
        scanner: ScannerInfo, createdAt: String, files: [String], findings: [HardeningFinding], errors: [FileError]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.scanner = scanner
        self.createdAt = createdAt
        self.files = files
        self.findings = findings.sorted(by: LintReport.reportOrder)
        self.errors = errors
    }

    /// By file, then line, then rule ID.
    public static func reportOrder(_ lhs: HardeningFinding, _ rhs: HardeningFinding) -> Bool {
        if lhs.file != rhs.file { return (lhs.file ?? "") < (rhs.file ?? "") }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return lhs.ruleID < rhs.ruleID
    }
}
