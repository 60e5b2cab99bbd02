import Foundation
import ScanModel
import Testing

@testable import Ecosystems

/// The committed database fixtures, one per backend, all holding the same three packages.
enum RPMFixtureDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case berkeleyDB
    case ndb

    var folder: String {
        switch self {
        case .sqlite: "rpm-sqlite"
        case .berkeleyDB: "rpm-bdb"
        case .ndb: "rpm-ndb"
        }
    }

    var fileName: String {
        switch self {
        case .sqlite: "rpmdb.sqlite"
        case .berkeleyDB: "Packages"
        case .ndb: "Packages.db"
        }
    }

    var format: RPMDatabaseFormat {
        switch self {
        case .sqlite: .sqlite
        case .berkeleyDB: .berkeleyDB
        case .ndb: .ndb
        }
    }

    /// Where each format lives in the images that use it.
    var imagePath: ImagePath {
        switch self {
        case .sqlite: ImagePath("usr/lib/sysimage/rpm/rpmdb.sqlite")
        case .berkeleyDB: ImagePath("var/lib/rpm/Packages")
        case .ndb: ImagePath("usr/lib/sysimage/rpm/Packages.db")
        }
    }

    var testDescription: String { folder }

    func contents() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Fixtures/\(folder)")
        else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(folder)/\(fileName)"])
        }
        return [UInt8](try Data(contentsOf: url))
    }
}

/// Writes RPM header blobs in rpm's layout, with the knobs hostile-input tests need.
struct RPMTestHeader {
    struct Entry {
        var tag: UInt32
        var type: UInt32
        var count: UInt32
        var data: [UInt8]
    }

    var entries: [Entry] = []

    static func package(
        name: String = "openssl", version: String = "3.0.7", release: String = "24.el9",
        architecture: String? = "x86_64"
    ) -> RPMTestHeader {
        var header = RPMTestHeader()
        header.add(string: name, for: .name)
        header.add(string: version, for: .version)
        header.add(string: release, for: .release)
        if let architecture { header.add(string: architecture, for: .architecture) }
        return header
    }

    mutating func add(string: String, for tag: RPMTag, type: RPMEntryType = .string) {
        entries.append(Entry(tag: tag.rawValue, type: type.rawValue, count: 1, data: Array(string.utf8) + [0]))
    }

    mutating func add(strings: [String], for tag: RPMTag) {
        entries.append(
            Entry(
                tag: tag.rawValue, type: RPMEntryType.stringArray.rawValue, count: UInt32(strings.count),
                data: strings.flatMap { Array($0.utf8) + [0] }))
    }

    mutating func add(int32: [UInt32], for tag: RPMTag) {
        entries.append(
            Entry(
                tag: tag.rawValue, type: RPMEntryType.int32.rawValue, count: UInt32(int32.count),
                data: int32.flatMap(Self.bigEndian)))
    }

    mutating func add(int64: [UInt64], for tag: RPMTag) {
        let data = int64.flatMap { Self.bigEndian(UInt32($0 >> 32)) + Self.bigEndian(UInt32($0 & 0xFFFF_FFFF)) }
        entries.append(
            Entry(tag: tag.rawValue, type: RPMEntryType.int64.rawValue, count: UInt32(int64.count), data: data))
    }

    /// The blob: entry count, data length, the index, then each entry's data in order (aligned as rpm aligns).
    var blob: [UInt8] {
        var data: [UInt8] = []
        var index: [UInt8] = []
        for entry in entries {
            let alignment: Int =
                switch entry.type {
                case RPMEntryType.int16.rawValue: 2
                case RPMEntryType.int32.rawValue: 4
                case RPMEntryType.int64.rawValue: 8
                default: 1
                }
            while data.count % alignment != 0 { data.append(0) }
            index +=
                Self.bigEndian(entry.tag) + Self.bigEndian(entry.type) + Self.bigEndian(UInt32(data.count))
                + Self.bigEndian(entry.count)
            data += entry.data
        }
        return Self.bigEndian(UInt32(entries.count)) + Self.bigEndian(UInt32(data.count)) + index + data
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        bigEndian(value).reversed()
    }

    static func littleEndian16(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)]
    }
}

extension Array where Element == UInt8 {
    /// Overwrites four bytes at `offset` with `value`, big-endian, as a test corrupts a header.
    mutating func rpmTestSetBigEndian(_ value: UInt32, at offset: Int) {
        replaceSubrange(offset..<(offset + 4), with: RPMTestHeader.bigEndian(value))
    }

    mutating func rpmTestSetLittleEndian(_ value: UInt32, at offset: Int) {
        replaceSubrange(offset..<(offset + 4), with: RPMTestHeader.littleEndian(value))
    }
}

/// Writes NDB `Packages.db` files as rpm's `rpmpkg.c` lays them out, with as many slot pages as the blobs need.
enum RPMTestNDB {
    static func database(blobs: [[UInt8]]) -> [UInt8] {
        let slotPageCount = (32 + blobs.count * 16 + 4095) / 4096
        var slots: [UInt8] = []
        var data: [UInt8] = []
        var nextBlock = slotPageCount * 4096 / 16
        for (offset, blob) in blobs.enumerated() {
            let package = UInt32(offset + 1)
            let blocks = (16 + blob.count + 12 + 15) / 16
            let padding = blocks * 16 - (16 + blob.count + 12)
            data += Array("BlbS".utf8) + RPMTestHeader.littleEndian(package) + RPMTestHeader.littleEndian(1)
            data += RPMTestHeader.littleEndian(UInt32(blob.count)) + blob + [UInt8](repeating: 0, count: padding)
            data += RPMTestHeader.littleEndian(0) + RPMTestHeader.littleEndian(UInt32(blob.count)) + Array("BlbE".utf8)
            slots += Array("Slot".utf8) + RPMTestHeader.littleEndian(package)
            slots += RPMTestHeader.littleEndian(UInt32(nextBlock)) + RPMTestHeader.littleEndian(UInt32(blocks))
            nextBlock += blocks
        }
        var pages = Array("RpmP".utf8) + RPMTestHeader.littleEndian(0) + RPMTestHeader.littleEndian(1)
        pages += RPMTestHeader.littleEndian(UInt32(slotPageCount)) + RPMTestHeader.littleEndian(UInt32(blobs.count + 1))
        pages += [UInt8](repeating: 0, count: 12) + slots
        while pages.count < slotPageCount * 4096 {
            pages += Array("Slot".utf8) + [UInt8](repeating: 0, count: 12)
        }
        return pages + data
    }
}

/// Writes Berkeley DB hash files page by page, so tests can build chains, cycles and broken pages.
struct RPMTestBerkeleyDB {
    enum Item {
        case inline([UInt8])
        case offPage(firstPage: UInt32, length: UInt32)
    }

    let pageSize: Int
    let bigEndian: Bool
    /// Every page after the metadata page; `pages[0]` is page 1.
    private(set) var pages: [[UInt8]] = []

    init(pageSize: Int = 512, bigEndian: Bool = false) {
        self.pageSize = pageSize
        self.bigEndian = bigEndian
    }

    private func encode32(_ value: UInt32) -> [UInt8] {
        bigEndian ? RPMTestHeader.bigEndian(value) : RPMTestHeader.littleEndian(value)
    }

    private func encode16(_ value: Int) -> [UInt8] {
        bigEndian ? RPMTestHeader.littleEndian16(value).reversed() : RPMTestHeader.littleEndian16(value)
    }

    private func pageHeader(number: UInt32, next: UInt32, entries: Int, freeOffset: Int, type: UInt8) -> [UInt8] {
        [UInt8](repeating: 0, count: 8) + encode32(number) + encode32(0) + encode32(next) + encode16(entries)
            + encode16(freeOffset) + [0, type]
    }

    /// Adds a chain of overflow pages holding `value` and returns its first page number.
    mutating func addOverflow(_ value: [UInt8]) -> UInt32 {
        let capacity = pageSize - 26
        let chunks = stride(from: 0, to: max(value.count, 1), by: capacity).map {
            Array(value[$0..<Swift.min($0 + capacity, value.count)])
        }
        let first = UInt32(pages.count + 1)
        for (index, chunk) in chunks.enumerated() {
            let number = first + UInt32(index)
            let next = index == chunks.count - 1 ? 0 : number + 1
            var page = pageHeader(number: number, next: next, entries: 1, freeOffset: chunk.count, type: 7) + chunk
            page += [UInt8](repeating: 0, count: pageSize - page.count)
            pages.append(page)
        }
        return first
    }

    /// Adds a hash page holding `items` (key, value, key, value…) and returns its page number.
    @discardableResult
    mutating func addHashPage(_ items: [Item]) -> UInt32 {
        let number = UInt32(pages.count + 1)
        var body = [UInt8](repeating: 0, count: pageSize)
        var offsets: [Int] = []
        var top = pageSize
        for item in items {
            let encoded: [UInt8] =
                switch item {
                case .inline(let data): [1] + data
                case .offPage(let firstPage, let length): [3, 0, 0, 0] + encode32(firstPage) + encode32(length)
                }
            top -= encoded.count
            body.replaceSubrange(top..<(top + encoded.count), with: encoded)
            offsets.append(top)
        }
        let header = pageHeader(number: number, next: 0, entries: items.count, freeOffset: top, type: 13)
        body.replaceSubrange(0..<26, with: header)
        for (index, offset) in offsets.enumerated() {
            body.replaceSubrange((26 + index * 2)..<(28 + index * 2), with: encode16(offset))
        }
        pages.append(body)
        return number
    }

    /// Points overflow page `page` at `next`, as a corrupt file might.
    mutating func setNextPage(of page: UInt32, to next: UInt32) {
        pages[Int(page) - 1].replaceSubrange(16..<20, with: encode32(next))
    }

    func bytes(magic: UInt32 = 0x06_1561, encryption: UInt8 = 0) -> [UInt8] {
        var metadata = [UInt8](repeating: 0, count: 8) + encode32(0) + encode32(magic) + encode32(9)
        metadata += encode32(UInt32(pageSize)) + [encryption, 8, 0, 0] + encode32(0) + encode32(UInt32(pages.count))
        metadata += [UInt8](repeating: 0, count: pageSize - metadata.count)
        return metadata + pages.flatMap { $0 }
    }

    /// A 4-byte key in the file's byte order, as rpm keys its Packages database.
    func key(_ number: UInt32) -> [UInt8] { encode32(number) }
}
