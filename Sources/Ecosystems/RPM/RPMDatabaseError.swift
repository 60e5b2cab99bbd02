/// Why an RPM package database, or one package header in it, could not be read.
public enum RPMDatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no bytes at all.
    case emptyFile
    /// The file is none of the three database formats rpm writes.
    case unrecognizedFormat(leadingBytes: String)

    /// A header blob is shorter than its 8-byte preamble.
    case headerTooShort(byteCount: Int)
    /// A header declares more entries or data than rpm ever writes.
    case headerTooLarge(entryCount: UInt32, dataLength: UInt32)
    /// A header's preamble promises more bytes than the blob holds.
    case headerTruncated(expectedByteCount: Int, actualByteCount: Int)
    /// An index entry has a type rpm does not define.
    case unknownEntryType(tag: UInt32, type: UInt32)
    /// An index entry starts outside the header's data store.
    case entryOutOfBounds(tag: UInt32, offset: Int64, dataLength: Int)
    /// An index entry's count does not fit in the data store after its offset.
    case entryCountOutOfRange(tag: UInt32, count: UInt32)
    /// A tag holds a type that cannot carry its value (a NAME stored as an integer).
    case unexpectedEntryType(tag: UInt32, type: UInt32)
    /// A string runs to the end of the data store without its terminating NUL.
    case unterminatedString(tag: UInt32)
    /// A tag every package header has is absent.
    case missingTag(tag: UInt32)
    /// BASENAMES and DIRINDEXES have different lengths.
    case fileListMismatch(baseNames: Int, directoryIndexes: Int)
    /// A DIRINDEXES value names a directory DIRNAMES does not have.
    case directoryIndexOutOfRange(index: Int64, directoryCount: Int)

    /// SQLite refused the database or a query on it.
    case sqlite(operation: String, message: String)
    /// The SQLite database has no `Packages` table.
    case sqlitePackagesTableMissing
    /// A `Packages` row holds no blob.
    case sqliteRowWithoutBlob(headerNumber: Int64)

    /// The Berkeley DB file is a btree, queue or recno database, not a hash.
    case berkeleyDBNotHash(magic: UInt32)
    /// The Berkeley DB file is encrypted.
    case berkeleyDBEncrypted
    /// The Berkeley DB metadata page declares a page size Berkeley DB never uses.
    case berkeleyDBInvalidPageSize(UInt32)
    /// The Berkeley DB file ends before the last page its metadata declares.
    case berkeleyDBTruncated(declaredPageCount: Int, presentPageCount: Int)
    /// A hash page's item table does not fit in its page.
    case berkeleyDBItemOutOfBounds(page: UInt32, item: Int)
    /// A hash item has a kind rpm's databases never hold (duplicates).
    case berkeleyDBUnsupportedItem(page: UInt32, item: Int, kind: UInt8)
    /// A page number points past the end of the file.
    case berkeleyDBPageOutOfRange(page: UInt32, pageCount: Int)
    /// A chain that should reach only overflow pages reached a page of another type.
    case berkeleyDBUnexpectedPageType(page: UInt32, type: UInt8)
    /// An overflow chain comes back to a page already read.
    case berkeleyDBOverflowCycle(page: UInt32)
    /// An overflow chain holds fewer or more bytes than its item says.
    case berkeleyDBOverflowLengthMismatch(page: UInt32, expected: Int, actual: Int)

    /// The NDB file has a version this reader does not know.
    case ndbUnsupportedVersion(UInt32)
    /// The NDB file ends inside its slot pages.
    case ndbTruncated(expectedByteCount: Int, actualByteCount: Int)
    /// A slot lacks its magic, so the slot table is corrupt.
    case ndbBadSlot(slot: Int)
    /// A slot points to blocks past the end of the file.
    case ndbBlobOutOfBounds(package: UInt32)
    /// A package blob's head or tail does not match its slot.
    case ndbBadBlob(package: UInt32, reason: String)

    public var description: String {
        switch self {
        case .emptyFile:
            "The RPM database file is empty; the image may have removed rpm's database. Nothing can be read from it."
        case .unrecognizedFormat(let leadingBytes):
            "The file is not an RPM database in any format rpm writes (SQLite rpmdb.sqlite, Berkeley DB hash "
                + "Packages, NDB Packages.db); it starts with bytes \(leadingBytes). "
                + "Check that the path holds rpm's database."
        case .headerTooShort(let byteCount):
            "An RPM header is \(byteCount) bytes long, shorter than its 8-byte preamble; "
                + "the database record is truncated."
        case .headerTooLarge(let entryCount, let dataLength):
            "An RPM header declares \(entryCount) entries and \(dataLength) data bytes, more than rpm allows "
                + "(65535 entries, 256 MiB); the record is corrupt."
        case .headerTruncated(let expected, let actual):
            "An RPM header needs \(expected) bytes but its record holds \(actual); the record is truncated."
        case .unknownEntryType(let tag, let type):
            "RPM header tag \(RPMTag.displayName(tag)) has unknown type \(type); the record is corrupt."
        case .entryOutOfBounds(let tag, let offset, let dataLength):
            "RPM header tag \(RPMTag.displayName(tag)) points to offset \(offset), "
                + "outside its \(dataLength)-byte data store; the record is corrupt."
        case .entryCountOutOfRange(let tag, let count):
            "RPM header tag \(RPMTag.displayName(tag)) claims \(count) values, more than its data store holds; "
                + "the record is corrupt."
        case .unexpectedEntryType(let tag, let type):
            "RPM header tag \(RPMTag.displayName(tag)) is stored with type \(type), which cannot hold its value; "
                + "the record is corrupt."
        case .unterminatedString(let tag):
            "RPM header tag \(RPMTag.displayName(tag)) holds a string without its closing NUL; the record is truncated."
        case .missingTag(let tag):
            "An RPM header has no \(RPMTag.displayName(tag)) tag, which every installed package has; "
                + "the record is corrupt."
        case .fileListMismatch(let baseNames, let directoryIndexes):
            "An RPM header lists \(baseNames) file names but \(directoryIndexes) directory indexes; "
                + "its file list is corrupt."
        case .directoryIndexOutOfRange(let index, let directoryCount):
            "An RPM header's file list refers to directory \(index) of \(directoryCount); its file list is corrupt."
        case .sqlite(let operation, let message):
            "SQLite could not \(operation) the RPM database: \(message). The file may be truncated or corrupt."
        case .sqlitePackagesTableMissing:
            "The SQLite file has no Packages table, so it is not rpm's rpmdb.sqlite."
        case .sqliteRowWithoutBlob(let headerNumber):
            "Row \(headerNumber) of the rpmdb.sqlite Packages table holds no header blob."
        case .berkeleyDBNotHash(let magic):
            "The Berkeley DB file is not a hash database (magic 0x\(String(magic, radix: 16))); "
                + "rpm's Packages is always a hash."
        case .berkeleyDBEncrypted:
            "The Berkeley DB file is encrypted; rpm never encrypts its Packages database, so it cannot be read."
        case .berkeleyDBInvalidPageSize(let size):
            "The Berkeley DB metadata declares a page size of \(size) bytes, not a power of two from 512 to 65536; "
                + "the file is corrupt."
        case .berkeleyDBTruncated(let declared, let present):
            "The Berkeley DB file declares \(declared) pages but holds \(present); it was truncated. "
                + "Later pages were not read."
        case .berkeleyDBItemOutOfBounds(let page, let item):
            "Item \(item) of Berkeley DB page \(page) lies outside its page; the page is corrupt."
        case .berkeleyDBUnsupportedItem(let page, let item, let kind):
            "Item \(item) of Berkeley DB page \(page) has kind \(kind) (duplicates), which rpm's Packages never holds."
        case .berkeleyDBPageOutOfRange(let page, let pageCount):
            "A Berkeley DB record refers to page \(page), but the file has \(pageCount) pages; the record is corrupt."
        case .berkeleyDBUnexpectedPageType(let page, let type):
            "Berkeley DB page \(page) has type \(type) where an overflow page belongs; the record is corrupt."
        case .berkeleyDBOverflowCycle(let page):
            "A Berkeley DB overflow chain returns to page \(page), which it or another record already used; "
                + "the record is corrupt."
        case .berkeleyDBOverflowLengthMismatch(let page, let expected, let actual):
            "The Berkeley DB overflow chain starting at page \(page) holds \(actual) bytes, not \(expected); "
                + "the record is corrupt."
        case .ndbUnsupportedVersion(let version):
            "The NDB Packages.db has version \(version); only version 0 (rpm 4.16 and later) is known."
        case .ndbTruncated(let expected, let actual):
            "The NDB Packages.db needs \(expected) bytes for its slot pages but holds \(actual); it was truncated."
        case .ndbBadSlot(let slot):
            "Slot \(slot) of the NDB Packages.db lacks its magic, so its slot table is corrupt."
        case .ndbBlobOutOfBounds(let package):
            "The NDB slot of package \(package) points past the end of Packages.db; the file was truncated."
        case .ndbBadBlob(let package, let reason):
            "The NDB blob of package \(package) is corrupt: \(reason)."
        }
    }
}
