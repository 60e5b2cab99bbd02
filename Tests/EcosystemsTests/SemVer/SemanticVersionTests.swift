import Ecosystems
import Testing
import VulnerabilityMatching

struct SemanticVersionTests {
    @Test(
        "Agrees with node-semver on every pair of semver.org-valid versions in the oracle table",
        arguments: VersionOracleTable.shards(of: "semver"))
    func agreesWithNodeSemver(shard: String) throws {
        try VersionOracleTable.expectAgreement(SemanticVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringOutsideSemverOrgGrammar() throws {
        try VersionOracleTable.expectRejection(SemanticVersion.self, scheme: "semver")
    }

    @Test func ordersTheSpecExample() throws {
        let versions = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1",
        ]
        let parsed = try versions.map { try SemanticVersion(parsing: $0) }
        for (lower, higher) in zip(parsed, parsed.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
    }

    @Test func ignoresBuildMetadata() throws {
        let left = try SemanticVersion(parsing: "1.0.0-rc.1+build.1")
        let right = try SemanticVersion(parsing: "1.0.0-rc.1+build.2")
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(left.build == ["build", "1"])
    }

    @Test func comparesNumbersOfAnySize() throws {
        #expect(
            try SemanticVersion(parsing: "18446744073709551615.0.0")
                < SemanticVersion(parsing: "18446744073709551616.0.0"))
        #expect(try SemanticVersion(parsing: "1.0.0-99999999999999999999") < SemanticVersion(parsing: "1.0.0-a"))
    }

    @Test(
        "Rejects text outside SemVer 2.0.0 with the reason",
        arguments: [
            ("1.2", "expected MAJOR.MINOR.PATCH, three dot-separated numbers"),
            ("v1.2.3", "expected MAJOR.MINOR.PATCH, three dot-separated numbers"),
            (" 1.2.3", "expected MAJOR.MINOR.PATCH, three dot-separated numbers"),
            ("01.2.3", "version number '01' has a leading zero"),
            ("1.2.3-01", "numeric pre-release identifier '01' has a leading zero"),
            ("1.2.3-", "empty pre-release identifier"),
            ("1.2.3-a..b", "empty pre-release identifier"),
            ("1.2.3+", "empty build metadata identifier"),
            ("1.2.3-beta_1", "pre-release identifier 'beta_1' has a character outside [0-9A-Za-z-]"),
            ("", "expected MAJOR.MINOR.PATCH, three dot-separated numbers"),
        ])
    func rejects(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .semver, text: text, reason: reason)) {
            try SemanticVersion(parsing: text)
        }
    }
}
