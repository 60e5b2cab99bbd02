/// Reads the key–value records of a Berkeley DB hash database straight from its pages.
///
/// Follows the page layouts of Berkeley DB 4–5 (`src/dbinc/db_page.h`): page 0 is the hash metadata
/// page; hash pages (types 2 and 13) hold an item table of offsets after a 26-byte page header, read
/// as key–value pairs; an item is inline data (`H_KEYDATA`) or a reference to a chain of overflow
/// pages (`H_OFFPAGE`). Pages are walked in file order, as rpm's own `bdb_ro` reader does, without
/// the hash function. Every page number is bounds-checked and every overflow page may be read once
/// only, so a cycle or a shared chain cannot make the walk loop or grow without bound.
struct BerkeleyDBHashFile {
    /// What the Berkeley DB metadata page says the file is.
    enum AccessMethod: Equatable {
        case hash
        /// A btree, queue, recno or heap database, identified by its magic number.
        case other(magic: UInt32)
    }

    struct Record: Sendable, Equatable {
        let key: [UInt8]
        let value: [UInt8]
    }

    struct Problem: Sendable, Equatable {
        let page: UInt32?
        let error: RPMDatabaseError
    }

    static let hashMagic: UInt32 = 0x06_1561
    private static let otherMagics: Set<UInt32> = [0x05_3162, 0x04_2253, 0x07_4582]

    private enum PageType {
        static let hashUnsorted: UInt8 = 2
        static let overflow: UInt8 = 7
        static let hashMetadata: UInt8 = 8
        static let hash: UInt8 = 13
    }

    private enum ItemKind {
        static let keyData: UInt8 = 1
        static let offPage: UInt8 = 3
    }

    private static let pageHeaderSize = 26

    /// The byte order of the page headers, set by the machine that created the file.
    let byteOrder: RPMByteOrder
    private(set) var records: [Record] = []
    private(set) var problems: [Problem] = []

    private let bytes: RPMBytes
    private let pageSize: Int
    private let pageCount: Int
    /// Overflow pages already read; a second visit is a cycle or a chain shared by two records.
    private var claimedPages: [Bool]

    /// Tells a Berkeley DB file by the magic number of its metadata page, in either byte order.
    static func accessMethod(of bytes: RPMBytes) -> AccessMethod? {
        for order in [RPMByteOrder.littleEndian, .bigEndian] {
            guard let magic = bytes.uint32(at: 12, order) else { return nil }
            if magic == hashMagic { return .hash }
            if otherMagics.contains(magic) { return .other(magic: magic) }
        }
        return nil
    }

    /// Reads every record of the hash database in `contents`.
    /// - Throws: `RPMDatabaseError` when the metadata page makes the file unreadable as a whole;
    ///   damaged records are collected in `problems` instead.
    init(_ contents: [UInt8]) throws(RPMDatabaseError) {
        let bytes = RPMBytes(contents)
        switch Self.accessMethod(of: bytes) {
        case .hash: break
        case .other(let magic): throw .berkeleyDBNotHash(magic: magic)
        case nil: throw .unrecognizedFormat(leadingBytes: bytes.leadingHex())
        }
        let byteOrder: RPMByteOrder = bytes.uint32(at: 12, .littleEndian) == Self.hashMagic ? .littleEndian : .bigEndian
        guard let pageSize = bytes.uint32(at: 20, byteOrder), pageSize >= 512, pageSize <= 65_536,
            pageSize & (pageSize - 1) == 0
        else {
            throw .berkeleyDBInvalidPageSize(bytes.uint32(at: 20, byteOrder) ?? 0)
        }
        guard bytes.uint8(at: 24) == 0 else { throw .berkeleyDBEncrypted }
        guard let metadataType = bytes.uint8(at: 25), metadataType == PageType.hashMetadata else {
            throw .berkeleyDBUnexpectedPageType(page: 0, type: bytes.uint8(at: 25) ?? 0)
        }
        let lastPage = Int(bytes.uint32(at: 32, byteOrder) ?? 0)
        let presentPages = contents.count / Int(pageSize)
        self.byteOrder = byteOrder
        self.bytes = bytes
        self.pageSize = Int(pageSize)
        self.pageCount = min(lastPage + 1, presentPages)
        self.claimedPages = Array(repeating: false, count: pageCount)
        if lastPage + 1 > presentPages {
            problems.append(
                Problem(
                    page: nil,
                    error: .berkeleyDBTruncated(declaredPageCount: lastPage + 1, presentPageCount: presentPages))
            )
        }
        for page in 1..<max(pageCount, 1) {
            readHashPage(UInt32(page))
        }
    }

    private mutating func readHashPage(_ page: UInt32) {
        let base = Int(page) * pageSize
        guard let type = bytes.uint8(at: base + 25), type == PageType.hash || type == PageType.hashUnsorted,
            let entryCount = bytes.uint16(at: base + 20, byteOrder).map(Int.init)
        else { return }
        let itemTableEnd = Self.pageHeaderSize + entryCount * 2
        guard itemTableEnd <= pageSize else {
            problems.append(Problem(page: page, error: .berkeleyDBItemOutOfBounds(page: page, item: entryCount - 1)))
            return
        }
        for keyIndex in stride(from: 0, to: entryCount - 1, by: 2) {
            do throws(RPMDatabaseError) {
                let key = try item(keyIndex, onPage: page, itemTableEnd: itemTableEnd)
                let value = try item(keyIndex + 1, onPage: page, itemTableEnd: itemTableEnd)
                records.append(Record(key: key, value: value))
            } catch {
                problems.append(Problem(page: page, error: error))
            }
        }
    }

    /// The bytes of item `index` on a hash page, following an overflow chain when the item is one.
    private mutating func item(_ index: Int, onPage page: UInt32, itemTableEnd: Int) throws(RPMDatabaseError) -> [UInt8]
    {
        let base = Int(page) * pageSize
        let tableBase = base + Self.pageHeaderSize
        guard let offset = bytes.uint16(at: tableBase + index * 2, byteOrder).map(Int.init),
            let end = index == 0 ? pageSize : bytes.uint16(at: tableBase + (index - 1) * 2, byteOrder).map(Int.init),
            offset >= itemTableEnd, offset < end, end <= pageSize, let kind = bytes.uint8(at: base + offset)
        else {
            throw .berkeleyDBItemOutOfBounds(page: page, item: index)
        }
        switch kind {
        case ItemKind.keyData:
            return Array(bytes.storage[(base + offset + 1)..<(base + end)])
        case ItemKind.offPage:
            guard end - offset >= 12, let first = bytes.uint32(at: base + offset + 4, byteOrder),
                let length = bytes.uint32(at: base + offset + 8, byteOrder)
            else {
                throw .berkeleyDBItemOutOfBounds(page: page, item: index)
            }
            return try overflowValue(startingAt: first, length: Int(length))
        default:
            throw .berkeleyDBUnsupportedItem(page: page, item: index, kind: kind)
        }
    }

    /// Concatenates a chain of overflow pages; each page's `hf_offset` field holds its byte count.
    private mutating func overflowValue(startingAt first: UInt32, length: Int) throws(RPMDatabaseError) -> [UInt8] {
        var value: [UInt8] = []
        value.reserveCapacity(min(length, bytes.count))
        var page = first
        repeat {
            guard page != 0, Int(page) < pageCount else {
                throw .berkeleyDBPageOutOfRange(page: page, pageCount: pageCount)
            }
            guard !claimedPages[Int(page)] else { throw .berkeleyDBOverflowCycle(page: page) }
            claimedPages[Int(page)] = true
            let base = Int(page) * pageSize
            guard let type = bytes.uint8(at: base + 25), type == PageType.overflow else {
                throw .berkeleyDBUnexpectedPageType(page: page, type: bytes.uint8(at: base + 25) ?? 0)
            }
            let onPage = Int(bytes.uint16(at: base + 22, byteOrder) ?? 0)
            guard onPage <= pageSize - Self.pageHeaderSize, value.count + onPage <= length,
                let data = bytes.slice(at: base + Self.pageHeaderSize, length: onPage)
            else {
                throw .berkeleyDBOverflowLengthMismatch(page: first, expected: length, actual: value.count + onPage)
            }
            value.append(contentsOf: data)
            page = bytes.uint32(at: base + 16, byteOrder) ?? 0
        } while page != 0
        guard value.count == length else {
            throw .berkeleyDBOverflowLengthMismatch(page: first, expected: length, actual: value.count)
        }
        return value
    }
}

/// Reads rpm's `Packages` Berkeley DB (rpm < 4.16): keys are header numbers in the creating machine's
/// byte order, values are header blobs, and key 0 holds rpm's next header number, not a package.
enum RPMBerkeleyDatabase {
    static func contents(of bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseContents {
        let file = try BerkeleyDBHashFile(bytes)
        var contents = RPMDatabaseContents()
        for record in file.records {
            let number = record.key.count == 4 ? RPMBytes(record.key).uint32(at: 0, file.byteOrder) ?? 0 : 0
            if number == 0 && record.key.count == 4 { continue }
            contents.blobs.append(RPMHeaderBlob(number: number, bytes: record.value))
        }
        contents.problems = file.problems.map { RPMDatabaseContents.Problem(number: nil, error: $0.error) }
        return contents
    }
}
