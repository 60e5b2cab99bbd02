import Foundation
import Testing
import VulnerabilityMatching

/// A committed table of version pairs with the order the package manager's own code gave them.
///
/// The tables live in `Fixtures/versions/`; `scripts/oracles/generate-language-pairs.py` and
/// `generate-nuget-pairs.py` write them.
struct VersionOracleTable: CustomTestStringConvertible, Sendable {
    struct Row: Sendable {
        var left: String
        var right: String
        /// `<`, `=`, `>`, or `?` for a pair the package manager leaves unordered.
        var expected: Character
    }

    let name: String
    let rows: [Row]

    var testDescription: String { name }

    static func directory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "versions", withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/versions"])
        }
        return url
    }

    /// The shard files of one scheme's table, such as `maven-pairs-0.tsv`.
    static func shards(of scheme: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory().path)) ?? []
        return names.filter { $0.hasPrefix("\(scheme)-pairs-") && $0.hasSuffix(".tsv") }.sorted()
    }

    init(shard name: String) throws {
        self.name = name
        let text = try String(contentsOf: Self.directory().appendingPathComponent(name), encoding: .utf8)
        rows = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let expected = fields[2].first else { return nil }
            return Row(left: String(fields[0]), right: String(fields[1]), expected: expected)
        }
    }

    /// The strings the package manager rejects, from `<scheme>-invalid.txt`.
    static func invalidStrings(of scheme: String) throws -> [String] {
        let text = try String(
            contentsOf: directory().appendingPathComponent("\(scheme)-invalid.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    /// Every row on which `Version` disagrees with the table, parsing each distinct string once.
    func disagreements<Version: ParsableVersion>(with type: Version.Type) -> [String] {
        var parsed: [String: Result<Version, VersionParseError>] = [:]
        func version(_ text: String) -> Result<Version, VersionParseError> {
            if let known = parsed[text] { return known }
            let result = Result { () throws(VersionParseError) in try Version(parsing: text) }
            parsed[text] = result
            return result
        }
        var failures: [String] = []
        for row in rows {
            let left: Version
            let right: Version
            switch (version(row.left), version(row.right)) {
            case (.success(let a), .success(let b)):
                left = a
                right = b
            case (.failure(let error), _), (_, .failure(let error)):
                failures.append("\(row.left) \(row.expected) \(row.right): \(error)")
                continue
            }
            let actual: Character =
                left < right ? "<" : (right < left ? ">" : (left == right ? "=" : "!"))
            let consistent =
                (left < right) != (right < left) || (left == right && !(left < right))
            let agrees = row.expected == "?" ? left != right : actual == row.expected
            if !agrees || !consistent {
                failures.append("\(row.left) \(row.expected) \(row.right), but got \(actual)")
            }
        }
        return failures
    }
}

extension VersionOracleTable {
    /// Checks the whole table and reports the first disagreements.
    static func expectAgreement<Version: ParsableVersion>(
        _ type: Version.Type, shard: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let table = try VersionOracleTable(shard: shard)
        #expect(table.rows.count > 1_000, sourceLocation: sourceLocation)
        let failures = table.disagreements(with: type)
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(table.rows.count) pairs disagree; first:\n\(failures.prefix(25).joined(separator: "\n"))",
            sourceLocation: sourceLocation
        )
    }

    /// Checks that every string the package manager rejects is rejected.
    static func expectRejection<Version: ParsableVersion>(
        _ type: Version.Type, scheme: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let accepted = try invalidStrings(of: scheme).filter { (try? Version(parsing: $0)) != nil }
        #expect(
            accepted.isEmpty, "accepted \(accepted.count) invalid strings: \(accepted.prefix(25))",
            sourceLocation: sourceLocation)
    }
}
