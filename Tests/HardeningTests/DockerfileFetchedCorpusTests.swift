import Foundation
import ScanPipeline
import ScannerTesting
import Testing

@testable import Hardening

/// Where the fetched corpus is, when it is there.
enum FetchedDockerfileCorpus {
    static var root: String? {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["PLIMSOLL_FIXTURE_CACHE"] ?? "/var/tmp/plimsoll-fixtures"
        let path = environment["PLIMSOLL_DOCKERFILE_CORPUS"] ?? cache + "/dockerfile-corpus"
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : nil
    }
}

/// The parser and rules over the real-world corpus that `scripts/fixtures/fetch-dockerfile-corpus.sh` fetches.
///
/// 114 Dockerfiles from Debian's archive and PyPI, never committed. Runs when the corpus is there: at
/// `$PLIMSOLL_DOCKERFILE_CORPUS`, else `$PLIMSOLL_FIXTURE_CACHE/dockerfile-corpus`, else
/// `/var/tmp/plimsoll-fixtures/dockerfile-corpus`.
@Suite(.enabled(if: FetchedDockerfileCorpus.root != nil, "run scripts/fixtures/fetch-dockerfile-corpus.sh"))
struct DockerfileFetchedCorpusTests {
    /// How many corpus files may be rejected.
    ///
    /// The corpus holds 10 files that no builder accepts, all from
    /// imagebuilder's parser and builder tests: 6 fragments with a `CMD` and no `FROM`, 2 `HEALTHCHECK`s without an
    /// argument, an unknown instruction (`HEALTH`) and an invalid escape directive. Any other rejection is a bug.
    static let rejectedAtMost = 10

    static func corpus() throws -> [(path: String, text: String)] {
        let root = try #require(FetchedDockerfileCorpus.root)
        return try LintFileDiscovery.dockerfiles(under: [root]).map { file in
            (
                String(file.dropFirst(root.count + 1)),
                String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            )
        }
    }

    @Test func parsesTheCorpusOrRejectsWithFileAndLine() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 50)
        var rejected: [String] = []
        for (path, text) in corpus {
            do {
                let dockerfile = try DockerfileParser.parse(text, path: path)
                #expect(!dockerfile.stages.isEmpty, "\(path)")
                _ = Linter().findings(in: dockerfile, hasDockerignore: false)
            } catch {
                // `<path>:<line>: <message>`, on one line.
                #expect(error.description.hasPrefix("\(path):\(error.line ?? 0): "), "\(error)")
                #expect(error.line != nil, "\(error)")
                #expect(!error.description.contains("\n"), "\(error)")
                rejected.append(error.description)
            }
        }
        #expect(rejected.count <= Self.rejectedAtMost, "\(rejected.joined(separator: "\n"))")
    }

    @Test func parsesTheHeredocsAndBuildKitFlagsOfTheCorpus() throws {
        let corpus = try Self.corpus().filter { $0.path.hasPrefix("vllm-") }
        #expect(corpus.count >= 10)
        var heredocs = 0
        var mounts = 0
        for (path, text) in corpus {
            let dockerfile = try DockerfileParser.parse(text, path: path)
            heredocs += dockerfile.instructions.map(\.heredocs.count).reduce(0, +)
            mounts += dockerfile.instructions.filter { $0.flag("mount") != nil }.count
        }
        #expect(heredocs > 0)
        #expect(mounts > 10)
    }

    private static let fragments = ["\\", "`", "<<EOF", "<<-'X'", "${", "${A:-${B", "\"", "[\"", "\n", "#", "FROM "]

    /// 40 seeded mutations of every corpus file: none may crash or take long, and rejections carry the file.
    @Test func survivesMutationsOfTheCorpus() throws {
        var generator = SeededGenerator(seed: 0x5245_414C)
        var parsed = 0
        var rejected = 0
        var slowest: Duration = .zero
        let clock = ContinuousClock()
        for (path, text) in try Self.corpus() {
            for _ in 0..<40 {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let index = Int(generator.next() % UInt64(max(1, lines.count)))
                    guard index < lines.count else { break }
                    switch generator.next() % 4 {
                    case 0: lines.remove(at: index)
                    case 1: lines.insert(lines[index], at: index)
                    case 2:
                        let fragment = Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
                        var line = Array(lines[index])
                        line.insert(contentsOf: fragment, at: Int(generator.next() % UInt64(line.count + 1)))
                        lines[index] = String(line)
                    default: lines[index] = String(lines[index].prefix(Int(generator.next() % 30)))
                    }
                }
                let mutated = lines.joined(separator: "\n")
                let start = clock.now
                do {
                    let dockerfile = try DockerfileParser.parse(mutated, path: path)
                    _ = Linter().findings(in: dockerfile, hasDockerignore: false)
                    parsed += 1
                } catch {
                    #expect(error.description.hasPrefix(path + ":"), "\(error)")
                    rejected += 1
                }
                slowest = max(slowest, clock.now - start)
            }
        }
        #expect(parsed > 1000)
        #expect(rejected > 100)
        #expect(slowest < .seconds(1), "slowest mutated file took \(slowest)")
    }
}
