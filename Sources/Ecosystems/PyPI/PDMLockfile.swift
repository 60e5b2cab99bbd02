import PackageAnalysis
import ScanModel

/// Reads PDM's `pdm.lock` (TOML; https://pdm-project.org/latest/usage/lockfile/).
///
/// Every package is a `[[package]]` table with `name` and `version`; one with `extras` repeats a package to record
/// the dependencies of its extras, and is reported once. A package is for development only when its `groups` (PDM
/// 2.11 and later) or its older `section` does not include `default`. PDM records optional-dependency groups the
/// same way as development groups, so a package that only an extra of the project needs is reported as
/// development-only too. Packages from a local `path` or installed `editable` are the project's own and are left out.
enum PDMLockfile {
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        let document = TOMLDocument.parse(bytes)
        var result = AnalysisResult(warnings: document.warnings(for: path.absolute))
        let (complete, incomplete) = document.packageElements()
        for element in incomplete where element.table["path"] == nil && element.table["editable"] == nil {
            result.warnings.append(PythonLockfileAnalyzer.incompleteEntryWarning(path, line: element.table.line))
        }
        for (element, name, version) in complete {
            let table = element.table
            if table["path"] != nil || table["editable"] == .scalar("true") { continue }
            let isDevelopment: Bool
            if let groups = table["groups"]?.arrayValue {
                isDevelopment = !groups.isEmpty && !groups.contains(.string("default"))
            } else if let section = table["section"]?.stringValue {
                isDevelopment = section != "default"
            } else {
                isDevelopment = false
            }
            result.packages.append(
                InstalledPackage(
                    name: name, version: version, ecosystem: .pypi, path: path, isDevelopment: isDevelopment))
        }
        return result
    }
}
