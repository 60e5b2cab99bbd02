import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import Ecosystems

/// The checks every analyzer of project files passes on top of `AnalyzerConformance`: registration as a source-tree
/// analyzer, no interest in files inside installed dependencies, each package once, and hostile input answered with
/// warnings naming the file instead of a crash or a hang.
enum ProjectFileConformance {
    /// Hostile inputs: empty, binary garbage, a 10 MB line, an unterminated string, deep nesting, a NUL-filled file.
    static let hostileInputs: [(label: String, bytes: [UInt8])] = {
        var generator = SeededGenerator(seed: 0x5EED)
        let garbage = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        return [
            ("empty", []),
            ("binary garbage", garbage),
            ("a 10 MB line", Array(repeating: UInt8(ascii: "a"), count: 10 << 20) + [0x0A]),
            ("an unterminated string", Array("[[package]]\nname = \"requests\nversion = \"1\n{\"a\": \"b".utf8)),
            (
                "deep nesting",
                Array((String(repeating: "[", count: 100_000) + String(repeating: "{", count: 100_000)).utf8)
            ),
            ("NUL bytes", Array(repeating: 0, count: 4096)),
        ]
    }()

    /// Runs every check on `analyzer` for a file at `path` holding `sample`, which must give some packages.
    static func check(
        _ analyzer: any Analyzer, path: ImagePath, sample: String, isSourceTreeOnly: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let name = analyzer.identity.name
        #expect(!name.isEmpty && analyzer.identity.version >= 1, sourceLocation: sourceLocation)
        let sourceTree = EcosystemCatalog.analyzers(for: .all, sourceTree: true).map(\.identity)
        let image = EcosystemCatalog.analyzers(for: .all, sourceTree: false).map(\.identity)
        #expect(sourceTree.filter { $0.name == name }.count == 1, sourceLocation: sourceLocation)
        #expect(image.contains { $0.name == name } == !isSourceTreeOnly, sourceLocation: sourceLocation)

        #expect(analyzer.isInterested(in: path), sourceLocation: sourceLocation)
        for folder in ["node_modules/dependency", "lib/python3.12/site-packages/dependency", "vendor/dependency"] {
            let inside = ImagePath(path.parent.appending(folder).description + "/" + path.name)
            #expect(!analyzer.isInterested(in: inside), "\(inside)", sourceLocation: sourceLocation)
        }
        #expect(!analyzer.isInterested(in: path.parent.appending("README.md")), sourceLocation: sourceLocation)

        let file = AnalyzedFile(path: path, contents: Array(sample.utf8))
        let result = try await analyzer.analyze(file)
        #expect(!result.packages.isEmpty, sourceLocation: sourceLocation)
        for package in result.packages {
            #expect(!package.name.isEmpty && !package.version.isEmpty, sourceLocation: sourceLocation)
            #expect(package.path == path, sourceLocation: sourceLocation)
        }
        #expect(
            Set(result.packages.map(\.identityKey)).count == result.packages.count, "each package once",
            sourceLocation: sourceLocation)
        #expect(try await analyzer.analyze(file) == result, "deterministic", sourceLocation: sourceLocation)
        #expect(
            await AnalyzerConformance.violations(of: analyzer, samples: [file]) == [], sourceLocation: sourceLocation)

        for (label, bytes) in hostileInputs + truncations(of: sample) {
            let hostile = try await analyzer.analyze(AnalyzedFile(path: path, contents: bytes))
            #expect(hostile.packages.allSatisfy { $0.path == path }, "\(label)", sourceLocation: sourceLocation)
            #expect(
                hostile.warnings.allSatisfy { $0.contains(path.absolute) }, "\(label): \(hostile.warnings)",
                sourceLocation: sourceLocation)
        }
    }

    /// The sample cut at a few places, as a truncated download or a full disk leaves it.
    static func truncations(of sample: String) -> [(label: String, bytes: [UInt8])] {
        let bytes = Array(sample.utf8)
        return [3, 2].map { divisor in ("the first 1/\(divisor)", Array(bytes.prefix(bytes.count / divisor))) }
    }
}
