import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct RPMDatabaseAnalyzerTests {
    /// The three packages scripts/fixtures/make-rpm-databases.sh installs, as every backend must report them.
    static func expectedPackages(at path: ImagePath) -> [InstalledPackage] {
        [
            InstalledPackage(
                name: "plimsoll-epoch", version: "3.1.4-7.el9", ecosystem: .rpm, sourceName: "plimsoll-epoch",
                sourceVersion: "3.1.4-7.el9", architecture: "noarch", epoch: 2,
                modularityLabel: "plimsoll:3:9020020240101000000:deadbeef", licenses: ["GPL-2.0-or-later"], path: path),
            InstalledPackage(
                name: "plimsoll-hello", version: "1.0-1.plm1", ecosystem: .rpm, sourceName: "plimsoll-hello",
                sourceVersion: "1.0-1.plm1", architecture: "noarch", licenses: ["MIT"], path: path),
            InstalledPackage(
                name: "plimsoll-libs", version: "0.9.2-3.fc40", ecosystem: .rpm, sourceName: "plimsoll-tools",
                sourceVersion: "0.9.2-3.fc40", architecture: "noarch", licenses: ["Apache-2.0 AND BSD-3-Clause"],
                path: path),
        ]
    }

    static let expectedOwnedFiles = [
        ImagePath("etc/plimsoll-epoch.conf"), ImagePath("usr/bin/plimsoll-hello"),
        ImagePath("usr/share/plimsoll-hello"),
        ImagePath("usr/share/plimsoll-hello/greeting.txt"),
    ]

    @Test("Reads the exact package list of each backend", arguments: RPMFixtureDatabase.allCases)
    func readsEveryPackage(of database: RPMFixtureDatabase) async throws {
        let file = AnalyzedFile(path: database.imagePath, contents: try database.contents())
        let result = try await RPMDatabaseAnalyzer().analyze(file)
        #expect(result.packages.map(\.name) == ["plimsoll-epoch", "plimsoll-hello", "plimsoll-libs"])
        #expect(result.packages.map(\.version) == ["3.1.4-7.el9", "1.0-1.plm1", "0.9.2-3.fc40"])
        #expect(result.warnings.isEmpty)
    }

    @Test("Keeps epoch, source package, license and modularity label apart", arguments: RPMFixtureDatabase.allCases)
    func recordsEveryField(of database: RPMFixtureDatabase) throws {
        let result = try RPMDatabaseAnalyzer.parse(database.contents(), path: database.imagePath)
        #expect(result.packages == Self.expectedPackages(at: database.imagePath))
    }

    @Test("Reports the files the packages own", arguments: RPMFixtureDatabase.allCases)
    func reportsOwnedFiles(of database: RPMFixtureDatabase) throws {
        let result = try RPMDatabaseAnalyzer.parse(database.contents(), path: database.imagePath)
        #expect(result.ownedFiles == Self.expectedOwnedFiles)
    }

    @Test("Tells the format by its bytes, whatever the file is called", arguments: RPMFixtureDatabase.allCases)
    func detectsTheFormatByMagic(of database: RPMFixtureDatabase) throws {
        let contents = try database.contents()
        #expect(try RPMDatabaseFormat.detect(contents) == database.format)
        let misnamed = ImagePath("var/lib/rpm/Packages")
        #expect(try RPMDatabaseAnalyzer.parse(contents, path: misnamed).packages == Self.expectedPackages(at: misnamed))
    }

    @Test("Reads headers identically from every backend")
    func backendsAgree() throws {
        let headers = try RPMFixtureDatabase.allCases.map { database in
            try RPMDatabase.contents(of: database.contents()).1.blobs.map { try RPMHeader(blob: $0.bytes) }
                .sorted { $0.name < $1.name }
        }
        #expect(headers.count == 3)
        #expect(headers.allSatisfy { $0 == headers[0] })
        let hello = try #require(headers[0].first { $0.name == "plimsoll-hello" })
        #expect(hello.vendor == "Plimsoll Fixtures")
        #expect(hello.size == 27)
        #expect(hello.sourceRPM == "plimsoll-hello-1.0-1.plm1.src.rpm")
        #expect(
            hello.files == [
                "/usr/bin/plimsoll-hello", "/usr/share/plimsoll-hello", "/usr/share/plimsoll-hello/greeting.txt",
            ])
    }

    @Test("Reads an rpmdb.sqlite left in WAL mode, as rpm leaves it")
    func readsWriteAheadLogModeSQLite() throws {
        var contents = try RPMFixtureDatabase.sqlite.contents()
        contents[18] = 2
        contents[19] = 2
        let path = RPMFixtureDatabase.sqlite.imagePath
        #expect(try RPMDatabaseAnalyzer.parse(contents, path: path).packages == Self.expectedPackages(at: path))
    }

    @Test(
        "Is interested in rpm's database paths only",
        arguments: [
            ("var/lib/rpm/Packages", true), ("var/lib/rpm/Packages.db", true), ("var/lib/rpm/rpmdb.sqlite", true),
            ("usr/lib/sysimage/rpm/Packages", true), ("usr/lib/sysimage/rpm/Packages.db", true),
            ("usr/lib/sysimage/rpm/rpmdb.sqlite", true), ("usr/share/rpm/Packages", true),
            ("usr/share/rpm/Packages.db", true),
            ("usr/share/rpm/rpmdb.sqlite", true), ("var/lib/rpm/Name", false), ("var/lib/rpm/rpmdb.sqlite-wal", false),
            ("opt/var/lib/rpm/Packages", false), ("var/lib/Packages", false), ("Packages", false),
            ("var/lib/dpkg/status", false),
        ])
    func isInterested(in path: String, expected: Bool) {
        #expect(RPMDatabaseAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test func identifiesItselfAndReadsLargeDatabases() {
        let analyzer = RPMDatabaseAnalyzer()
        #expect(analyzer.identity.name == "rpm-database")
        #expect(analyzer.maximumFileSize == 256 << 20)
    }

    @Test func isRegisteredInTheCatalog() {
        #expect(EcosystemCatalog.all.contains { $0.id == .rpm })
        #expect(EcosystemCatalog.analyzers.contains { $0.identity.name == "rpm-database" })
    }

    @Test func rejectsAnEmptyFile() {
        #expect(throws: RPMDatabaseError.emptyFile) {
            try RPMDatabaseAnalyzer.parse([], path: ImagePath("var/lib/rpm/Packages"))
        }
    }

    @Test func rejectsBytesThatAreNoDatabase() {
        let garbage = Array("this is not an rpm database at all".utf8)
        #expect(throws: RPMDatabaseError.unrecognizedFormat(leadingBytes: "74686973206973206e6f7420616e2072")) {
            try RPMDatabaseAnalyzer.parse(garbage, path: ImagePath("var/lib/rpm/Packages"))
        }
        let error = RPMDatabaseError.unrecognizedFormat(leadingBytes: "00")
        #expect(error.description.contains("not an RPM database"))
    }

    @Test func rejectsAnAnalyzedFileOfGarbageThroughTheAnalyzerSeam() async {
        let file = AnalyzedFile(
            path: ImagePath("var/lib/rpm/Packages"), contents: [UInt8](repeating: 0xA5, count: 4096))
        await #expect(throws: RPMDatabaseError.self) { try await RPMDatabaseAnalyzer().analyze(file) }
    }

    @Test func skipsPublicKeysAndWarnsAboutABrokenHeaderWhileReadingTheRest() throws {
        var publicKey = RPMTestHeader.package(
            name: "gpg-pubkey", version: "fd431d51", release: "4ae0493b", architecture: nil)
        publicKey.add(string: "pubkey", for: .license)
        var broken = RPMTestHeader.package(name: "broken").blob
        broken.rpmTestSetBigEndian(0x8000_0000, at: 8 + 12)  // NAME's count
        let good = RPMTestHeader.package(name: "openssl").blob
        let database = RPMTestNDB.database(blobs: [publicKey.blob, broken, good])
        let result = try RPMDatabaseAnalyzer.parse(database, path: ImagePath("var/lib/rpm/Packages.db"))
        #expect(result.packages.map(\.name) == ["openssl"])
        #expect(
            result.warnings == [
                "Skipped rpm header 2: \(RPMDatabaseError.entryCountOutOfRange(tag: 1000, count: 0x8000_0000))"
            ])
    }

    @Test func leavesOutTheSourceWhenItsFileNameDoesNotParse() throws {
        var header = RPMTestHeader.package()
        header.add(string: "not-a-source-rpm", for: .sourceRPM)
        let package = RPMDatabaseAnalyzer.package(
            from: try RPMHeader(blob: header.blob), path: ImagePath("var/lib/rpm/Packages"))
        #expect(package.sourceName == nil)
        #expect(package.sourceVersion == nil)
        #expect(package.epoch == nil)
        #expect(package.licenses.isEmpty)
    }

    @Test("Survives every truncation of each fixture", arguments: RPMFixtureDatabase.allCases)
    func survivesTruncation(of database: RPMFixtureDatabase) throws {
        let contents = try database.contents()
        for length in stride(from: 0, to: contents.count, by: 97) {
            do {
                let result = try RPMDatabaseAnalyzer.parse(Array(contents.prefix(length)), path: database.imagePath)
                #expect(result.packages.count <= 3)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
