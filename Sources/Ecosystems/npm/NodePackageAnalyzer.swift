import PackageAnalysis
import ScanModel

/// Reads the `package.json` of every package installed under a `node_modules` folder, scoped (`@scope/name`) and
/// nested copies included.
///
/// Only manifests directly in a package's folder count (`node_modules/<name>/package.json`,
/// `node_modules/@scope/<name>/package.json`): the `package.json` files that packages carry deeper (a `lib/` build
/// marker, an `esm/` type switch) describe no package. Test and fixture folders inside a dependency are skipped,
/// because they hold sample trees, not installed code. Names and versions are those the manifest records
/// (https://docs.npmjs.com/cli/configuring-npm/package-json).
public struct NodePackageAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "node-package", version: 1)

    /// Real manifests are a few kilobytes; anything past this is not worth reading.
    public var maximumFileSize: Int64 { 4 << 20 }

    /// Folders inside a dependency that hold test material rather than installed code.
    static let ignoredFolders: Set<String> = ["test", "tests", "__tests__", "fixture", "fixtures", "__fixtures__"]

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        guard path.name == "package.json" else { return false }
        return Self.isInstalledManifest(path.components)
    }

    /// Returns whether `components` (ending in `package.json`) is a package's own manifest under `node_modules`.
    static func isInstalledManifest(_ components: [String]) -> Bool {
        let count = components.count
        guard count >= 3 else { return false }
        let folder = components[count - 2]
        let containerIndex: Int
        if components[count - 3] == "node_modules", !folder.hasPrefix("@"), !folder.hasPrefix(".") {
            containerIndex = count - 3
        } else if count >= 4, components[count - 4] == "node_modules", components[count - 3].hasPrefix("@") {
            containerIndex = count - 4
        } else {
            return false
        }
        guard let first = components.firstIndex(of: "node_modules"), first < containerIndex else { return true }
        for index in (first + 1)..<containerIndex where ignoredFolders.contains(components[index]) {
            let isPackageName =
                components[index - 1] == "node_modules"
                || (index >= 2 && components[index - 2] == "node_modules" && components[index - 1].hasPrefix("@"))
            if !isPackageName { return false }
        }
        return true
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        AnalysisResult(packages: [try Self.package(from: file.contents, path: file.path)])
    }

    /// The package an installed `package.json` describes.
    ///
    /// - Throws: `NodePackageError` when the JSON is malformed or names no package or version.
    public static func package(from bytes: [UInt8], path: ImagePath) throws(NodePackageError) -> InstalledPackage {
        let manifest = try Self.object(from: bytes)
        guard let name = manifest["name"]?.stringValue, !name.isEmpty else { throw .missingName }
        guard let version = manifest["version"]?.stringValue, !version.isEmpty else {
            throw .missingVersion(name: name)
        }
        return InstalledPackage(
            name: name, version: version, ecosystem: .npm, licenses: licenses(of: manifest), path: path)
    }

    /// Parses `bytes` as JSON whose top level is an object.
    static func object(from bytes: [UInt8]) throws(NodePackageError) -> JSONTree {
        let document: JSONTree
        do {
            document = try JSONTree.parse(bytes)
        } catch {
            throw .malformedJSON(reason: error.description)
        }
        guard case .object = document else { throw .notAnObject }
        return document
    }

    /// The licenses a manifest declares: `"license": "MIT"`, the older `"license": {"type": "MIT"}`, or a
    /// `"licenses"` array of either.
    static func licenses(of manifest: JSONTree) -> [String] {
        func name(of value: JSONTree) -> String? {
            (value.stringValue ?? value["type"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
        }
        if let license = manifest["license"], let text = name(of: license) { return [text] }
        return manifest["licenses"]?.arrayValue?.compactMap(name(of:)) ?? []
    }
}
