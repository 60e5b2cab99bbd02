import PackageAnalysis
import ScanModel

/// Reads the metadata of installed Python distributions: one package per `*.dist-info/METADATA` (wheels, pip),
/// `*.egg-info/PKG-INFO` or `*.egg/EGG-INFO/PKG-INFO` (setuptools), or `*.egg-info` file (distutils, as Debian's
/// `python3-*` packages still ship some).
///
/// These files are looked for anywhere, not only under `site-packages` and `dist-packages`: `pip install --target`
/// trees (`/app/deps`) and vendored folders have neither in their path, and the folder suffixes are specific enough.
/// Names are kept as written; PEP 503 normalisation happens when matching and in package URLs.
public struct PythonPackageAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "python-package", version: 2)

    /// The header block is all that is read; past this a file is reported as too large rather than read.
    public var maximumFileSize: Int64 { 8 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        let isMetadata: Bool
        switch name {
        case "METADATA":
            isMetadata = path.parent.name.hasSuffix(".dist-info")
        case "PKG-INFO":
            let folder = path.parent.name
            isMetadata =
                folder.hasSuffix(".egg-info") || (folder == "EGG-INFO" && path.parent.parent.name.hasSuffix(".egg"))
        default:
            isMetadata = name.hasSuffix(".egg-info") && name.count > ".egg-info".count
        }
        // setuptools' own tests ship sample eggs (`pkg_resources/tests/data/…/EGG-INFO/PKG-INFO`): not installed.
        return isMetadata && !DependencyTree.isSampleInsideDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        let package = try Self.package(from: file.contents, path: file.path)
        return AnalysisResult(packages: [package])
    }

    /// The distribution a metadata file describes.
    ///
    /// - Throws: `PythonPackageError` when the header block names no distribution or no version.
    public static func package(from bytes: [UInt8], path: ImagePath) throws(PythonPackageError) -> InstalledPackage {
        let metadata = PythonCoreMetadata.parse(bytes)
        guard let name = metadata.name else { throw .missingName }
        guard let version = metadata.version else { throw .missingVersion(name: name) }
        return InstalledPackage(name: name, version: version, ecosystem: .pypi, licenses: metadata.licenses, path: path)
    }
}
