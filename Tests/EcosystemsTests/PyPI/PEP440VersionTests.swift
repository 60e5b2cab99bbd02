import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct PEP440VersionTests {
    @Test("Orders PyPI versions as packaging does", arguments: VersionOracleTable.shards(of: "pep440"))
    func agreesWithPackaging(shard: String) throws {
        try VersionOracleTable.expectAgreement(PEP440Version.self, shard: shard)
    }

    @Test(
        "Accepts, rejects and normalises what packaging does",
        arguments: VersionVerdictTable.shards(of: "pep440", kind: "parse"))
    func parsesAsPackagingDoes(shard: String) throws {
        try VersionVerdictTable(shard: shard).expectAgreement { text in
            (try? PEP440Version(parsing: text))?.description ?? "invalid"
        }
    }

    /// packaging's own tests list these in ascending order.
    static let ascending = [
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3", "1.0",
        "1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2+123abc", "1.2+123abc456", "1.2+abc", "1.2+abc123",
        "1.2+abc123def", "1.2+1234.abc", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456", "1!1.0.dev456",
        "1!1.0a1", "1!1.0", "1!1.2.rev33+123456", "2!0.1",
    ]

    @Test("Orders versions as PEP 440 does", arguments: zip(ascending, ascending.dropFirst()))
    func ordering(lower: String, higher: String) throws {
        let low = try PEP440Version(parsing: lower)
        let high = try PEP440Version(parsing: higher)
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test(
        "Treats spellings of one version as equal, with equal hashes",
        arguments: [
            ("1.0", "1.0.0"), ("1.0a1", "1.0alpha1"), ("1.0b1", "1.0-BETA.1"), ("1.0rc1", "1.0c1"),
            ("1.0rc1", "1.0pre1"),
            ("1.0rc1", "1.0preview1"), ("1.0-1", "1.0.post1"), ("1.0.post0", "1.0.post"), ("1.0.r1", "1.0_rev_1"),
            ("v1.0", "1.0"), ("1.0+ABC", "1.0+abc"), ("1.0+1_2", "1.0+1.2"), ("1.0+01", "1.0+1"), (" 1.0\n", "1.0"),
            ("0!1.0", "1.0"), ("1.0.dev", "1.0-dev0"), ("00001.0", "1"),
        ])
    func equality(left: String, right: String) throws {
        let leftVersion = try PEP440Version(parsing: left)
        let rightVersion = try PEP440Version(parsing: right)
        #expect(leftVersion == rightVersion)
        #expect(leftVersion.hashValue == rightVersion.hashValue)
    }

    @Test(
        "Writes the normalised form packaging writes",
        arguments: [
            ("1.0-ALPHA-1", "1.0a1"), ("V1.0.0", "1.0.0"), ("1.0.DEV", "1.0.dev0"), ("01.02.003", "1.2.3"),
            ("1.0-1", "1.0.post1"), ("1!1.0_c_3", "1!1.0rc3"), ("1.0+Ubuntu-1", "1.0+ubuntu.1"), ("0!1.0", "1.0"),
            ("1.0+007", "1.0+7"), ("\u{3000}1.0\u{A0}", "1.0"), ("20240101123456789012345", "20240101123456789012345"),
        ])
    func normalisation(text: String, normalised: String) throws {
        #expect(try PEP440Version(parsing: text).description == normalised)
    }

    @Test("Knows pre-releases and development releases")
    func preReleases() throws {
        #expect(try PEP440Version(parsing: "1.0rc1").isPreRelease)
        #expect(try PEP440Version(parsing: "1.0.dev1").isPreRelease)
        #expect(try PEP440Version(parsing: "1.0.post1.dev1").isPreRelease)
        #expect(try !PEP440Version(parsing: "1.0.post1").isPreRelease)
        #expect(try !PEP440Version(parsing: "1.0+rc1").isPreRelease)
    }

    @Test(
        "Says where a version stops being PEP 440",
        arguments: [
            ("", "expected a release number at offset 0, found the end"),
            ("v", "expected a release number at offset 1, found the end"),
            ("abc", "expected a release number at offset 0, found 'abc'"),
            ("1.0+", "unexpected text at offset 3, found '+'"), ("1.0.X", "unexpected text at offset 3, found '.X'"),
            ("1..0", "unexpected text at offset 1, found '..0'"),
            ("  1.0  extra ", "unexpected text at offset 5, found '  extra'"),
            ("1.0-dev-r3", "unexpected text at offset 8, found 'r3'"),
            ("\u{FF11}.0", "expected a release number at offset 0, found '\u{FF11}.0'"),
        ])
    func rejection(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .pep440, text: text, reason: reason)) {
            try PEP440Version(parsing: text)
        }
    }

    @Test func isTheCatalogsPEP440Scheme() throws {
        let scheme = try #require(VersionSchemeCatalog.scheme(for: .pep440))
        #expect(scheme.id == .pep440)
        #expect(try scheme.compare("1.0.dev0", "1.0a0") == -1)
        #expect(try scheme.compare("1.0", "1.0.0+0") == -1)
        #expect(!scheme.isValid("1.0-"))
    }
}
