import Ecosystems
import Testing
import VulnerabilityMatching

struct NPMRangeTests {
    @Test(
        "Agrees with node-semver's Range on every range and version of the oracle table",
        arguments: VersionOracleTable.shards(of: "npm-range") + VersionOracleTable.shards(of: "npm-range-prerelease"))
    func agreesWithNodeSemver(shard: String) throws {
        let table = try VersionOracleTable(shard: shard)
        let includePrerelease = shard.hasPrefix("npm-range-prerelease")
        var ranges: [String: Result<NPMRange, VersionParseError>] = [:]
        var failures: [String] = []
        for row in table.rows {
            let range =
                ranges[row.left]
                ?? Result { () throws(VersionParseError) in
                    try NPMRange(parsing: row.left, includePrerelease: includePrerelease)
                }
            ranges[row.left] = range
            switch range {
            case .success(let range):
                let isContained = range.contains(row.right)
                if isContained != (row.expected == "1") {
                    failures.append("'\(row.left)' (\(range)) \(isContained ? "contains" : "excludes") \(row.right)")
                }
            case .failure(let error):
                failures.append("\(error)")
            }
        }
        #expect(table.rows.count > 1_000)
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(table.rows.count) rows disagree; first:\n\(failures.prefix(25).joined(separator: "\n"))"
        )
    }

    @Test func rejectsEveryRangeNodeSemverRejects() throws {
        let accepted = try VersionOracleTable.invalidStrings(of: "npm-range").filter {
            (try? NPMRange(parsing: $0)) != nil
        }
        #expect(accepted.isEmpty, "accepted \(accepted.count) invalid ranges: \(accepted.prefix(25))")
    }

    @Test(
        "Desugars ranges as node-semver does",
        arguments: [
            ("1.2.3 - 2.3", ">=1.2.3 <2.4.0-0"), ("~1.2.3", ">=1.2.3 <1.3.0-0"), ("~1", ">=1.0.0 <2.0.0-0"),
            ("^1.2.3", ">=1.2.3 <2.0.0-0"), ("^0.2.3", ">=0.2.3 <0.3.0-0"), ("^0.0.3", ">=0.0.3 <0.0.4-0"),
            ("1.x || >=2.5.0 <3", ">=1.0.0 <2.0.0-0||>=2.5.0 <3.0.0-0"), ("*", ""), ("", ""),
            (">= 1.2.3", ">=1.2.3"), ("=v1.2.3", "1.2.3"),
        ])
    func desugars(range: String, normalized: String) throws {
        #expect(try NPMRange(parsing: range).description == normalized)
    }

    @Test func includesPrereleasesOnlyFromTheSameRelease() throws {
        let range = try NPMRange(parsing: ">1.2.3-alpha.3")
        #expect(range.contains("1.2.3-alpha.7"))
        #expect(!range.contains("3.4.5-alpha.9"))
        #expect(range.contains("3.4.5"))
        #expect(try NPMRange(parsing: ">1.2.3-alpha.3", includePrerelease: true).contains("3.4.5-alpha.9"))
        #expect(!range.contains("not a version"))
    }

    @Test func rejectsWhatIsNotARange() {
        #expect(
            throws: VersionParseError(
                scheme: .npm, text: "latest", reason: "not a range: no comparator node-semver can read in it")
        ) { try NPMRange(parsing: "latest") }
        #expect(
            throws: VersionParseError(
                scheme: .npm, text: "^9007199254740991",
                reason:
                    "invalid version in comparator '<9007199254740992.0.0-0': version number '9007199254740992' is larger than 2^53 - 1"
            )
        ) { try NPMRange(parsing: "^9007199254740991") }
    }
}
