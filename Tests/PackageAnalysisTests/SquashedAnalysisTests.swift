import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

/// Builds one layer's analysis from in-memory entries.
private func analyze(
    _ index: Int, _ entries: [(LayerEntry, [UInt8])],
    engine: AnalysisEngine = AnalysisEngine(analyzers: [LineListAnalyzer()])
) async throws -> LayerAnalysis {
    let layer = LayerReference(index: index, digest: Digest("sha256:" + String(repeating: String(index), count: 64)))
    return try await engine.analyze(layer: layer, open: { MemoryLayerStream(entries) })
}

private func file(_ path: String, _ text: String) -> (LayerEntry, [UInt8]) {
    (LayerEntry(path: ImagePath(path), kind: .regularFile, size: Int64(text.utf8.count)), Array(text.utf8))
}

private func entry(_ path: String, _ kind: LayerEntry.Kind) -> (LayerEntry, [UInt8]) {
    (LayerEntry(path: ImagePath(path), kind: kind), [])
}

struct SquashedAnalysisTests {
    @Test func aLaterLayerReplacesAFileAndPackagesKeepTheLayerThatAddedThem() async throws {
        let base = try await analyze(0, [file("var/lib/packages.txt", "libc 1\nbash 5\n")])
        let top = try await analyze(1, [file("var/lib/packages.txt", "libc 1\nbash 5\ncurl 8\n")])
        let squashed = SquashedAnalysis(layers: [top, base])
        let layers = Dictionary(uniqueKeysWithValues: squashed.packages.map { ($0.name, $0.layer?.index) })
        #expect(layers == ["libc": 0, "bash": 0, "curl": 1])
    }

    @Test func anUpgradedPackageBelongsToTheUpgradingLayer() async throws {
        let base = try await analyze(0, [file("packages.txt", "openssl 1\n")])
        let top = try await analyze(1, [file("packages.txt", "openssl 2\n")])
        let package = try #require(SquashedAnalysis(layers: [base, top]).packages.first)
        #expect(package.version == "2")
        #expect(package.layer?.index == 1)
    }

    @Test func aWhiteoutHidesOnlyLowerLayers() async throws {
        let base = try await analyze(0, [file("a/packages.txt", "old 1\n")])
        let top = try await analyze(1, [entry("a/packages.txt", .whiteout), file("b/packages.txt", "new 1\n")])
        #expect(SquashedAnalysis(layers: [base, top]).packages.map(\.name) == ["new"])
        // A whiteout in the same layer as the file does not hide it.
        let same = try await analyze(0, [entry("a/packages.txt", .whiteout), file("a/packages.txt", "kept 1\n")])
        #expect(SquashedAnalysis(layers: [same]).packages.map(\.name) == ["kept"])
    }

    @Test func aWhiteoutOfAFolderHidesWhatIsBelowIt() async throws {
        let base = try await analyze(0, [file("opt/app/packages.txt", "app 1\n")])
        let top = try await analyze(1, [entry("opt", .whiteout)])
        #expect(SquashedAnalysis(layers: [base, top]).packages.isEmpty)
    }

    @Test func anOpaqueFolderHidesLowerChildrenButKeepsItsOwn() async throws {
        let base = try await analyze(0, [file("srv/packages.txt", "old 1\n"), file("srv/x/packages.txt", "deep 1\n")])
        let top = try await analyze(1, [file("srv/new/packages.txt", "new 1\n"), entry("srv", .opaqueDirectory)])
        #expect(SquashedAnalysis(layers: [base, top]).packages.map(\.name) == ["new"])
    }

    @Test func aPackageDeletedAndAddedAgainBelongsToTheLaterLayer() async throws {
        let first = try await analyze(0, [file("packages.txt", "tool 1\n")])
        let second = try await analyze(1, [entry("packages.txt", .whiteout)])
        let third = try await analyze(2, [file("packages.txt", "tool 1\n")])
        #expect(SquashedAnalysis(layers: [first, second, third]).packages.first?.layer?.index == 2)
    }

    @Test func aHardLinkKeepsItsTargetsContentsWhenTheTargetIsDeleted() async throws {
        // The link's target is not itself of interest, so the engine reads it in a second walk.
        let base = try await analyze(
            0, [file("data/list", "linked 1\n"), entry("var/packages.txt", .hardLink(target: ImagePath("data/list")))])
        let top = try await analyze(1, [entry("data/list", .whiteout)])
        let packages = SquashedAnalysis(layers: [base, top]).packages
        #expect(packages.map(\.name) == ["linked"])
        #expect(packages.first?.path == ImagePath("var/packages.txt"))
    }

    @Test func aHardLinkToAFileJustReadIsAnalyzedWithoutASecondWalk() async throws {
        // A layer streamed from a registry would be downloaded again by a second walk.
        let opens = OpenCounter()
        let layer = LayerReference(index: 0, digest: Digest("sha256:" + String(repeating: "0", count: 64)))
        let entries = [
            file("a/packages.txt", "shared 1\n"), file("b/other", "x"),
            entry("c/packages.txt", .hardLink(target: ImagePath("a/packages.txt"))),
        ]
        let analysis = try await AnalysisEngine(analyzers: [LineListAnalyzer()]).analyze(
            layer: layer,
            open: {
                opens.count += 1
                return MemoryLayerStream(entries)
            })
        #expect(opens.count == 1)
        let paths = SquashedAnalysis(layers: [analysis]).packages.map(\.path.description).sorted()
        #expect(paths == ["a/packages.txt", "c/packages.txt"])
    }

    @Test func aHardLinkToAFileReplacedSinceReadsTheReplacement() async throws {
        let base = try await analyze(
            0,
            [
                file("a/packages.txt", "old 1\n"), entry("a/packages.txt", .whiteout),
                file("a/packages.txt", "new 2\n"),
                entry("c/packages.txt", .hardLink(target: ImagePath("a/packages.txt"))),
            ])
        let names = Set(SquashedAnalysis(layers: [base]).packages.map(\.name))
        #expect(names == ["new"])
    }

    @Test func aHardLinkToAMissingTargetIsAFailureNotACrash() async throws {
        let base = try await analyze(0, [entry("packages.txt", .hardLink(target: ImagePath("nowhere")))])
        #expect(SquashedAnalysis(layers: [base]).failures.count == 1)
    }

    @Test func aFileOverTheLimitIsReportedNotRead() async throws {
        let base = try await analyze(
            0, [(LayerEntry(path: ImagePath("packages.txt"), kind: .regularFile, size: 1 << 40), [])])
        let failures = SquashedAnalysis(layers: [base]).failures
        #expect(failures.count == 1)
        #expect(failures.first?.contains("/packages.txt") == true)
    }

    @Test func aFolderReplacedByASymbolicLinkTakesItsFilesAway() async throws {
        let base = try await analyze(0, [file("lib/packages.txt", "old 1\n")])
        let top = try await analyze(1, [entry("lib", .symbolicLink(target: "usr/lib"))])
        #expect(SquashedAnalysis(layers: [base, top]).packages.isEmpty)
    }

    @Test(
        "Resolves symbolic links inside the image",
        arguments: [
            ("etc/os-release", "usr/lib/os-release"),
            ("bin/tool", "usr/bin/tool"),
            ("abs/x", "target/x"),
            ("escape/passwd", "etc/passwd"),
            ("plain/file", "plain/file"),
        ])
    func resolution(path: String, expected: String) async throws {
        let layer = try await analyze(
            0,
            [
                entry("etc/os-release", .symbolicLink(target: "../usr/lib/os-release")),
                entry("bin", .symbolicLink(target: "usr/bin")),
                entry("abs", .symbolicLink(target: "/target")),
                entry("escape", .symbolicLink(target: "../../../../etc")),
            ])
        #expect(SquashedAnalysis(layers: [layer]).resolve(ImagePath(path)) == ImagePath(expected))
    }

    @Test func loopsAndChainsLongerThanFortyDoNotResolve() async throws {
        var entries = [
            entry("loop/a", .symbolicLink(target: "/loop/b")), entry("loop/b", .symbolicLink(target: "/loop/a")),
        ]
        for index in 0..<41 { entries.append(entry("chain/\(index)", .symbolicLink(target: "\(index + 1)"))) }
        let squashed = SquashedAnalysis(layers: [try await analyze(0, entries)])
        #expect(squashed.resolve(ImagePath("loop/a")) == nil)
        #expect(squashed.resolve(ImagePath("chain/0")) == nil)
        #expect(squashed.resolve(ImagePath("chain/2")) == ImagePath("chain/41"))
    }

    @Test func anAnalyzerFailureIsDataInTheResult() async throws {
        struct Failing: Analyzer {
            struct Broken: Error, CustomStringConvertible { var description: String { "broken record" } }
            let identity = AnalyzerIdentity(name: "failing", version: 1)
            func isInterested(in path: ImagePath) -> Bool { true }
            func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult { throw Broken() }
        }
        let layer = try await analyze(0, [file("x", "y")], engine: AnalysisEngine(analyzers: [Failing()]))
        #expect(SquashedAnalysis(layers: [layer]).failures == ["/x: failing could not read it: broken record"])
    }

    @Test func aDuplicateEntryInOneLayerIsReadAsTheLastCopy() async throws {
        let layer = try await analyze(0, [file("packages.txt", "first 1\n"), file("packages.txt", "second 1\n")])
        #expect(SquashedAnalysis(layers: [layer]).packages.map(\.name) == ["second"])
    }

    @Test func ownedFilesComeOnlyFromVisibleDatabases() async throws {
        struct Owner: Analyzer {
            let identity = AnalyzerIdentity(name: "owner", version: 1)
            func isInterested(in path: ImagePath) -> Bool { path.name.hasSuffix(".list") }
            func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
                AnalysisResult(ownedFiles: file.text.split(separator: "\n").map { ImagePath(String($0)) })
            }
        }
        let engine = AnalysisEngine(analyzers: [Owner()])
        let base = try await analyze(
            0, [file("info/a.list", "/usr/bin/a\n"), file("info/b.list", "/usr/bin/b\n")], engine: engine)
        let top = try await analyze(1, [entry("info/b.list", .whiteout)], engine: engine)
        #expect(SquashedAnalysis(layers: [base, top]).ownedFiles == [ImagePath("usr/bin/a")])
    }
}

/// Counts how often a layer is opened.
private final class OpenCounter: @unchecked Sendable {
    // Touched only by the engine's walk of one layer, one call at a time.
    var count = 0
}
