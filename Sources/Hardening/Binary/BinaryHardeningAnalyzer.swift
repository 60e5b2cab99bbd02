import PackageAnalysis
import ScanModel

/// Runs `BinaryInspector` during the layer walk on the executables the pipeline chooses and on shared objects in
/// library folders (`lib*/…/libfoo.so.1`).
///
/// The pipeline passes the same choice of executables as the dependency analyzer makes, with the same size limit,
/// so the engine reads each file's bytes once for both.
public struct BinaryHardeningAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "binary-hardening", version: 1)
    public let maximumFileSize: Int64
    /// Large files are expected here; counted, not reported one by one.
    public var reportsOversizedFiles: Bool { false }
    /// Which paths are executables worth a look.
    let isExecutablePath: @Sendable (ImagePath) -> Bool

    public init(maximumFileSize: Int64 = 256 << 20, isExecutablePath: @escaping @Sendable (ImagePath) -> Bool) {
        self.maximumFileSize = maximumFileSize
        self.isExecutablePath = isExecutablePath
    }

    /// Returns whether `name` is a shared object's (`libc.so.6`, `libfoo.so`, `libssl.so.3`).
    static func isSharedObjectName(_ name: String) -> Bool {
        guard let range = name.range(of: ".so") else { return false }
        let rest = name[range.upperBound...]
        return rest.isEmpty || rest.hasPrefix(".")
    }

    public func isInterested(in path: ImagePath) -> Bool {
        if isExecutablePath(path) { return true }
        let components = path.components
        guard let name = components.last, Self.isSharedObjectName(name) else { return false }
        return components.dropLast().contains { $0.hasPrefix("lib") }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        do {
            return AnalysisResult(
                hardening: try BinaryInspector.findings(in: file.contents, path: file.path, layer: file.layer))
        } catch {
            return AnalysisResult(warnings: ["\(file.path.absolute): \(error)"])
        }
    }
}
