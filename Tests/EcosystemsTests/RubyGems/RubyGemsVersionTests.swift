import Ecosystems
import Testing
import VulnerabilityMatching

struct RubyGemsVersionTests {
    @Test(
        "Agrees with Gem::Version on every pair of the oracle table",
        arguments: VersionOracleTable.shards(of: "rubygems"))
    func agreesWithRubyGems(shard: String) throws {
        try VersionOracleTable.expectAgreement(RubyGemsVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringGemVersionRejects() throws {
        try VersionOracleTable.expectRejection(RubyGemsVersion.self, scheme: "rubygems")
    }

    @Test(
        "Orders test_gem_version.rb's pairs",
        arguments: [
            ("1.0.a", "1.0"), ("0.0.0", "1.8.2"), ("1.8.2.a", "1.8.2"), ("1.8.2.a", "1.8.2.b"),
            ("1.8.2.a9", "1.8.2.a10"), ("1.0.0-alpha", "1.0.0-alpha.1"), ("1.0.0-beta.2", "1.0.0-beta.11"),
            ("1.0.0-rc.1", "1.0.0"), ("1.A", "1.a"), ("1.a", "1.0.0.1"),
        ])
    func orders(lower: String, higher: String) throws {
        #expect(try RubyGemsVersion(parsing: lower) < RubyGemsVersion(parsing: higher))
    }

    @Test(
        "Treats canonically equal versions as equal",
        arguments: [
            ("1.0", "1.0.0"), ("", "0"), ("1.2.b1", "1.2.b.1"), (" 1.0\n", "1"), ("1.0.a", "1.a"),
            ("1.0-1", "1.0.pre.1"), ("1.0.a.0", "1.a"), ("18446744073709551616", "018446744073709551616"),
        ])
    func equal(left: String, right: String) throws {
        #expect(try RubyGemsVersion(parsing: left) == RubyGemsVersion(parsing: right))
    }

    @Test(
        "Rejects malformed versions",
        arguments: ["junk", "1.0\n2.0", "1.", ".1", "1..0", "1.0-", "-1", "1 0", "v1.0", "1.0+build"])
    func rejects(text: String) {
        #expect(
            throws: VersionParseError(
                scheme: .rubygems, text: text,
                reason: "expected digits, then '.'-separated letters and digits, with an optional '-' suffix")
        ) { try RubyGemsVersion(parsing: text) }
    }

    @Test func knowsPrereleases() throws {
        #expect(try RubyGemsVersion(parsing: "1.2.0.a").isPrerelease)
        #expect(try !RubyGemsVersion(parsing: "22.1.50.0").isPrerelease)
        #expect(try RubyGemsVersion(parsing: "1.0-1").description == "1.0.pre.1")
    }
}
