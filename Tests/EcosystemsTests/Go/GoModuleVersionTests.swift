import Ecosystems
import Testing
import VulnerabilityMatching

struct GoModuleVersionTests {
    @Test(
        "Agrees with golang.org/x/mod/semver on every pair of the oracle table",
        arguments: VersionOracleTable.shards(of: "go"))
    func agreesWithGo(shard: String) throws {
        try VersionOracleTable.expectAgreement(GoModuleVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringGoRejects() throws {
        try VersionOracleTable.expectRejection(GoModuleVersion.self, scheme: "go")
    }

    @Test(
        "Accepts OSV's spelling without the v, and Go's shorthands",
        arguments: [
            ("v1.2.3", "1.2.3"), ("v1", "v1.0.0"), ("v1.2", "1.2.0"), ("v2.0.0+incompatible", "2.0.0"),
            ("v1.2.3-pre+meta", "1.2.3-pre"),
        ])
    func equalSpellings(left: String, right: String) throws {
        #expect(try GoModuleVersion(parsing: left) == GoModuleVersion(parsing: right))
    }

    @Test func ordersPseudoVersionsAroundTheirTags() throws {
        let versions = [
            "v0.0.0-20191109021931-daa7c04131f5", "v1.2.3-pre", "v1.2.3-pre.0.20191109021931-daa7c04131f5",
            "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4",
        ]
        let parsed = try versions.map { try GoModuleVersion(parsing: $0) }
        for (lower, higher) in zip(parsed, parsed.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
        #expect(parsed[0].isPseudoVersion && parsed[2].isPseudoVersion && parsed[4].isPseudoVersion)
        #expect(!parsed[1].isPseudoVersion && !parsed[3].isPseudoVersion)
    }

    @Test func describesTheCanonicalGoSpelling() throws {
        #expect(try GoModuleVersion(parsing: "1.2").description == "v1.2.0")
        #expect(try GoModuleVersion(parsing: "v4.0.0+incompatible").description == "v4.0.0+incompatible")
        #expect(try GoModuleVersion(parsing: "v4.0.0+incompatible").isIncompatible)
    }

    @Test(
        "Rejects what x/mod/semver rejects, with the reason",
        arguments: [
            ("v1.2-pre", "a shortened version (v1, v1.2) cannot have a pre-release or build suffix"),
            ("v1+meta", "a shortened version (v1, v1.2) cannot have a pre-release or build suffix"),
            ("bad", "expected a number after the optional 'v'"),
            ("go1.21.3", "expected a number after the optional 'v'"),
            ("v01.2.3", "version number '01' has a leading zero"),
            ("v1.2.3-01", "numeric pre-release identifier '01' has a leading zero"),
            ("v1.2.3.4", "expected MAJOR.MINOR.PATCH, three dot-separated numbers"),
        ])
    func rejects(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .go, text: text, reason: reason)) {
            try GoModuleVersion(parsing: text)
        }
    }

    @Test(
        "Turns Go toolchain tags into OSV stdlib versions",
        arguments: [
            ("go1.21.3", "1.21.3"), ("go1.21", "1.21.0"), ("go1.22rc1", "1.22.0-rc.1"),
            ("go1.19beta2", "1.19.0-beta.2"), ("go1", "1.0.0"), ("go1.9.2rc2", "1.9.2-rc.2"),
            ("go1.21.3 X:boringcrypto", "1.21.3"), ("go1.0", nil), ("1.21.3", nil), ("go1.21.x", nil), ("", nil),
            ("go1.22rc", nil), ("go2", nil),
        ] as [(String, String?)])
    func goTags(tag: String, expected: String?) {
        #expect(GoModuleVersion.osvVersion(forGoTag: tag) == expected)
    }
}
