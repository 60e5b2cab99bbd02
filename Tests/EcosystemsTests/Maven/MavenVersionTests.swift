import Ecosystems
import Testing
import VulnerabilityMatching

struct MavenVersionTests {
    @Test(
        "Agrees with Maven's ComparableVersion on every pair of the oracle table",
        arguments: VersionOracleTable.shards(of: "maven"))
    func agreesWithMaven(shard: String) throws {
        try VersionOracleTable.expectAgreement(MavenVersion.self, shard: shard)
    }

    @Test(
        "Orders ComparableVersionTest's sequences, as Maven 3.8 orders them (`.a` now reads as `-a`)",
        arguments: [
            [
                "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc",
                "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1",
                "1-1-snapshot", "1-1", "1-2", "1-123",
            ],
            [
                "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1",
                "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a",
                "11b", "11c", "11m",
            ],
        ])
    func ordersSequences(versions: [String]) throws {
        let parsed = try versions.map { try MavenVersion(parsing: $0) }
        for (lower, higher) in zip(parsed, parsed.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
    }

    @Test(
        "Treats spellings of one version as equal",
        arguments: [
            ("1", "1.0.0"), ("1", "1-0"), ("1a", "1-a"), ("1.0.0x", "1.0.0.x"), ("1ga", "1"), ("1final", "1"),
            ("1.RELEASE", "1"), ("1cr", "1rc"), ("1a1", "1alpha1"), ("1m3", "1MILESTONE3"), ("1X", "1x"),
            ("1.0.0.X1", "1-x-1"),
            ("2.0.a", "2.0.0.a"),
        ])
    func equalSpellings(left: String, right: String) throws {
        #expect(try MavenVersion(parsing: left) == MavenVersion(parsing: right))
    }

    @Test(
        "Compares numbers of any size and keeps qualifier order",
        arguments: [
            ("1.2147483647", "1.2147483648"), ("1.9223372036854775807", "1.9223372036854775808"),
            ("1.99999999999999999999", "1.100000000000000000000"), ("1.0-alpha-1", "1.0-beta-1"),
            ("1.0-rc1", "1.0-SNAPSHOT"), ("1.0-SNAPSHOT", "1.0"), ("1.0", "1.0-sp1"), ("1.0-sp1", "1.0-foo"),
            ("1.0.0.x1", "1.0.0-x2"), ("1-1", "1.1"), ("2.0.1-xyz", "2.0.1-123"),
        ])
    func orders(lower: String, higher: String) throws {
        #expect(try MavenVersion(parsing: lower) < MavenVersion(parsing: higher))
    }

    @Test func rejectsTheEmptyString() {
        #expect(throws: VersionParseError(scheme: .maven, text: "", reason: "the version is empty")) {
            try MavenVersion(parsing: "")
        }
    }

    @Test func isRegisteredInTheCatalog() throws {
        let scheme = try #require(VersionSchemeCatalog.scheme(for: .maven))
        #expect(try scheme.compare("1.0-SNAPSHOT", "1.0") == -1)
    }
}
