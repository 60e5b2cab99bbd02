import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct APKVersionTests {
    @Test(
        "Orders versions as apk-tools' test/version.data and the hand-checked cases say",
        arguments: VersionOracleTable.shards(of: "apk"))
    func agreesWithTheTable(shard: String) throws {
        let table = try VersionOracleTable(shard: shard)
        #expect(table.rows.count > 50)
        let failures = table.disagreements(with: APKVersion.self)
        #expect(failures.isEmpty, "\(failures.count) disagree; first:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test(
        "Orders versions as apk does",
        arguments: [
            ("1.2.3-r0", "1.2.3-r1"), ("1.2.3_rc1", "1.2.3"), ("1.2.9", "1.2.10"), ("1.2_alpha", "1.2_beta"),
            ("1.2_beta", "1.2_pre"), ("1.2_pre", "1.2_rc"), ("1.2_rc", "1.2"), ("1.2", "1.2_cvs"),
            ("1.2_cvs", "1.2_svn"),
            ("1.2_svn", "1.2_git"), ("1.2_git", "1.2_hg"), ("1.2_hg", "1.2_p"), ("1.2", "1.2a"), ("1.2_p1", "1.2a"),
            ("1.2-r1", "1.2.1"), ("1.2", "1.2-r0"), ("1.01", "1.1"), ("1.001", "1.01"), ("8.2.0015", "8.2.002"),
            ("1.0", "1.0~abc"), ("1.0-r1", "1.0~abc"),
        ])
    func ordering(lower: String, higher: String) throws {
        let low = try APKVersion(parsing: lower)
        let high = try APKVersion(parsing: higher)
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test("Compares numbers of any length by value, where apk would wrap past 2^64")
    func unboundedNumbers() throws {
        #expect(try APKVersion(parsing: "1.99999999999999999999") < APKVersion(parsing: "1.100000000000000000000"))
        #expect(try APKVersion(parsing: "1_p99999999999999999999") < APKVersion(parsing: "1_p100000000000000000000"))
        #expect(try APKVersion(parsing: "100000000000000000000") == APKVersion(parsing: "0100000000000000000000"))
    }

    @Test(
        "Rejects what apk_version_validate rejects",
        arguments: [
            ("", "it does not start with a digit"), ("v1.0", "it does not start with a digit"),
            ("1.0bc", "'c' at offset 4 cannot follow what comes before it"),
            ("23_foo", "'_foo' at offset 2 is not a known suffix"), ("1.0_", "'_' at offset 3 is not a known suffix"),
            ("1.0_RC1", "'_' at offset 3 is not a known suffix"),
            ("1.0.", "'.' at offset 3 is not followed by a number"),
            ("1..0", "'.' at offset 1 is not followed by a number"),
            ("1.0a1", "'1' at offset 4 cannot follow what comes before it"),
            ("1.0_rc1.2", "'.' at offset 7 cannot follow what comes before it"),
            ("1.0-1", "'-' at offset 3 does not start a '-r' revision"),
            ("1.0-r", "the '-r' revision at offset 3 has no number"),
            ("1.0-r1-r2", "'-' at offset 6 cannot follow what comes before it"),
            ("1.0-r1_p1", "'_' at offset 6 cannot follow what comes before it"),
            ("1.0~", "'~' at offset 3 is not followed by a commit hash"),
            ("1.0~ABC", "'~' at offset 3 is not followed by a commit hash"),
            ("1.0~abc~def", "'~' at offset 7 cannot follow what comes before it"),
            ("1.0A", "'A' at offset 3 is not allowed in a version"),
            ("1.0 ", "byte 32 at offset 3 is not allowed in a version"),
            ("1.0+1", "'+' at offset 3 is not allowed in a version"),
        ])
    func rejection(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .apk, text: text, reason: reason)) {
            try APKVersion(parsing: text)
        }
    }

    @Test(
        "Accepts every part of the grammar",
        arguments: ["0", "1.2.3", "1.2.3a", "1.2.3_alpha", "1.2.3_alpha1_pre2", "1.2.3a_p4~0fa3-r12", "2.0_rc1-r0"])
    func acceptance(text: String) throws {
        #expect(try APKVersion(parsing: text).description == text)
    }

    @Test func isTheCatalogsAPKScheme() throws {
        let scheme = try #require(VersionSchemeCatalog.scheme(for: .apk))
        #expect(scheme.id == .apk)
        #expect(try scheme.compare("1.2.3_rc1-r0", "1.2.3-r0") == -1)
        #expect(!scheme.isValid("1.2.3-1"))
    }
}
