import SystemZlib

/// A zip archive held in memory (a jar, a war, a wheel), read from its central directory with every offset and size
/// checked against the bytes (PKWARE APPNOTE.TXT 6.3.10: 4.3.7 local file header, 4.3.12 central directory header,
/// 4.3.14–4.3.16 end records, 4.5.3 ZIP64 extra field).
///
/// Written for hostile input: ZIPFoundation's in-memory archives crash when an offset points past the end of the
/// bytes, which a damaged jar can make them do, so jars are read with this reader instead. Nothing is copied until an
/// entry's contents are asked for, and then only up to a caller's limit.
struct ZipArchive {
    /// One file or folder of the archive, as its central directory header describes it.
    struct Entry: Equatable {
        /// The name as stored: a path with `/` separators, decoded as UTF-8 (invalid sequences replaced).
        var path: String
        /// 0 (stored) or 8 (deflated); other methods are not read.
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64

        /// Whether the entry is a folder (its name ends in `/`).
        var isDirectory: Bool { path.hasSuffix("/") }
        /// Whether the entry is encrypted (general purpose flag bit 0).
        var isEncrypted: Bool { flags & 1 != 0 }
    }

    /// Why an archive or an entry could not be read.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// No end of central directory record, or a central directory outside the bytes.
        case notAZipArchive
        /// A header points outside the archive or does not have its signature.
        case damagedEntry(String)
        /// A compression method other than stored or deflated, or encryption.
        case unsupported(String)
        /// The entry inflates to more than the caller's limit.
        case tooLarge(limit: Int)
        /// The inflated bytes do not have the CRC-32 the central directory records.
        case checksumMismatch

        var description: String {
            switch self {
            case .notAZipArchive: "not a zip archive (no central directory: truncated or not an archive)"
            case .damagedEntry(let reason): "damaged entry (\(reason))"
            case .unsupported(let reason): "unsupported entry (\(reason))"
            case .tooLarge(let limit): "inflates to more than \(limit) bytes"
            case .checksumMismatch: "the inflated bytes fail their CRC-32 check"
            }
        }
    }

    /// The central directory declares at most this many entries before the archive is taken for damaged.
    static let maximumEntryCount = 1 << 20

    let bytes: [UInt8]
    /// The entries in central-directory order.
    let entries: [Entry]

    /// Reads the central directory of `bytes`.
    ///
    /// - Throws: `Failure.notAZipArchive` when there is no readable end record or central directory.
    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endRecord(in: bytes)
        var entries: [Entry] = []
        entries.reserveCapacity(min(end.count, 4096))
        var offset = end.directoryOffset
        for _ in 0..<end.count {
            guard let entry = Self.centralHeader(in: bytes, at: &offset) else { break }
            entries.append(entry)
        }
        self.entries = entries
    }

    /// The location of the central directory and its entry count, from the end record (ZIP64 when it says so).
    private static func endRecord(in bytes: [UInt8]) throws(Failure) -> (directoryOffset: Int, count: Int) {
        guard bytes.count >= 22 else { throw .notAZipArchive }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest, read32(bytes, index) != 0x0605_4B50 { index -= 1 }
        guard index >= lowest else { throw .notAZipArchive }
        var count = UInt64(read16(bytes, index + 10))
        var directoryOffset = UInt64(read32(bytes, index + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF, index >= 20, read32(bytes, index - 20) == 0x0706_4B50 {
            let recordOffset = read64(bytes, index - 12)
            guard bytes.count >= 56, recordOffset <= UInt64(bytes.count - 56),
                read32(bytes, Int(recordOffset)) == 0x0606_4B50
            else {
                throw .notAZipArchive
            }
            count = read64(bytes, Int(recordOffset) + 32)
            directoryOffset = read64(bytes, Int(recordOffset) + 48)
        }
        guard directoryOffset <= UInt64(bytes.count), count <= UInt64(maximumEntryCount) else {
            throw .notAZipArchive
        }
        return (Int(directoryOffset), Int(count))
    }

    /// The central directory header at `offset`, advancing past it; `nil` when it is damaged or outside the bytes.
    private static func centralHeader(in bytes: [UInt8], at offset: inout Int) -> Entry? {
        guard offset <= bytes.count - 46, read32(bytes, offset) == 0x0201_4B50 else { return nil }
        let nameLength = Int(read16(bytes, offset + 28))
        let extraLength = Int(read16(bytes, offset + 30))
        let commentLength = Int(read16(bytes, offset + 32))
        let nameStart = offset + 46
        let next = nameStart + nameLength + extraLength + commentLength
        guard next <= bytes.count else { return nil }
        var entry = Entry(
            path: String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self),
            method: read16(bytes, offset + 10), flags: read16(bytes, offset + 8), crc32: read32(bytes, offset + 16),
            compressedSize: UInt64(read32(bytes, offset + 20)), uncompressedSize: UInt64(read32(bytes, offset + 24)),
            localHeaderOffset: UInt64(read32(bytes, offset + 42)))
        applyZIP64(bytes[(nameStart + nameLength)..<(nameStart + nameLength + extraLength)], to: &entry)
        offset = next
        return entry
    }

    /// Replaces the sizes and offset that are `0xFFFFFFFF` with the ZIP64 extra field's values, in its order.
    private static func applyZIP64(_ extra: ArraySlice<UInt8>, to entry: inout Entry) {
        var index = extra.startIndex
        while index + 4 <= extra.endIndex {
            let id = UInt16(extra[index]) | UInt16(extra[index + 1]) << 8
            let size = Int(UInt16(extra[index + 2]) | UInt16(extra[index + 3]) << 8)
            let data = index + 4
            guard data + size <= extra.endIndex else { return }
            if id == 0x0001 {
                var field = data
                func next() -> UInt64? {
                    guard field + 8 <= data + size else { return nil }
                    defer { field += 8 }
                    return (0..<8).reduce(UInt64(0)) { $0 | UInt64(extra[field + $1]) << (8 * UInt64($1)) }
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let value = next() { entry.uncompressedSize = value }
                if entry.compressedSize == 0xFFFF_FFFF, let value = next() { entry.compressedSize = value }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let value = next() { entry.localHeaderOffset = value }
                return
            }
            index = data + size
        }
    }

    /// The contents of `entry`, inflated and checked against its CRC-32, at most `limit` bytes.
    ///
    /// - Throws: `Failure.tooLarge` when the entry holds more than `limit` bytes (a zip bomb stops there),
    ///   `Failure.damagedEntry`, `.unsupported` or `.checksumMismatch` when it cannot be read.
    func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        guard !entry.isEncrypted else { throw .unsupported("encrypted") }
        guard entry.localHeaderOffset <= UInt64(bytes.count), bytes.count >= 30,
            Int(entry.localHeaderOffset) <= bytes.count - 30
        else { throw .damagedEntry("its local header is outside the archive") }
        let header = Int(entry.localHeaderOffset)
        guard Self.read32(bytes, header) == 0x0403_4B50 else { throw .damagedEntry("no local header signature") }
        let dataStart = header + 30 + Int(Self.read16(bytes, header + 26)) + Int(Self.read16(bytes, header + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= UInt64(bytes.count - dataStart) else {
            throw .damagedEntry("its data runs past the end of the archive")
        }
        let data = bytes[dataStart..<(dataStart + Int(entry.compressedSize))]
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard data.count <= limit else { throw .tooLarge(limit: limit) }
            output = Array(data)
        case 8:
            do throws(BoundedInflater.Failure) {
                output = try BoundedInflater.inflate(data, limit: limit, format: .raw)
            } catch {
                switch error {
                case .tooLarge(let limit): throw .tooLarge(limit: limit)
                case .corrupt(let reason): throw .damagedEntry(reason)
                }
            }
        default:
            throw .unsupported("compression method \(entry.method)")
        }
        let checksum = output.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
        guard checksum == entry.crc32 else { throw .checksumMismatch }
        return output
    }

    private static func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(read16(bytes, offset)) | UInt32(read16(bytes, offset + 2)) << 16
    }

    private static func read64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(read32(bytes, offset)) | UInt64(read32(bytes, offset + 4)) << 32
    }
}
