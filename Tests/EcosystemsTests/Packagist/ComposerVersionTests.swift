import Ecosystems
import Testing
import VulnerabilityMatching

struct ComposerVersionTests {
    @Test(
        "Agrees with composer/semver on every pair of the oracle table",
        arguments: VersionOracleTable.shards(of: "composer"))
    func agreesWithComposer(shard: String) throws {
        try VersionOracleTable.expectAgreement(ComposerVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringComposerRejects() throws {
        try VersionOracleTable.expectRejection(ComposerVersion.self, scheme: "composer")
    }

    @Test(
        "Normalizes as VersionParserTest expects",
        arguments: [
            ("1.0.0", "1.0.0.0"), ("1.2.3.4", "1.2.3.4"), ("1.0.0RC1dev", "1.0.0.0-RC1-dev"),
            ("1.0.0-rC15-dev", "1.0.0.0-RC15-dev"), ("1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0-rc1", "1.0.0.0-RC1"), ("1.0.0.pl3-dev", "1.0.0.0-patch3-dev"), ("1.0-dev", "1.0.0.0-dev"),
            ("0", "0.0.0.0"), ("10.4.13-beta", "10.4.13.0-beta"), ("10.4.13beta2", "10.4.13.0-beta2"),
            ("10.4.13beta.2", "10.4.13.0-beta2"), ("10.4.13-b", "10.4.13.0-beta"), ("10.4.13-b5", "10.4.13.0-beta5"),
            ("v1.0.0", "1.0.0.0"), ("2010.01", "2010.01.0.0"), ("2010.01.02", "2010.01.02.0"),
            ("v20100102", "20100102"), ("2010-01-02", "2010.01.02"), ("2010-01-02.5", "2010.01.02.5"),
            ("20100102-203040", "20100102.203040"), ("20100102203040-10", "20100102203040.10"),
            ("20100102-203040-p1", "20100102.203040-patch1"), ("dev-master", "9999999-dev"),
            ("dev-trunk", "9999999-dev"), ("master", "9999999-dev"), ("1.x-dev", "1.9999999.9999999.9999999-dev"),
            ("dev-feature-foo", "dev-feature-foo"), ("DEV-FOOBAR", "dev-FOOBAR"),
            ("dev-feature/foo", "dev-feature/foo"),
            ("dev-master as 1.0.0", "9999999-dev"), ("1.0.0-beta.5+foo", "1.0.0.0-beta5"), ("1.0.0+foo", "1.0.0.0"),
            ("1.0.0-alpha.3.1+foo", "1.0.0.0-alpha3.1"), ("1.0.0-alpha-2.1-3+foo", "1.0.0.0-alpha2.1-3"),
            ("1.0.0+foo as 2.0", "1.0.0.0"), ("1.0@dev", "1.0.0.0"), ("1.0.0-stable", "1.0.0.0"),
            ("v1.0.x-dev", "1.0.9999999.9999999-dev"), ("123456.7", "123456.7"), ("1.0-", "1.0.0.0"),
        ])
    func normalizes(text: String, normalized: String) throws {
        #expect(try ComposerVersion(parsing: text).normalized == normalized)
    }

    @Test(
        "Orders stabilities as composer does",
        arguments: [
            ("1.0.0-dev", "1.0.0-alpha1"), ("1.0.0-alpha1", "1.0.0-alpha2"), ("1.0.0-alpha2", "1.0.0-beta"),
            ("1.0.0-beta1", "1.0.0-RC1"), ("1.0.0-RC1", "1.0.0"), ("1.0.0", "1.0.0-patch1"), ("1.0.0-pl1", "1.0.1"),
            ("dev-feature", "0.0.1-dev"), ("1.0.x-dev", "1.1.0"), ("9.9.9", "dev-master"), ("dev-a", "dev-b"),
        ])
    func orders(lower: String, higher: String) throws {
        #expect(try ComposerVersion(parsing: lower) < ComposerVersion(parsing: higher))
    }

    @Test(
        "Rejects what composer rejects",
        arguments: [
            "", "a", "1.0.0-meh", "1.0.0.0.0", "feature-foo", "1.0.0+foo bar", "12345678901234567890123", "dev",
            "1.0--",
        ])
    func rejects(text: String) {
        #expect(
            throws: VersionParseError(
                scheme: .composer, text: text,
                reason:
                    "not a version composer accepts (a version like 1.2.3-beta1, a date, x.y-dev or dev-<branch>)")
        ) { try ComposerVersion(parsing: text) }
    }
}
