import Testing

struct VersionOracleTableTests {
    @Test(
        "Every language scheme has its committed table, so no table test passes by having no shards",
        arguments: [
            ("maven", 60_000), ("rubygems", 60_000), ("semver", 60_000), ("npm", 60_000), ("go", 60_000),
            ("composer", 60_000), ("nuget", 4_000), ("npm-range", 40_000), ("npm-range-prerelease", 40_000),
        ])
    func everySchemeHasItsTable(scheme: String, minimumRows: Int) throws {
        let shards = VersionOracleTable.shards(of: scheme)
        let rows = try shards.reduce(0) { $0 + (try VersionOracleTable(shard: $1).rows.count) }
        #expect(rows >= minimumRows, "\(scheme): \(rows) rows in \(shards)")
    }
}
