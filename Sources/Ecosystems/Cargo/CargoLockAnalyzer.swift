import PackageAnalysis
import ScanModel

/// Reads the crates a Rust project locked in its `Cargo.lock` (TOML, one `[[package]]` table per crate).
///
/// Only the subset Cargo writes is parsed, line by line: `[[package]]` headers and their `name`, `version` and
/// `source` keys with basic-string values. Crates without a `source` are the workspace's own (path dependencies) and
/// are left out: they are not published, so advisories about a crates.io crate of the same name do not apply.
public struct CargoLockAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "cargo-lock", version: 1)

    /// Lock files of the largest workspaces are well under a MiB.
    public var maximumFileSize: Int64 { 16 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        path.name == "Cargo.lock" && !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        Self.result(String(decoding: file.contents, as: UTF8.self), path: file.path)
    }

    /// The crates of the lock file `text`, in file order, and a warning for each incomplete `[[package]]`.
    public static func result(_ text: String, path: ImagePath) -> AnalysisResult {
        var packages: [InstalledPackage] = []
        var warnings: [String] = []
        var current: [String: String]?
        var currentLine = 0
        func finish() {
            guard let record = current else { return }
            current = nil
            guard let name = record["name"], let version = record["version"] else {
                warnings.append("\(path.absolute):\(currentLine): a [[package]] without a name or version; skipped.")
                return
            }
            guard record["source"] != nil else { return }
            packages.append(InstalledPackage(name: name, version: version, ecosystem: .cargo, path: path))
        }
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated()
        {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                finish()
                if line.hasPrefix("[[package]]") {
                    current = [:]
                    currentLine = offset + 1
                }
                continue
            }
            guard current != nil, let equals = line.firstIndex(of: "=") else { continue }
            let key = trimmingSpaces(line[..<equals])
            guard key == "name" || key == "version" || key == "source" else { continue }
            let value = trimmingSpaces(line[line.index(after: equals)...])
            guard value.count >= 2, value.first == "\"", value.last == "\"" else { continue }
            current?[String(key)] = String(value.dropFirst().dropLast())
        }
        finish()
        return AnalysisResult(packages: packages, warnings: warnings)
    }

    private static func trimmingSpaces(_ text: Substring) -> Substring {
        var result = text.drop { $0 == " " || $0 == "\t" }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
