import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct RPMVersionTests {
    @Test("Orders EVRs as rpm does", arguments: VersionOracleTable.shards(of: "rpm"))
    func agreesWithRPM(shard: String) throws {
        try VersionOracleTable.expectAgreement(RPMVersion.self, shard: shard)
    }

    @Test(
        "Orders versions as rpmvercmp does",
        arguments: [
            ("1.0~rc1", "1.0"), ("1.0~rc1", "1.0~rc2"), ("1.0~rc1~git123", "1.0~rc1"), ("1.0", "1.0^git1"),
            ("1.0^git1", "1.0.1"), ("1.0^git1", "1.01"), ("1.0^20160101^git1", "1.0^20160102"),
            ("1.0~rc1", "1.0~rc1^git1"), ("1.0^git1~pre", "1.0^git1"), ("1.0", "1.0^"), ("2.0", "2.0.1"),
            ("2.0.1", "2.0.1a"), ("5.5p1", "5.5p10"), ("10xyz", "10.1xyz"), ("xyz.4", "8"), ("6.0", "6.0.rc1"),
            ("10a2", "10b2"), ("1.0a", "1.0aa"), ("4.999.9", "5.0"), ("1b.fc17", "1.fc17"), ("1.fc17", "1g.fc17"),
            ("1.9", "1.10"),
            ("1.0-1.el9", "1.0-1.el9_1"), ("1.0-2.el9", "1.0-10.el9"), ("0:9.9-9", "1:0.1-1"), ("9.9", "1:0.1"),
            ("3.0.7-24.el9", "3.0.7-27.el9_1"), ("2.02~beta2-1", "2.02-1"),
        ])
    func ordering(lower: String, higher: String) throws {
        let low = try RPMVersion(parsing: lower)
        let high = try RPMVersion(parsing: higher)
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test(
        "Treats as equal what rpm treats as equal",
        arguments: [
            ("1.0", "1.0"), ("2.0", "2_0"), ("10.0001", "10.1"), ("a+", "a_"), ("+", "_"), ("1.0", "0:1.0"),
            ("1.0-1", "1.0-01"), ("01:1.0", "1:1.0"), ("1.0.", "1.0"),
        ])
    func equality(left: String, right: String) throws {
        #expect(try RPMVersion(parsing: left) == RPMVersion(parsing: right))
    }

    @Test("Compares versions only when one side has no release")
    func missingRelease() throws {
        let bare = try RPMVersion(parsing: "1.2.3")
        let first = try RPMVersion(parsing: "1.2.3-1.el9")
        let second = try RPMVersion(parsing: "1.2.3-2.el9")
        #expect(bare == first)
        #expect(bare == second)
        #expect(first < second)
        #expect(try RPMVersion(parsing: "1.2.2-99") < bare)
        #expect(try bare < RPMVersion(parsing: "1.2.3.1-1"))
        #expect(try RPMVersion(parsing: "1:1.0") > RPMVersion(parsing: "2.0-1"))
    }

    @Test("Splits the epoch at ':' and the release at the last '-'")
    func parts() throws {
        let version = try RPMVersion(parsing: "2:1.0-rc1-3.el9")
        #expect(version.epoch == 2)
        #expect(version.hasExplicitEpoch)
        #expect(version.version == "1.0-rc1")
        #expect(version.release == "3.el9")
        #expect(version.description == "2:1.0-rc1-3.el9")
        let plain = try RPMVersion(parsing: "1.0")
        #expect(plain.epoch == 0)
        #expect(!plain.hasExplicitEpoch)
        #expect(plain.release == nil)
        #expect(plain.description == "1.0")
    }

    @Test(
        "Rejects what no rpm header holds",
        arguments: [
            ("", "the version is empty"),
            ("1.0 ", "byte 32 at offset 3 is a blank, control or non-ASCII character"),
            ("1.0\t1", "byte 9 at offset 3 is a blank, control or non-ASCII character"),
            ("1.é", "byte 195 at offset 2 is a blank, control or non-ASCII character"),
            (":1.0", "the epoch before ':' is empty"), ("a:1.0", "the epoch before ':' is not a number"),
            ("1.0:1", "the epoch before ':' is not a number"), ("1:2:3", "':' may only end the epoch"),
            ("2147483648:1.0", "the epoch is above 2147483647"), ("1.0-", "the release after '-' is empty"),
            ("-1", "the version is empty"), ("1:", "the version is empty"), ("1:-1", "the version is empty"),
        ])
    func rejection(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .rpm, text: text, reason: reason)) {
            try RPMVersion(parsing: text)
        }
    }

    @Test func isTheCatalogsRPMScheme() throws {
        let scheme = try #require(VersionSchemeCatalog.scheme(for: .rpm))
        #expect(scheme.id == .rpm)
        #expect(try scheme.compare("1.0~rc1-1", "1.0-1") == -1)
        #expect(!scheme.isValid(""))
    }
}
