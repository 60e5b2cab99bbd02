import Testing

@testable import Ecosystems

struct RPMNDBDatabaseTests {
    static let header = RPMTestHeader.package().blob

    @Test func readsEveryBlobInSlotOrder() throws {
        let other = RPMTestHeader.package(name: "bash").blob
        let contents = try RPMNDBDatabase.contents(of: RPMTestNDB.database(blobs: [Self.header, other]))
        #expect(
            contents.blobs == [RPMHeaderBlob(number: 1, bytes: Self.header), RPMHeaderBlob(number: 2, bytes: other)])
        #expect(contents.problems.isEmpty)
    }

    @Test func reportsABlobPastTheEndAndReadsTheRest() throws {
        var database = RPMTestNDB.database(blobs: [Self.header, Self.header])
        database.rpmTestSetLittleEndian(0x0FFF_FFFF, at: 32 + 8)  // slot 2's block offset
        let contents = try RPMNDBDatabase.contents(of: database)
        #expect(contents.blobs.map(\.number) == [2])
        #expect(contents.problems == [.init(number: 1, error: .ndbBlobOutOfBounds(package: 1))])
    }

    @Test func reportsABlobWhoseHeadNamesAnotherPackage() throws {
        var database = RPMTestNDB.database(blobs: [Self.header])
        database.rpmTestSetLittleEndian(9, at: 4096 + 4)
        let contents = try RPMNDBDatabase.contents(of: database)
        #expect(
            contents.problems == [
                .init(number: 1, error: .ndbBadBlob(package: 1, reason: "its head names another package"))
            ])
    }

    @Test func reportsABlobWhoseTailDisagrees() throws {
        var database = RPMTestNDB.database(blobs: [Self.header])
        database[database.count - 1] = UInt8(ascii: "X")
        let contents = try RPMNDBDatabase.contents(of: database)
        #expect(
            contents.problems == [
                .init(number: 1, error: .ndbBadBlob(package: 1, reason: "its tail does not match its head"))
            ])
    }

    @Test func reportsASlotPointingIntoTheSlotPages() throws {
        var database = RPMTestNDB.database(blobs: [Self.header])
        database.rpmTestSetLittleEndian(2, at: 32 + 8)
        let contents = try RPMNDBDatabase.contents(of: database)
        #expect(
            contents.problems == [
                .init(number: 1, error: .ndbBadBlob(package: 1, reason: "its slot points inside the slot pages"))
            ])
    }

    @Test func rejectsACorruptSlotTable() {
        var database = RPMTestNDB.database(blobs: [Self.header])
        database[48] = 0
        #expect(throws: RPMDatabaseError.ndbBadSlot(slot: 3)) { try RPMNDBDatabase.contents(of: database) }
    }

    @Test func rejectsMoreSlotPagesThanTheFileHolds() {
        var database = RPMTestNDB.database(blobs: [Self.header])
        database.rpmTestSetLittleEndian(0xFFFF_FFFF, at: 12)
        #expect(
            throws: RPMDatabaseError.ndbTruncated(
                expectedByteCount: 0xFFFF_FFFF * 4096, actualByteCount: database.count)
        ) {
            try RPMNDBDatabase.contents(of: database)
        }
    }

    @Test func rejectsAnUnknownVersion() {
        var database = RPMTestNDB.database(blobs: [])
        database.rpmTestSetLittleEndian(1, at: 4)
        #expect(throws: RPMDatabaseError.ndbUnsupportedVersion(1)) { try RPMNDBDatabase.contents(of: database) }
    }

    @Test func readsAnEmptyDatabase() throws {
        #expect(try RPMNDBDatabase.contents(of: RPMTestNDB.database(blobs: [])) == RPMDatabaseContents())
    }
}

struct RPMSQLiteDatabaseTests {
    @Test func rejectsASQLiteFileWithoutAPackagesTable() throws {
        var contents = try RPMFixtureDatabase.sqlite.contents()
        // Rename the table in the schema page's text: sqlite_master keeps the CREATE statement and the name.
        let name = Array("Packages".utf8)
        let renamed = Array("Packagez".utf8)
        var index = 0
        while index + name.count <= contents.count {
            if Array(contents[index..<(index + name.count)]) == name {
                contents.replaceSubrange(index..<(index + name.count), with: renamed)
            }
            index += 1
        }
        #expect(throws: RPMDatabaseError.sqlitePackagesTableMissing) { try RPMSQLiteDatabase.contents(of: contents) }
    }

    @Test func rejectsATruncatedDatabase() throws {
        let contents = try RPMFixtureDatabase.sqlite.contents()
        #expect(throws: RPMDatabaseError.self) { try RPMSQLiteDatabase.contents(of: Array(contents.prefix(100))) }
    }
}

struct SourceRPMFileNameTests {
    @Test(
        "Splits NAME-VERSION-RELEASE.ARCH.rpm",
        arguments: [
            ("openssl-3.0.7-24.el9.src.rpm", "openssl", "3.0.7", "24.el9"),
            ("python3.11-3.11.5-1.el9_3.src.rpm", "python3.11", "3.11.5", "1.el9_3"),
            ("kernel-rt-5.14.0-362.8.1.rt14.393.el9_3.src.rpm", "kernel-rt", "5.14.0", "362.8.1.rt14.393.el9_3"),
            ("glibc-2.28-236.0.1.el8.nosrc.rpm", "glibc", "2.28", "236.0.1.el8"),
        ])
    func splits(fileName: String, name: String, version: String, release: String) throws {
        let parsed = try #require(SourceRPMFileName(fileName))
        #expect(parsed.name == name)
        #expect(parsed.version == version)
        #expect(parsed.release == release)
        #expect(parsed.versionRelease == "\(version)-\(release)")
    }

    @Test(
        "Rejects names that are not source RPM file names",
        arguments: [
            "", "openssl", "openssl-3.0.7-24.el9", "openssl-3.0.7.src.rpm", "-3.0.7-24.src.rpm",
            "openssl-3.0.7-.src.rpm",
            "(none)",
        ])
    func rejects(fileName: String) {
        #expect(SourceRPMFileName(fileName) == nil)
    }
}
