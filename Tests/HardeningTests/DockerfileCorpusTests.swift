import Foundation
import ScanPipeline
import ScannerTesting
import Testing

@testable import Hardening

struct DockerfileCorpusTests {
    /// Every Dockerfile in the corpus, as (path relative to the corpus, text).
    static func corpus() throws -> [(path: String, text: String)] {
        let root = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
        let files = try LintFileDiscovery.dockerfiles(under: [root.path])
        return try files.map { file in
            (String(file.dropFirst(root.path.count + 1)), try String(contentsOfFile: file, encoding: .utf8))
        }
    }

    @Test func parsesEveryCorpusDockerfile() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 5)
        for (path, text) in corpus {
            let dockerfile = try DockerfileParser.parse(text, path: path)
            #expect(!dockerfile.stages.isEmpty, "\(path)")
            #expect(dockerfile.instructions.allSatisfy { $0.line >= 1 && $0.endLine >= $0.line }, "\(path)")
        }
    }

    @Test func resolvesTheCorpusHeredocsAndFlags() throws {
        let corpus = Dictionary(uniqueKeysWithValues: try Self.corpus().map { ($0.path, $0.text) })
        let heredoc = try DockerfileParser.parse(try #require(corpus["plimsoll/heredoc/Dockerfile"]), path: "h")
        #expect(heredoc.instructions.map(\.heredocs.count) == [0, 1, 1, 2, 0, 0, 0])
        let flags = try DockerfileParser.parse(try #require(corpus["plimsoll/buildkit-flags/Dockerfile"]), path: "f")
        #expect(flags.stages.map(\.base) == ["python:3.12-slim", "python:3.12-slim"])
    }

    /// Mutations that hit the parser's edge cases: continuation characters, heredoc openers, unclosed substitutions
    /// and JSON, deleted and duplicated lines, truncation.
    private static let fragments = ["\\", "`", "<<EOF", "<<-'X'", "${", "${A:-${B", "\"", "[\"", "\n", "#", "ONBUILD "]

    @Test func survivesThousandsOfMutations() throws {
        var generator = SeededGenerator(seed: 0x444F_434B)
        var parsed = 0
        var rejected = 0
        for (path, text) in try Self.corpus() {
            for _ in 0..<800 {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let index = Int(generator.next() % UInt64(max(1, lines.count)))
                    guard index < lines.count else { break }
                    switch generator.next() % 5 {
                    case 0: lines.remove(at: index)
                    case 1: lines.insert(lines[index], at: index)
                    case 2:
                        let fragment = Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
                        var line = Array(lines[index])
                        line.insert(contentsOf: fragment, at: Int(generator.next() % UInt64(line.count + 1)))
                        lines[index] = String(line)
                    case 3: lines[index] = String(lines[index].prefix(Int(generator.next() % 20)))
                    default: lines.append(String(repeating: lines[index], count: 1 + Int(generator.next() % 3)))
                    }
                }
                let mutated = lines.joined(separator: "\n")
                do {
                    let dockerfile = try DockerfileParser.parse(mutated, path: path)
                    _ = Linter().findings(in: dockerfile, hasDockerignore: false)
                    parsed += 1
                } catch {
                    #expect(error.description.hasPrefix(path), "\(error)")
                    rejected += 1
                }
            }
        }
        // Both outcomes must occur: mutations that break nothing and mutations the parser rejects with a located error.
        #expect(parsed > 100)
        #expect(rejected > 100)
    }
}
