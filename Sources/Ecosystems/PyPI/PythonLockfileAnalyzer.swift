import PackageAnalysis
import ScanModel

/// Reads the packages locked by Python project managers: Poetry's `poetry.lock`, Pipenv's `Pipfile.lock`, uv's
/// `uv.lock` and PDM's `pdm.lock`, outside installed dependencies.
///
/// These describe a project, not what is installed, so the analyzer runs only on source trees. Development-only
/// packages are reported with `isDevelopment` where the format records it: Poetry 1.1 and older (`category = "dev"`)
/// and Poetry 2 (`groups` without `main`; Poetry 1.2–1.8 lock files do not record groups, so their packages are all
/// reported as production), `Pipfile.lock`'s `develop` section, uv's development dependency groups (followed through
/// the dependency graph), and PDM's `groups` or older `section` without `default`. The project's own packages
/// (uv's editable and virtual sources, local directory dependencies) are not reported: they are not published, so
/// advisories about a package of the same name do not apply.
public struct PythonLockfileAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "python-lockfile", version: 1)

    /// Lock files with file hashes for every platform reach a few MiB.
    public var maximumFileSize: Int64 { 32 << 20 }

    public init() {}

    private static let names: Set<String> = ["poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock"]

    public func isInterested(in path: ImagePath) -> Bool {
        Self.names.contains(path.name) && !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        var result: AnalysisResult
        switch file.path.name {
        case "Pipfile.lock": result = PipfileLockfile.parse(file.contents, path: file.path)
        case "uv.lock": result = UVLockfile.parse(file.contents, path: file.path)
        case "pdm.lock": result = PDMLockfile.parse(file.contents, path: file.path)
        default: result = PoetryLockfile.parse(file.contents, path: file.path)
        }
        result.packages = LockedPackages.merged(result.packages)
        return result
    }

    /// A warning for a `[[package]]` table without a name or version.
    static func incompleteEntryWarning(_ path: ImagePath, line: Int) -> String {
        "\(path.absolute):\(line): a [[package]] without a name or version; skipped"
    }
}
