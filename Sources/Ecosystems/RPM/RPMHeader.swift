/// One installed package's header, as every rpm database format stores it.
///
/// The blob follows rpm's header layout (`lib/header.c` `headerImport`; "Package header" in rpm's
/// `docs/manual/format.md`): a big-endian entry count and data length, then that many 16-byte index
/// entries (tag, type, offset into the data store, count), then the data store. Every offset and
/// count is checked against the data store before a value is read, so a hostile blob throws
/// instead of reading out of bounds.
public struct RPMHeader: Sendable, Equatable {
    /// The package name (NAME).
    public var name: String
    /// The epoch, or `nil` when the header has none (which rpm compares as 0).
    public var epoch: Int?
    /// The upstream version (VERSION).
    public var version: String
    /// The distribution's release of that version (RELEASE).
    public var release: String
    /// The architecture (`x86_64`, `noarch`); absent only from `gpg-pubkey` pseudo-packages.
    public var architecture: String?
    /// The file name of the source RPM the package was built from (`openssl-3.0.7-24.el9.src.rpm`).
    public var sourceRPM: String?
    /// The license expression as the packager wrote it (LICENSE).
    public var license: String?
    /// The module stream the package came from (`nodejs:18:8070020230111101508:ad008a3a`).
    public var modularityLabel: String?
    /// The installed size in bytes (LONGSIZE when present, otherwise SIZE).
    public var size: Int64?
    /// Who built the package (VENDOR), such as `Red Hat, Inc.`.
    public var vendor: String?
    /// The absolute paths of the files and directories the package owns, in header order.
    public var files: [String]

    /// The most index entries rpm accepts in one header (`HEADER_TAGS_MAX`).
    public static let maximumEntryCount: UInt32 = 0xFFFF
    /// The largest data store rpm accepts in one header (`HEADER_DATA_MAX`, 256 MiB).
    public static let maximumDataLength: UInt32 = 0x0FFF_FFFF

    /// Parses a header blob as stored in an rpm database.
    /// - Throws: `RPMDatabaseError` when the blob is truncated, an entry lies outside the data store,
    ///   or NAME, VERSION or RELEASE is missing.
    public init(blob: [UInt8]) throws(RPMDatabaseError) {
        let index = try RPMHeaderIndex(blob: blob)
        guard let name = try index.strings(.name)?.first else { throw .missingTag(tag: RPMTag.name.rawValue) }
        guard let version = try index.strings(.version)?.first else {
            throw .missingTag(tag: RPMTag.version.rawValue)
        }
        guard let release = try index.strings(.release)?.first else {
            throw .missingTag(tag: RPMTag.release.rawValue)
        }
        self.name = name
        self.version = version
        self.release = release
        epoch = try index.integers(.epoch)?.first.map { Int($0) }
        architecture = try index.strings(.architecture)?.first
        sourceRPM = try index.strings(.sourceRPM)?.first
        license = try index.strings(.license)?.first
        modularityLabel = try index.strings(.modularityLabel)?.first
        if let longSize = try index.integers(.longSize)?.first {
            size = longSize
        } else {
            size = try index.integers(.size)?.first
        }
        vendor = try index.strings(.vendor)?.first
        files = try Self.files(in: index)
    }

    /// Whether this is one of the `gpg-pubkey` pseudo-packages rpm records for imported signing keys.
    public var isPublicKey: Bool { name == "gpg-pubkey" }

    /// Joins BASENAMES to DIRNAMES through DIRINDEXES, or reads OLDFILENAMES from headers older than rpm 4.
    private static func files(in index: RPMHeaderIndex) throws(RPMDatabaseError) -> [String] {
        guard let baseNames = try index.strings(.baseNames) else {
            return try index.strings(.oldFileNames) ?? []
        }
        let directoryIndexes = try index.integers(.directoryIndexes) ?? []
        let directoryNames = try index.strings(.directoryNames) ?? []
        guard baseNames.count == directoryIndexes.count else {
            throw .fileListMismatch(baseNames: baseNames.count, directoryIndexes: directoryIndexes.count)
        }
        var files: [String] = []
        files.reserveCapacity(baseNames.count)
        for (baseName, directoryIndex) in zip(baseNames, directoryIndexes) {
            guard directoryIndex >= 0, directoryIndex < Int64(directoryNames.count) else {
                throw .directoryIndexOutOfRange(index: directoryIndex, directoryCount: directoryNames.count)
            }
            files.append(directoryNames[Int(directoryIndex)] + baseName)
        }
        return files
    }
}

/// The validated index of a header blob, decoding values on demand.
struct RPMHeaderIndex: Sendable {
    struct Entry: Sendable, Equatable {
        let tag: UInt32
        let type: RPMEntryType
        /// The offset of the first value, from the start of the data store.
        let offset: Int
        let count: Int
    }

    private let bytes: RPMBytes
    private let dataStart: Int
    private let dataEnd: Int
    /// The first entry of each tag; rpm never writes a tag twice, and a hostile duplicate is ignored.
    let entries: [UInt32: Entry]

    init(blob: [UInt8]) throws(RPMDatabaseError) {
        let bytes = RPMBytes(blob)
        guard let entryCount = bytes.uint32(at: 0, .bigEndian), let dataLength = bytes.uint32(at: 4, .bigEndian) else {
            throw .headerTooShort(byteCount: blob.count)
        }
        guard entryCount <= RPMHeader.maximumEntryCount, dataLength <= RPMHeader.maximumDataLength else {
            throw .headerTooLarge(entryCount: entryCount, dataLength: dataLength)
        }
        let dataStart = 8 + Int(entryCount) * 16
        let dataEnd = dataStart + Int(dataLength)
        guard dataEnd <= blob.count else {
            throw .headerTruncated(expectedByteCount: dataEnd, actualByteCount: blob.count)
        }
        var entries: [UInt32: Entry] = [:]
        entries.reserveCapacity(Int(entryCount))
        for position in stride(from: 8, to: dataStart, by: 16) {
            guard let tag = bytes.uint32(at: position, .bigEndian),
                let rawType = bytes.uint32(at: position + 4, .bigEndian),
                let rawOffset = bytes.uint32(at: position + 8, .bigEndian),
                let rawCount = bytes.uint32(at: position + 12, .bigEndian)
            else {
                throw .headerTruncated(expectedByteCount: dataEnd, actualByteCount: blob.count)
            }
            guard let type = RPMEntryType(rawValue: rawType) else {
                throw .unknownEntryType(tag: tag, type: rawType)
            }
            let offset = Int64(Int32(bitPattern: rawOffset))
            guard offset >= 0, offset <= Int64(dataLength) else {
                throw .entryOutOfBounds(tag: tag, offset: offset, dataLength: Int(dataLength))
            }
            let available = Int(dataLength) - Int(offset)
            let count = Int(rawCount)
            // Fixed-size values must all fit; each string needs at least its NUL.
            let maximumCount = type.fixedSize.map { $0 == 0 ? Int.max : available / $0 } ?? available
            guard count <= maximumCount else {
                throw .entryCountOutOfRange(tag: tag, count: rawCount)
            }
            if entries[tag] == nil {
                entries[tag] = Entry(tag: tag, type: type, offset: Int(offset), count: count)
            }
        }
        self.bytes = bytes
        self.dataStart = dataStart
        self.dataEnd = dataEnd
        self.entries = entries
    }

    /// The strings of a STRING, STRING_ARRAY or I18NSTRING entry, or `nil` when the tag is absent.
    func strings(_ tag: RPMTag) throws(RPMDatabaseError) -> [String]? {
        guard let entry = entries[tag.rawValue] else { return nil }
        switch entry.type {
        case .string, .stringArray, .i18nString: break
        default: throw .unexpectedEntryType(tag: entry.tag, type: entry.type.rawValue)
        }
        var strings: [String] = []
        strings.reserveCapacity(entry.count)
        var position = dataStart + entry.offset
        for _ in 0..<entry.count {
            guard position < dataEnd, let terminator = bytes.storage[position..<dataEnd].firstIndex(of: 0) else {
                throw .unterminatedString(tag: entry.tag)
            }
            strings.append(String(decoding: bytes.storage[position..<terminator], as: UTF8.self))
            position = terminator + 1
        }
        return strings
    }

    /// The values of an integer entry, unsigned as rpm stores them, or `nil` when the tag is absent.
    func integers(_ tag: RPMTag) throws(RPMDatabaseError) -> [Int64]? {
        guard let entry = entries[tag.rawValue] else { return nil }
        let size: Int
        switch entry.type {
        case .char, .int8: size = 1
        case .int16: size = 2
        case .int32: size = 4
        case .int64: size = 8
        default: throw .unexpectedEntryType(tag: entry.tag, type: entry.type.rawValue)
        }
        var values: [Int64] = []
        values.reserveCapacity(entry.count)
        let start = dataStart + entry.offset
        for index in 0..<entry.count {
            let position = start + index * size
            let value: Int64?
            switch size {
            case 1: value = bytes.uint8(at: position).map { Int64($0) }
            case 2: value = bytes.uint16(at: position, .bigEndian).map { Int64($0) }
            case 4: value = bytes.uint32(at: position, .bigEndian).map { Int64($0) }
            default: value = bytes.uint64(at: position, .bigEndian).map { Int64(bitPattern: $0) }
            }
            // The index check guarantees the read; a nil here would mean that check is wrong.
            guard let value, position + size <= dataEnd else {
                throw .entryCountOutOfRange(tag: entry.tag, count: UInt32(entry.count))
            }
            values.append(value)
        }
        return values
    }
}
