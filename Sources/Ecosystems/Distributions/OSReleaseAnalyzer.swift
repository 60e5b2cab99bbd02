import PackageAnalysis
import ScanModel

/// Reads the files that say which distribution an image is built on: `os-release` and the older release files
/// listed in `ReleaseFile.known`. Each file gives one candidate; `OperatingSystemResolver` picks among them.
public struct OSReleaseAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "os-release", version: 1)

    public init() {}

    /// Release files are a few lines; anything larger is not one.
    public var maximumFileSize: Int64 { 64 << 10 }

    public func isInterested(in path: ImagePath) -> Bool {
        path.components.count <= 3 && ReleaseFile.named(path) != nil
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        guard let releaseFile = ReleaseFile.named(file.path) else { return AnalysisResult() }
        return AnalysisResult(operatingSystem: try releaseFile.operatingSystem(from: file.text))
    }
}
