import ScanModel
import VulnerabilityMatching

/// An advisory store held in memory, for tests of matching.
public struct InMemoryAdvisoryStore: AdvisoryStore {
    public var records: [Advisory]

    public init(_ records: [Advisory]) {
        self.records = records
    }

    public func advisories(for queries: [AdvisoryQuery]) throws -> [AdvisoryQuery: [Advisory]] {
        var answers: [AdvisoryQuery: [Advisory]] = [:]
        for query in queries {
            let found = records.compactMap { record -> Advisory? in
                let affected = record.affected.filter { entry in
                    PackageNameNormalizer.normalize(entry.name, ecosystem: entry.ecosystem) == query.name
                        && (entry.ecosystem == query.ecosystem
                            || (query.includesSubEcosystems && entry.ecosystem.hasPrefix(query.ecosystem + ":")))
                }
                guard !affected.isEmpty else { return nil }
                var copy = record
                copy.affected = affected
                return copy
            }
            if !found.isEmpty { answers[query] = found }
        }
        return answers
    }
}

/// Dotted numbers (`1.2.10`), compared part by part: a small version scheme for tests of range logic.
public struct DottedVersion: ParsableVersion {
    public static let scheme = VersionSchemeID.semver
    public let parts: [Int]

    public init(parsing text: String) throws(VersionParseError) {
        var parts: [Int] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard let number = Int(part) else {
                throw VersionParseError(scheme: .semver, text: text, reason: "'\(part)' is not a number")
            }
            parts.append(number)
        }
        self.parts = parts
    }

    public static func < (lhs: DottedVersion, rhs: DottedVersion) -> Bool {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let left = index < lhs.parts.count ? lhs.parts[index] : 0
            let right = index < rhs.parts.count ? rhs.parts[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    public static func == (lhs: DottedVersion, rhs: DottedVersion) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
}
