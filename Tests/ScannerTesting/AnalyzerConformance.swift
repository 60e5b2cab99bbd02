import Foundation
import PackageAnalysis
import ScanModel

/// The contract every analyzer keeps, checked on sample files it reads and on damaged copies of them.
///
/// The engine calls `isInterested(in:)` for every path and caches each result under the analyzer's identity, so an
/// analyzer must: have a stable identity (a lowercase, hyphenated name and a version of at least 1) and a positive
/// size bound; want the files it is given samples of, the same way every time; give the same result for the same
/// bytes; put each package it reports at the path of the file it read, with a name and a version; give a result that
/// survives the JSON round trip of the layer cache; and, given the empty file, prefixes of each sample and copies with
/// bytes overwritten, finish (returning or throwing: failures are data) with results that keep those rules.
public enum AnalyzerConformance {
    /// The ways `analyzer` breaks the contract on `samples`; empty when it keeps it.
    ///
    /// - Parameters:
    ///   - samples: files the analyzer is interested in, ideally ones it finds packages in.
    ///   - corruptions: how many damaged copies of each sample to analyze, with four bytes overwritten in each.
    public static func violations(
        of analyzer: some Analyzer, samples: [AnalyzedFile], corruptions: Int = 200
    ) async -> [String] {
        var violations: [String] = []
        let identity = analyzer.identity
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
        if identity.name.isEmpty || !identity.name.unicodeScalars.allSatisfy(allowed.contains) {
            violations.append("identity name '\(identity.name)' is not lowercase words joined by hyphens")
        }
        if identity.version < 1 { violations.append("identity version \(identity.version) is below 1") }
        if analyzer.maximumFileSize <= 0 { violations.append("maximum file size \(analyzer.maximumFileSize)") }
        var generator = SeededGenerator(seed: 0x434F_4E46)
        for sample in samples {
            let path = sample.path
            if !analyzer.isInterested(in: path) || !analyzer.isInterested(in: path) {
                violations.append("\(path): not interested in a sample")
            }
            violations += await check(analyzer, on: sample, requiresSuccess: true)
            var damaged: [[UInt8]] = [[]]
            let step = max(1, sample.contents.count / 64)
            damaged += stride(from: 1, to: sample.contents.count, by: step).map { Array(sample.contents.prefix($0)) }
            if !sample.contents.isEmpty {
                for _ in 0..<corruptions {
                    var bytes = sample.contents
                    for _ in 0..<4 {
                        bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                    }
                    damaged.append(bytes)
                }
            }
            for bytes in damaged {
                var copy = sample
                copy.contents = bytes
                violations += await check(analyzer, on: copy, requiresSuccess: false)
            }
        }
        return violations
    }

    /// The rules one result must keep: deterministic, packages at the file's path with a name and version, and
    /// unchanged by a JSON round trip.
    private static func check(_ analyzer: some Analyzer, on file: AnalyzedFile, requiresSuccess: Bool) async
        -> [String]
    {
        let first: AnalysisResult
        do {
            first = try await analyzer.analyze(file)
        } catch {
            return requiresSuccess ? ["\(file.path): a sample failed: \(error)"] : []
        }
        var violations: [String] = []
        let second = try? await analyzer.analyze(file)
        if second != first {
            violations.append("\(file.path) (\(file.contents.count) bytes): two runs gave different results")
        }
        for package in first.packages {
            if package.path != file.path {
                violations.append("\(file.path): package \(package.name) is placed at \(package.path)")
            }
            if package.name.isEmpty || package.version.isEmpty {
                violations.append(
                    "\(file.path): a package without a name or version: '\(package.name)' '\(package.version)'")
            }
        }
        let decoded = (try? JSONEncoder().encode(first)).flatMap {
            try? JSONDecoder().decode(AnalysisResult.self, from: $0)
        }
        if decoded != first { violations.append("\(file.path): the result does not survive a JSON round trip") }
        return violations
    }
}

/// SplitMix64: a small deterministic generator, so fixtures and conformance runs damage the same bytes every time.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
