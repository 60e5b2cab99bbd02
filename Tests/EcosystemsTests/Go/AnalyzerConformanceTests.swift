import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

/// Checks that `AnalyzerConformance`, which the executable analyzer's tests rely on, catches broken analyzers.
///
/// It lives beside those tests because the `ScannerTesting` target has no test target of its own.
struct AnalyzerConformanceTests {
    /// Reports a package at a fixed path, whatever file it reads, and a count that depends on a clock-like counter.
    struct MisplacingAnalyzer: Analyzer {
        let identity = AnalyzerIdentity(name: "Misplacing Analyzer", version: 0)

        func isInterested(in path: ImagePath) -> Bool { true }

        func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
            let package = InstalledPackage(name: "x", version: "", ecosystem: .golang, path: ImagePath("elsewhere"))
            return AnalysisResult(packages: file.contents.isEmpty ? [] : [package])
        }
    }

    @Test func reportsEachBrokenRule() async {
        let sample = AnalyzedFile(path: ImagePath("usr/bin/x"), contents: [1, 2, 3])
        let violations = await AnalyzerConformance.violations(
            of: MisplacingAnalyzer(), samples: [sample], corruptions: 0)
        #expect(violations.contains("identity name 'Misplacing Analyzer' is not lowercase words joined by hyphens"))
        #expect(violations.contains("identity version 0 is below 1"))
        #expect(violations.contains("usr/bin/x: package x is placed at elsewhere"))
        #expect(violations.contains("usr/bin/x: a package without a name or version: 'x' ''"))
    }
}
