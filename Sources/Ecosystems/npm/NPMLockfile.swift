import PackageAnalysis
import ScanModel

/// Reads `package-lock.json` and `npm-shrinkwrap.json` (https://docs.npmjs.com/cli/configuring-npm/package-lock-json).
///
/// Versions 2 and 3 list every package in `packages`, keyed by its folder (`node_modules/@scope/name`,
/// `node_modules/a/node_modules/b`); version 1 nests them in `dependencies`. Version 2 has both, and `packages` wins.
/// Entries marked `"dev": true` or `"devOptional": true` are reported with `isDevelopment`.
enum NPMLockfile {
    /// The packages of a lock file, with a warning for each entry that could not be read.
    static func parse(_ bytes: [UInt8], path: ImagePath) throws(NodePackageError) -> AnalysisResult {
        let lockfile = try NodePackageAnalyzer.object(from: bytes)
        var result = AnalysisResult()
        if let packages = lockfile["packages"]?.objectMembers {
            for (key, entry) in packages {
                readPackagesEntry(key: key, entry: entry, path: path, into: &result)
            }
        } else if let dependencies = lockfile["dependencies"]?.objectMembers {
            readDependencies(dependencies, path: path, depth: 0, into: &result)
        }
        result.packages = LockedPackages.merged(result.packages)
        return result
    }

    private static func readPackagesEntry(
        key: String, entry: JSONTree, path: ImagePath, into result: inout AnalysisResult
    ) {
        // The root project is "", workspace folders have no `node_modules/` in their key, and `link` entries point at
        // a workspace folder: none of them is a dependency.
        let folders = key.split(separator: "/").map(String.init)
        guard let container = folders.lastIndex(of: "node_modules"), container + 1 < folders.count else { return }
        guard entry["link"]?.boolValue != true else { return }
        let folderName = folders[(container + 1)...].joined(separator: "/")
        let name = entry["name"]?.stringValue ?? folderName
        guard let version = entry["version"]?.stringValue, !version.isEmpty else {
            result.warnings.append("\(path): '\(key)' has no version; skipped")
            return
        }
        result.packages.append(
            InstalledPackage(
                name: name, version: version, ecosystem: .npm,
                licenses: NodePackageAnalyzer.licenses(of: entry), path: path, isDevelopment: isDevelopmentOnly(entry)))
    }

    private static func readDependencies(
        _ dependencies: [(key: String, value: JSONTree)], path: ImagePath, depth: Int, into result: inout AnalysisResult
    ) {
        for (name, entry) in dependencies {
            guard var version = entry["version"]?.stringValue, !version.isEmpty else {
                result.warnings.append("\(path): dependency '\(name)' has no version; skipped")
                continue
            }
            var realName = name
            // An alias (`"foo": {"version": "npm:bar@1.2.3"}`) installs `bar`.
            if version.hasPrefix("npm:"), let at = version.lastIndex(of: "@"),
                at > version.index(version.startIndex, offsetBy: 4)
            {
                realName = String(version[version.index(version.startIndex, offsetBy: 4)..<at])
                version = String(version[version.index(after: at)...])
            }
            result.packages.append(
                InstalledPackage(
                    name: realName, version: version, ecosystem: .npm, path: path,
                    isDevelopment: isDevelopmentOnly(entry)))
            if let nested = entry["dependencies"]?.objectMembers, depth < JSONTree.maximumDepth {
                readDependencies(nested, path: path, depth: depth + 1, into: &result)
            }
        }
    }

    private static func isDevelopmentOnly(_ entry: JSONTree) -> Bool {
        entry["dev"]?.boolValue == true || entry["devOptional"]?.boolValue == true
    }
}
