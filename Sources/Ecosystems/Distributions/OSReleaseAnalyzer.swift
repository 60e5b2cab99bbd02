import PackageAnalysis
import ScanModel

/// Reads the release files that say which distribution an image is built on.
///
/// The files are `os-release` and the older ones listed in `ReleaseFile.known`. Each gives one candidate;
/// `OperatingSystemResolver` picks among them.
public struct OSReleaseAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "os-release", version: 1)

    public init() {}

    /// Release files are a few lines; anything larger is not one.
    public var maximumFileSize: Int64 { 64 << 10 }

    public func isInterested(in path: ImagePath) -> Bool {
        guard let top = path.components.first, top == "etc" || top == "usr", path.components.count <= 3 else {
            return false
        }
        return ReleaseFile.named(path) != nil
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        guard let releaseFile = ReleaseFile.named(file.path) else { return AnalysisResult() }
        return AnalysisResult(operatingSystem: try releaseFile.operatingSystem(from: file.text))
    }
}
