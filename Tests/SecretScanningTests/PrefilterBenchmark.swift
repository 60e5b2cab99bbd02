import Foundation
import ScanModel
import Testing

@testable import SecretScanning

/// Throughput of the keyword prefilter and of the whole scanner on real text; runs only with `PLIMSOLL_BENCH=1`.
struct PrefilterBenchmark {
    /// About 200 MB of text: the files under /usr/share (man pages excluded, they are compressed), repeated.
    static func corpus(megabytes: Int) -> [UInt8] {
        var text: [UInt8] = []
        let roots = [
            "/usr/share/dict", "/usr/share/doc", "/usr/share/perl", "/usr/share/common-licenses", "/usr/include",
        ]
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                let path = root + "/" + relative
                guard !path.hasSuffix(".gz"), let data = FileManager.default.contents(atPath: path),
                    !data.prefix(8192).contains(0)
                else { continue }
                text += data
                if text.count > 64 << 20 { break }
            }
        }
        guard !text.isEmpty else { return [] }
        var corpus: [UInt8] = []
        corpus.reserveCapacity(megabytes << 20)
        while corpus.count < megabytes << 20 { corpus += text }
        return Array(corpus.prefix(megabytes << 20))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PLIMSOLL_BENCH"] == "1"))
    func prefilterThroughput() throws {
        let corpus = Self.corpus(megabytes: 200)
        try #require(!corpus.isEmpty)
        let ruleSet = SecretRuleSet.builtIn
        let clock = ContinuousClock()
        var hits = 0
        let prefilter = clock.measure {
            corpus.withUnsafeBufferPointer { buffer in
                ruleSet.automaton.forEachMatch(in: buffer) { _, _ in
                    hits += 1
                    return true
                }
            }
        }
        var findings = 0
        var examples: Set<String> = []
        let scanner = SecretScanner()
        let chunk = 1 << 20
        let scan = clock.measure {
            var start = 0
            while start < corpus.count {
                let bytes = Array(corpus[start..<min(start + chunk, corpus.count)])
                let found = scanner.scan(bytes: bytes, path: ImagePath("bench/chunk.txt")).findings
                findings += found.count
                for finding in found { examples.insert("\(finding.ruleID) \(finding.match)") }
                start += chunk
            }
        }
        func rate(_ duration: Duration) -> Double {
            Double(corpus.count) / 1_048_576
                / (Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds))
        }
        print(
            "prefilter: \(corpus.count >> 20) MiB in \(prefilter), \(Int(rate(prefilter))) MiB/s, \(hits) keyword hits; "
                + "full scan in 1 MiB files: \(scan), \(Int(rate(scan))) MiB/s, \(findings) findings: "
                + examples.sorted().joined(separator: "; "))
    }
}
