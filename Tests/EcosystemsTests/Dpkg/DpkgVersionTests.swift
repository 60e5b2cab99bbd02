import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct DpkgVersionTests {
    @Test("Orders real Debian versions as apt_pkg does", arguments: VersionOracleTable.shards(of: "dpkg"))
    func agreesWithApt(shard: String) throws {
        try VersionOracleTable.expectAgreement(DpkgVersion.self, shard: shard)
    }

    @Test(
        "Accepts and rejects what dpkg --validate-version does, for dpkg's reason",
        arguments: VersionVerdictTable.shards(of: "dpkg", kind: "syntax"))
    func agreesWithDpkgValidation(shard: String) throws {
        try VersionVerdictTable(shard: shard).expectAgreement { text in
            do throws(VersionParseError) {
                _ = try DpkgVersion(parsing: text)
                return "valid"
            } catch {
                return error.reason
            }
        }
    }

    @Test(
        "Orders versions as dpkg does",
        arguments: [
            ("1.0~rc1", "1.0"), ("1.0~~", "1.0~"), ("1.0~", "1.0"), ("1.0", "1.0a"), ("1.0a", "1.0+"),
            ("1.0z", "1.0."), ("1.0", "1.0.1"), ("1.9", "1.10"), ("2.4-1", "2.30-1"), ("2.0", "1:0.1"),
            ("1.0-1", "9:0.1"), ("1.0-9", "1.0-10"), ("1.0-1~bpo12+1", "1.0-1"), ("1.0-1", "1.0-1+deb12u1"),
            ("1.0-1", "1.0-1.1"), ("1.0+dfsg-1", "1.0.1-1"), ("1.0", "1.0-0.1"), ("0.9~git20240101.abc-1", "0.9-1"),
            ("1.0a", "1.0b"), ("1.0B", "1.0a"), ("1.0-1", "1.0-a"),
        ])
    func ordering(lower: String, higher: String) throws {
        let low = try DpkgVersion(parsing: lower)
        let high = try DpkgVersion(parsing: higher)
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test(
        "Treats as equal what dpkg treats as equal",
        arguments: [
            ("1.0", "1.0-0"), ("0:1.0", "1.0"), ("1.0", "1.00"), ("01:1.0", "1:1.0"), ("1a", "1a0"),
            ("1.0-1", "1.0-01"), (" 1.0 ", "1.0"), ("+1:2", "1:2"), ("-0:2", "2"),
        ])
    func equality(left: String, right: String) throws {
        #expect(try DpkgVersion(parsing: left) == DpkgVersion(parsing: right))
    }

    @Test("Splits epoch, upstream and revision at the first ':' and the last '-'")
    func parts() throws {
        let version = try DpkgVersion(parsing: "2:1.2-3:4-5+deb12u1")
        #expect(version.epoch == 2)
        #expect(version.upstream == "1.2-3:4")
        #expect(version.revision == "5+deb12u1")
        #expect(version.description == "2:1.2-3:4-5+deb12u1")
        #expect(try DpkgVersion(parsing: "0:1.0").description == "1.0")
        #expect(try DpkgVersion(parsing: "0:1:2").description == "0:1:2")
        #expect(try DpkgVersion(parsing: "1.0").revision.isEmpty)
    }

    @Test(
        "Reports what dpkg rejects, in dpkg's words",
        arguments: [
            ("", "version string is empty"), (" \t ", "version string is empty"),
            ("1.0 1", "version string has embedded spaces"), (":1.0", "epoch in version is empty"),
            ("+:1.0", "epoch in version is empty"), ("a:1.0", "epoch in version is empty"),
            ("1a:1.0", "epoch in version is not number"), ("-1:1.0", "epoch in version is negative"),
            ("2147483648:1.0", "epoch in version is too big"),
            ("99999999999999999999999:1.0", "epoch in version is too big"),
            ("1:", "nothing after colon in version number"), ("1: ", "version number is empty"),
            ("1.0-", "revision number is empty"), ("-1", "version number is empty"),
            ("1:-1", "version number is empty"), ("a1.0", "version number does not start with digit"),
            ("~1", "version number does not start with digit"), ("1_0", "invalid character in version number"),
            ("1.0é", "invalid character in version number"), ("1.0\n", "invalid character in version number"),
            ("1.0-1_0", "invalid character in revision number"), ("1.0-1/0", "invalid character in revision number"),
        ])
    func rejection(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .dpkg, text: text, reason: reason)) {
            try DpkgVersion(parsing: text)
        }
    }

    @Test("Accepts the odd spellings dpkg accepts", arguments: ["2147483647:1", "\n1:2", "1:2:3", "1.0-~", "1.0~-1"])
    func oddButValid(text: String) {
        #expect((try? DpkgVersion(parsing: text)) != nil)
    }

    @Test func isTheCatalogsDpkgScheme() throws {
        let scheme = try #require(VersionSchemeCatalog.scheme(for: .dpkg))
        #expect(scheme.id == .dpkg)
        #expect(try scheme.compare("1:1.0", "2.0") == 1)
        #expect(!scheme.isValid("a1"))
    }
}
