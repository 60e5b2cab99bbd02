import PackageAnalysis
import ScanModel

/// Reads the crates a Rust project locked in its `Cargo.lock` (TOML, one `[[package]]` table per crate), with the
/// shared `TOMLDocument` reader.
///
/// Crates without a `source` are the workspace's own (path dependencies) and are left out: they are not published,
/// so advisories about a crates.io crate of the same name do not apply.
public struct CargoLockAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "cargo-lock", version: 2)

    /// Lock files of the largest workspaces are well under a MiB.
    public var maximumFileSize: Int64 { 16 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        path.name == "Cargo.lock" && !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        Self.result(file.contents, path: file.path)
    }

    /// The crates of the lock file `bytes`, in file order, and a warning for each incomplete `[[package]]` and each
    /// line that could not be read.
    public static func result(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        let document = TOMLDocument.parse(bytes)
        var result = AnalysisResult(warnings: document.warnings(for: path.absolute))
        let (complete, incomplete) = document.packageElements()
        for (element, name, version) in complete where element.table["source"] != nil {
            result.packages.append(InstalledPackage(name: name, version: version, ecosystem: .cargo, path: path))
        }
        result.warnings += incomplete.map {
            "\(path.absolute):\($0.table.line): a [[package]] without a name or version; skipped."
        }
        return result
    }
}
