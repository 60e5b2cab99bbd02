import Ecosystems
import Testing
import VulnerabilityMatching

struct NuGetVersionTests {
    @Test(
        "Agrees with the hand-checked NuGet table on every pair",
        arguments: VersionOracleTable.shards(of: "nuget"))
    func agreesWithTable(shard: String) throws {
        try VersionOracleTable.expectAgreement(NuGetVersion.self, shard: shard)
    }

    @Test func rejectsEveryStringNuGetRejects() throws {
        try VersionOracleTable.expectRejection(NuGetVersion.self, scheme: "nuget")
    }

    @Test func treatsMissingNumbersAsZero() throws {
        let versions = try ["1", "1.0", "1.0.0", "1.0.0.0", " 1.0.0+metadata "].map { try NuGetVersion(parsing: $0) }
        #expect(Set(versions).count == 1)
        #expect(versions[0].numbers == [1, 0, 0, 0])
        #expect(versions[0].description == "1.0.0")
        #expect(try NuGetVersion(parsing: "1.2.3.4-Beta.1").description == "1.2.3.4-Beta.1")
    }

    @Test func comparesLabelsIgnoringCase() throws {
        let upper = try NuGetVersion(parsing: "1.0.0-BETA.X.y.5.77.0+AA")
        let lower = try NuGetVersion(parsing: "1.0.0-beta.x.y.5.77.0+aa")
        #expect(upper == lower)
        #expect(upper.hashValue == lower.hashValue)
    }

    @Test(
        "Rejects what NuGet rejects, with the reason",
        arguments: [
            ("", "expected one to four dot-separated numbers"),
            ("1.0.0.0.0", "expected one to four dot-separated numbers"),
            ("2147483648.0", "version number '2147483648' is larger than 2147483647"),
            ("1.0.0-", "invalid release label ''"),
            ("1.0.0-beta_1", "invalid release label 'beta_1'"),
            ("1.0.0-01", "numeric release label '01' has a leading zero"),
            ("1.0.0+", "invalid build metadata ''"),
        ])
    func rejects(text: String, reason: String) {
        #expect(throws: VersionParseError(scheme: .nuget, text: text, reason: reason)) {
            try NuGetVersion(parsing: text)
        }
    }
}
