import PackageAnalysis
import ScanModel

/// Reads the PHP packages Composer installed (`vendor/composer/installed.json`) or locked (`composer.lock`)
/// (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control).
///
/// `installed.json` is a JSON array of packages in Composer 1 and `{"packages": [...]}` in Composer 2. Everything it
/// lists is on disk, dev packages included, so all are reported; Composer 2 names the dev ones in `dev-package-names`,
/// and they are reported with `isDevelopment`. `composer.lock` describes a project: its `packages` are reported, and
/// its `packages-dev` with `isDevelopment` (an image usually ships `composer install --no-dev`). Lock files inside
/// `vendor` belong to dependencies' source trees and are not read.
public struct ComposerPackageAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "composer-package", version: 2)

    public var maximumFileSize: Int64 { 32 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        switch path.name {
        case "installed.json":
            return path.parent.name == "composer"
        case "composer.lock":
            return !path.components.contains("vendor")
        default:
            return false
        }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        try Self.parse(file.contents, path: file.path)
    }

    /// The packages of an `installed.json` or a `composer.lock`, with a warning for each entry that could not be
    /// read.
    ///
    /// - Throws: `ComposerPackageError` when the JSON is malformed or holds no package list.
    static func parse(_ bytes: [UInt8], path: ImagePath) throws(ComposerPackageError) -> AnalysisResult {
        let document: JSONTree
        do {
            document = try JSONTree.parse(bytes)
        } catch {
            throw .malformedJSON(reason: error.description)
        }
        guard let entries = document.arrayValue ?? document["packages"]?.arrayValue else {
            throw .missingPackageList
        }
        let developmentNames = Set(document["dev-package-names"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var result = AnalysisResult()
        for (index, entry) in entries.enumerated() {
            read(entry, number: index + 1, path: path, into: &result) { developmentNames.contains($0) }
        }
        for (index, entry) in (document["packages-dev"]?.arrayValue ?? []).enumerated() {
            read(entry, number: entries.count + index + 1, path: path, into: &result) { _ in true }
        }
        result.packages = LockedPackages.merged(result.packages)
        return result
    }

    private static func read(
        _ entry: JSONTree, number: Int, path: ImagePath, into result: inout AnalysisResult,
        isDevelopment: (String) -> Bool
    ) {
        guard let name = entry["name"]?.stringValue, !name.isEmpty else {
            result.warnings.append("\(path): package \(number) has no name; skipped")
            return
        }
        guard let version = entry["version"]?.stringValue, !version.isEmpty else {
            result.warnings.append("\(path): '\(name)' has no version; skipped")
            return
        }
        let licenses =
            entry["license"]?.arrayValue?.compactMap(\.stringValue)
            ?? entry["license"]?.stringValue.map { [$0] } ?? []
        result.packages.append(
            InstalledPackage(
                name: name, version: version, ecosystem: .composer, licenses: licenses, path: path,
                isDevelopment: isDevelopment(name)))
    }
}
