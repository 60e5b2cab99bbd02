import Ecosystems
import Testing
import VulnerabilityMatching

struct NPMVersionTests {
    @Test(
        "Agrees with node-semver (loose) on every pair of the oracle table",
        arguments: VersionOracleTable.shards(of: "npm"))
    func agreesWithNodeSemver(shard: String) throws {
        try VersionOracleTable.expectAgreement(NPMVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringNodeSemverRejects() throws {
        try VersionOracleTable.expectRejection(NPMVersion.self, scheme: "npm")
    }

    @Test(
        "Reads node-semver's loose spellings as the plain version",
        arguments: [
            ("1.2.3", "v1.2.3"), ("1.2.3", "=1.2.3"), ("1.2.3", "v 1.2.3"), ("1.2.3", " = 1.2.3"),
            ("1.2.3-beta", " v 1.2.3-beta "), ("1.2.3-beta+build", " = 1.2.3-beta+otherbuild"),
            ("1.2.3", "01.02.03"), ("1.2.3-beta", "1.2.3beta"), ("1.2.3-1", "1.2.3-01"), ("1.2.3", "\t1.2.3\n"),
            ("1.2.3-4.5", "1.2.34.5"),
        ])
    func looseSpellings(plain: String, loose: String) throws {
        #expect(try NPMVersion(parsing: plain) == NPMVersion(parsing: loose))
    }

    @Test(
        "Orders node-semver's comparison fixtures",
        arguments: [
            ("0.0.0-foo", "0.0.0"), ("0.0.0", "0.0.1"), ("0.9.9", "1.0.0"), ("0.9.0", "0.10.0"),
            ("1.2.3-asdf", "1.2.3"), ("1.2.3-4", "1.2.3"), ("1.2.3-5", "1.2.3-5-foo"), ("1.2.3-4", "1.2.3-5"),
            ("1.2.3-5-Foo", "1.2.3-5-foo"), ("2.7.2+asdf", "3.0.0"), ("1.2.3-a.5", "1.2.3-a.10"),
            ("1.2.3-a.5", "1.2.3-a.b"), ("1.2.3-a", "1.2.3-a.b"), ("1.2.3-r100", "1.2.3-r2"),
            ("1.2.3-R2", "1.2.3-r100"),
        ])
    func orders(lower: String, higher: String) throws {
        #expect(try NPMVersion(parsing: lower) < NPMVersion(parsing: higher))
    }

    @Test(
        "Rejects what node-semver rejects, with the reason",
        arguments: [
            ("1.2", "expected MAJOR.MINOR.PATCH"),
            ("1.2.3.4", "unexpected text after MAJOR.MINOR.PATCH: '.4'"),
            ("9007199254740992.0.0", "version number '9007199254740992' is larger than 2^53 - 1"),
            ("1.2.3+", "unexpected text after MAJOR.MINOR.PATCH: '+'"),
            ("1.2.3-beta_1", "unexpected text after MAJOR.MINOR.PATCH: '-beta_1'"),
            ("x1.2.3", "expected MAJOR.MINOR.PATCH"),
            (String(repeating: "1", count: 255) + ".0.0", "longer than 256 characters"),
        ])
    func rejects(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .npm, text: text, reason: reason)) {
            try NPMVersion(parsing: text)
        }
    }
}
