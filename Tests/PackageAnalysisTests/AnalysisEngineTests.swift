import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

/// An analyzer of every file with a small limit, that records the size it was handed.
private struct EverythingAnalyzer: Analyzer {
    let identity = AnalyzerIdentity(name: "everything", version: 1)
    var maximumFileSize: Int64 { 8 }
    var reportsOversizedFiles: Bool { false }

    func isInterested(in path: ImagePath) -> Bool { true }

    func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        file.contents.contains(UInt8(ascii: "!")) ? AnalysisResult(warnings: ["\(file.contents.count) bytes"]) : .init()
    }
}

struct AnalysisEngineTests {
    private func analyze(_ entries: [(LayerEntry, [UInt8])], analyzers: [any Analyzer]) async throws -> LayerAnalysis {
        try await AnalysisEngine(analyzers: analyzers).analyze(
            layer: LayerReference(index: 0), open: { MemoryLayerStream(entries) })
    }

    private func file(_ path: String, _ text: String, mode: UInt32 = 0o644) -> (LayerEntry, [UInt8]) {
        (
            LayerEntry(path: ImagePath(path), kind: .regularFile, size: Int64(text.utf8.count), mode: mode),
            Array(text.utf8)
        )
    }

    @Test func eachAnalyzerGetsFilesWithinItsOwnLimit() async throws {
        // packages.txt is 12 bytes: within the line-list analyzer's 32 MiB, over the other's 8 bytes.
        let layer = try await analyze(
            [file("packages.txt", "a 1\nb 2\nc!3\n"), file("small", "x!")],
            analyzers: [LineListAnalyzer(), EverythingAnalyzer()])
        let byAnalyzer = Dictionary(grouping: layer.files, by: { $0.identity.name })
        #expect(byAnalyzer["line-list"]?.count == 1)
        // The small file was read whole; the large one was only counted, not reported as a failure.
        #expect(byAnalyzer["everything"]?.map(\.path) == [ImagePath("small")])
        #expect(layer.oversizedFileCounts == ["everything": 1])
        #expect(!layer.files.contains { if case .failed = $0.outcome { true } else { false } })
    }

    @Test func analyzersThatReportOversizedFilesStillDo() async throws {
        let big = String(repeating: "z 1\n", count: 10)
        struct Tiny: Analyzer {
            let identity = AnalyzerIdentity(name: "tiny", version: 1)
            var maximumFileSize: Int64 { 4 }
            func isInterested(in path: ImagePath) -> Bool { true }
            func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult { AnalysisResult(warnings: ["read"]) }
        }
        let layer = try await analyze([file("big", big)], analyzers: [Tiny()])
        #expect(layer.files.count == 1)
        #expect(layer.oversizedFileCounts.isEmpty)
        if case .failed(_, _, let reason) = layer.files.first?.outcome {
            #expect(reason.contains("over the 4-byte limit"))
        } else {
            Issue.record("expected a failure")
        }
    }

    @Test func emptyResultsAreNotKeptButTheirPathsStillHideLowerLayers() async throws {
        let layer = try await analyze([file("quiet", "nothing")], analyzers: [EverythingAnalyzer()])
        #expect(layer.files.isEmpty)
        #expect(layer.writtenPaths == [ImagePath("quiet")])
        #expect(layer.hidesLowerVersion(of: ImagePath("quiet")))
    }

    @Test func entriesThatMatterForHygieneAreKept() async throws {
        let layer = try await analyze(
            [
                file("usr/bin/sudo", "", mode: 0o4755), file("usr/bin/wall", "", mode: 0o2755),
                file("srv/open", "", mode: 0o666), file("etc/passwd", "", mode: 0o644),
                (LayerEntry(path: ImagePath("tmp"), kind: .directory, mode: 0o1777), []),
                (LayerEntry(path: ImagePath("usr/bin/link"), kind: .symbolicLink(target: "sudo"), mode: 0o777), []),
            ], analyzers: [LineListAnalyzer()])
        #expect(layer.notableEntries.map(\.path.description) == ["usr/bin/sudo", "usr/bin/wall", "srv/open", "tmp"])
    }
}
