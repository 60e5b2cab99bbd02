import Testing

@testable import Ecosystems

struct BerkeleyDBHashFileTests {
    static let longValue = (0..<1_300).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    @Test("Reads inline and overflow values in both byte orders", arguments: [false, true])
    func readsInlineAndOverflowValues(bigEndian: Bool) throws {
        var file = RPMTestBerkeleyDB(bigEndian: bigEndian)
        let chain = file.addOverflow(Self.longValue)
        file.addHashPage([
            .inline(file.key(1)), .inline([1, 2, 3]), .inline(file.key(2)),
            .offPage(firstPage: chain, length: UInt32(Self.longValue.count)),
        ])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.byteOrder == (bigEndian ? .bigEndian : .littleEndian))
        #expect(database.problems.isEmpty)
        #expect(
            database.records == [
                .init(key: file.key(1), value: [1, 2, 3]), .init(key: file.key(2), value: Self.longValue),
            ])
    }

    @Test func stopsAtAnOverflowCycle() throws {
        var file = RPMTestBerkeleyDB()
        let chain = file.addOverflow(Self.longValue)  // pages 1, 2, 3
        file.setNextPage(of: chain + 2, to: chain)
        file.addHashPage([
            .inline(file.key(1)), .offPage(firstPage: chain, length: 1_000_000), .inline(file.key(2)), .inline([9]),
        ])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.records == [.init(key: file.key(2), value: [9])])
        #expect(database.problems.map(\.error) == [.berkeleyDBOverflowCycle(page: chain)])
    }

    @Test func stopsAtAPageThatPointsToItself() throws {
        var file = RPMTestBerkeleyDB()
        let chain = file.addOverflow([1, 2, 3])
        file.setNextPage(of: chain, to: chain)
        file.addHashPage([.inline(file.key(1)), .offPage(firstPage: chain, length: 6)])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.records.isEmpty)
        #expect(database.problems.map(\.error) == [.berkeleyDBOverflowCycle(page: chain)])
    }

    @Test func readsAChainOnlyOnceWhenTwoRecordsShareIt() throws {
        var file = RPMTestBerkeleyDB()
        let chain = file.addOverflow(Self.longValue)
        let length = UInt32(Self.longValue.count)
        file.addHashPage([
            .inline(file.key(1)), .offPage(firstPage: chain, length: length), .inline(file.key(2)),
            .offPage(firstPage: chain, length: length),
        ])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.records.count == 1)
        #expect(database.problems.map(\.error) == [.berkeleyDBOverflowCycle(page: chain)])
    }

    @Test func reportsAChainThatLeavesTheFile() throws {
        var file = RPMTestBerkeleyDB()
        file.addHashPage([.inline(file.key(1)), .offPage(firstPage: 4_000_000, length: 10)])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.problems.map(\.error) == [.berkeleyDBPageOutOfRange(page: 4_000_000, pageCount: 2)])
    }

    @Test func reportsAChainThatReachesAHashPage() throws {
        var file = RPMTestBerkeleyDB()
        let hashPage = file.addHashPage([.inline(file.key(1)), .offPage(firstPage: 1, length: 10)])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(database.problems.map(\.error) == [.berkeleyDBUnexpectedPageType(page: hashPage, type: 13)])
    }

    @Test func reportsAChainShorterThanItsItemSays() throws {
        var file = RPMTestBerkeleyDB()
        let chain = file.addOverflow([1, 2, 3])
        file.addHashPage([.inline(file.key(1)), .offPage(firstPage: chain, length: 4)])
        let database = try BerkeleyDBHashFile(file.bytes())
        #expect(
            database.problems.map(\.error) == [.berkeleyDBOverflowLengthMismatch(page: chain, expected: 4, actual: 3)])
    }

    @Test func reportsAnItemOffsetOutsideItsPage() throws {
        var file = RPMTestBerkeleyDB()
        file.addHashPage([.inline(file.key(1)), .inline([1])])
        var bytes = file.bytes()
        bytes.replaceSubrange((512 + 28)..<(512 + 30), with: [0xFF, 0xFF])  // item 1's offset
        let database = try BerkeleyDBHashFile(bytes)
        #expect(database.problems.map(\.error) == [.berkeleyDBItemOutOfBounds(page: 1, item: 1)])
    }

    @Test func reportsAnItemTableLargerThanItsPage() throws {
        var file = RPMTestBerkeleyDB()
        file.addHashPage([.inline(file.key(1)), .inline([1])])
        var bytes = file.bytes()
        bytes.replaceSubrange((512 + 20)..<(512 + 22), with: [0xFF, 0xFF])  // entry count
        let database = try BerkeleyDBHashFile(bytes)
        #expect(database.problems.map(\.error) == [.berkeleyDBItemOutOfBounds(page: 1, item: 65_534)])
    }

    @Test func readsWhatATruncatedFileStillHolds() throws {
        var file = RPMTestBerkeleyDB()
        file.addHashPage([.inline(file.key(1)), .inline([1])])
        _ = file.addOverflow(Self.longValue)
        let bytes = Array(file.bytes().prefix(512 * 3 + 100))
        let database = try BerkeleyDBHashFile(bytes)
        #expect(database.records == [.init(key: file.key(1), value: [1])])
        #expect(database.problems.map(\.error) == [.berkeleyDBTruncated(declaredPageCount: 5, presentPageCount: 3)])
    }

    @Test func rejectsOtherAccessMethodsAndBrokenMetadata() {
        let file = RPMTestBerkeleyDB()
        #expect(throws: RPMDatabaseError.berkeleyDBNotHash(magic: 0x05_3162)) {
            try BerkeleyDBHashFile(file.bytes(magic: 0x05_3162))
        }
        #expect(throws: RPMDatabaseError.berkeleyDBEncrypted) { try BerkeleyDBHashFile(file.bytes(encryption: 1)) }
        var oddPageSize = file.bytes()
        oddPageSize.rpmTestSetLittleEndian(1000, at: 20)
        #expect(throws: RPMDatabaseError.berkeleyDBInvalidPageSize(1000)) { try BerkeleyDBHashFile(oddPageSize) }
        #expect(throws: RPMDatabaseError.berkeleyDBNotHash(magic: 0x05_3162)) {
            try RPMDatabaseFormat.detect(file.bytes(magic: 0x05_3162))
        }
    }

    @Test func skipsRPMsNextHeaderNumberRecord() throws {
        var file = RPMTestBerkeleyDB()
        let header = RPMTestHeader.package().blob
        let chain = file.addOverflow(header)
        file.addHashPage([
            .inline(file.key(0)), .inline(file.key(8)), .inline(file.key(7)),
            .offPage(firstPage: chain, length: UInt32(header.count)),
        ])
        let contents = try RPMBerkeleyDatabase.contents(of: file.bytes())
        #expect(contents.blobs == [RPMHeaderBlob(number: 7, bytes: header)])
        #expect(contents.problems.isEmpty)
    }

    @Test func survivesACycleInTheFixture() throws {
        // Point the first overflow page of the real fixture back at itself.
        var bytes = try RPMFixtureDatabase.berkeleyDB.contents()
        let pageSize = 1024
        let pageCount = bytes.count / pageSize
        let overflowPages = (1..<pageCount).filter { bytes[$0 * pageSize + 25] == 7 }
        let page = try #require(overflowPages.first)
        bytes.rpmTestSetLittleEndian(UInt32(page), at: page * pageSize + 16)
        let result = try RPMDatabaseAnalyzer.parse(bytes, path: RPMFixtureDatabase.berkeleyDB.imagePath)
        #expect(result.packages.count == 2)
        #expect(result.warnings.count == 1)
    }
}
