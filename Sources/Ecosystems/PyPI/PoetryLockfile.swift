import PackageAnalysis
import ScanModel

/// Reads Poetry's `poetry.lock` (TOML; https://python-poetry.org/docs/basic-usage/#committing-your-poetrylock-file-to-version-control).
///
/// Every package is a `[[package]]` table with `name` and `version`. Which packages are for development only is
/// recorded by Poetry 1.1 and older as `category = "dev"` (lock-version 1.x) and by Poetry 2 as `groups`
/// (lock-version 2.1: a package is for production when `main` is one of its groups). Poetry 1.2 to 1.8 write neither,
/// so their packages are all reported as production. Packages from a local directory (`[package.source]` of type
/// `directory`) are the project's own and are left out.
enum PoetryLockfile {
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        let document = TOMLDocument.parse(bytes)
        var result = AnalysisResult(warnings: document.warnings(for: path.absolute))
        let (complete, incomplete) = document.packageElements()
        result.warnings += incomplete.map { PythonLockfileAnalyzer.incompleteEntryWarning(path, line: $0.table.line) }
        for (element, name, version) in complete {
            let table = element.table
            if element.subtable("source")?["type"]?.stringValue == "directory" { continue }
            let isDevelopment: Bool
            if let groups = table["groups"]?.arrayValue {
                isDevelopment = !groups.contains(.string("main"))
            } else {
                isDevelopment = table["category"]?.stringValue == "dev"
            }
            result.packages.append(
                InstalledPackage(
                    name: name, version: version, ecosystem: .pypi, path: path, isDevelopment: isDevelopment))
        }
        return result
    }
}
