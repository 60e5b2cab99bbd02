import Foundation
import PackageAnalysis
import ScanModel

/// Finds the NuGet packages a .NET application depends on, from its `*.deps.json` (written by the SDK next to the
/// published application) or its `packages.lock.json` (a source tree with locked restores).
///
/// - `*.deps.json`: every entry of the `libraries` map whose `type` is `package`, keyed `Name/Version`; `project` and
///   `reference` entries are the application's own assemblies and are left out.
/// - `packages.lock.json`: every package under each target framework of `dependencies`, at its `resolved` version,
///   except `Project` references; a package locked for several frameworks at one version is reported once.
///
/// Both are specified by the .NET SDK (`Microsoft.Extensions.DependencyModel` and NuGet's lock file format).
public struct NuGetAssetsAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "nuget-assets", version: 1)

    /// Dependency files of the largest applications are a few MiB.
    public var maximumFileSize: Int64 { 32 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        return name == "packages.lock.json" || (name.hasSuffix(".deps.json") && name.count > ".deps.json".count)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        if file.path.name == "packages.lock.json" {
            return try Self.lockFileResult(file.contents, path: file.path)
        }
        return try Self.dependencyFileResult(file.contents, path: file.path)
    }

    private static func object(_ bytes: [UInt8], path: ImagePath) throws(NuGetAssetsError) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = value as? [String: Any]
        else { throw .notJSONObject(file: path.absolute) }
        return object
    }

    /// The packages of a `*.deps.json` file's `libraries` map, sorted by name.
    public static func dependencyFileResult(_ bytes: [UInt8], path: ImagePath) throws(NuGetAssetsError)
        -> AnalysisResult
    {
        let root = try object(bytes, path: path)
        guard let libraries = root["libraries"] as? [String: Any] else {
            return AnalysisResult(warnings: ["\(path.absolute): no 'libraries' map; no packages read."])
        }
        var packages: [InstalledPackage] = []
        var warnings: [String] = []
        for (key, value) in libraries.sorted(by: { $0.key < $1.key }) {
            guard let library = value as? [String: Any], library["type"] as? String == "package" else { continue }
            guard let slash = key.lastIndex(of: "/"), slash > key.startIndex, key.index(after: slash) < key.endIndex
            else {
                warnings.append("\(path.absolute): library '\(key)' is not 'Name/Version'; skipped.")
                continue
            }
            packages.append(
                InstalledPackage(
                    name: String(key[..<slash]), version: String(key[key.index(after: slash)...]), ecosystem: .nuget,
                    path: path))
        }
        return AnalysisResult(packages: packages, warnings: warnings)
    }

    /// The packages of a `packages.lock.json` file, over every target framework, sorted by name.
    public static func lockFileResult(_ bytes: [UInt8], path: ImagePath) throws(NuGetAssetsError) -> AnalysisResult {
        let root = try object(bytes, path: path)
        guard let frameworks = root["dependencies"] as? [String: Any] else {
            return AnalysisResult(warnings: ["\(path.absolute): no 'dependencies' map; no packages read."])
        }
        var seen: Set<String> = []
        var packages: [InstalledPackage] = []
        var warnings: [String] = []
        for (framework, value) in frameworks.sorted(by: { $0.key < $1.key }) {
            guard let dependencies = value as? [String: Any] else {
                warnings.append("\(path.absolute): framework '\(framework)' is not a map; skipped.")
                continue
            }
            for (name, entry) in dependencies.sorted(by: { $0.key < $1.key }) {
                guard let entry = entry as? [String: Any], entry["type"] as? String != "Project" else { continue }
                guard let version = entry["resolved"] as? String, !version.isEmpty else {
                    warnings.append("\(path.absolute): '\(name)' (\(framework)) has no resolved version; skipped.")
                    continue
                }
                guard seen.insert("\(name.lowercased())/\(version)").inserted else { continue }
                packages.append(InstalledPackage(name: name, version: version, ecosystem: .nuget, path: path))
            }
        }
        return AnalysisResult(
            packages: packages.sorted { ($0.name.lowercased(), $0.version) < ($1.name.lowercased(), $1.version) },
            warnings: warnings)
    }
}
