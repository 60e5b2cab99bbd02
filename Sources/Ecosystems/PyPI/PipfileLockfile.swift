import PackageAnalysis
import ScanModel

/// Reads Pipenv's `Pipfile.lock` (JSON; https://pipenv.pypa.io/en/latest/pipfile.html).
///
/// `default` holds the production packages and `develop` the development ones, each keyed by name with a pinned
/// `"version": "==1.2.3"`. Entries without a version (editable, path and VCS requirements) are skipped: they name no
/// release. A package in both sections is a production package.
enum PipfileLockfile {
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        let document: JSONTree
        do {
            document = try JSONTree.parse(bytes)
        } catch {
            return AnalysisResult(warnings: ["\(path.absolute): \(error); the lock file was not read"])
        }
        guard case .object = document else {
            return AnalysisResult(warnings: ["\(path.absolute): the top level is not a JSON object; not read"])
        }
        var result = AnalysisResult()
        for (section, isDevelopment) in [("default", false), ("develop", true)] {
            guard let entries = document[section]?.objectMembers else { continue }
            for (name, entry) in entries {
                guard let pinned = entry["version"]?.stringValue else { continue }
                guard pinned.hasPrefix("=="), !name.isEmpty else {
                    result.warnings.append(
                        "\(path.absolute): '\(name)' in '\(section)' has the version '\(pinned.prefix(40))', not "
                            + "'==version'; skipped")
                    continue
                }
                let version = pinned.dropFirst(pinned.hasPrefix("===") ? 3 : 2).trimmedOfBlanks()
                guard !version.isEmpty else { continue }
                result.packages.append(
                    InstalledPackage(
                        name: name, version: version, ecosystem: .pypi, path: path, isDevelopment: isDevelopment))
            }
        }
        return result
    }
}
