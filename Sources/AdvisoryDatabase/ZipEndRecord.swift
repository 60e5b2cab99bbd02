import Foundation

/// Reads the entry count a zip archive's end of central directory record declares, to check that every entry of the
/// central directory was read.
///
/// Follows PKWARE's APPNOTE.TXT 6.3: 4.3.16 (end of central directory record), 4.3.15 (ZIP64 locator) and 4.3.14
/// (ZIP64 end of central directory record).
enum ZipEndRecord {
    /// The total number of entries, or `nil` when no end record can be found.
    static func declaredEntryCount(ofArchiveAt path: String) -> UInt64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size >= 22 else { return nil }
        let tailLength = min(size, 22 + 65_535)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
            let tailData = try? handle.read(upToCount: Int(tailLength))
        else { return nil }
        let tail = [UInt8](tailData)
        var index = tail.count - 22
        while index >= 0 {
            if uint32(tail, index) == 0x0605_4B50, index + 22 + Int(uint16(tail, index + 20)) == tail.count { break }
            index -= 1
        }
        guard index >= 0 else { return nil }
        let count = UInt64(uint16(tail, index + 10))
        guard count == 0xFFFF else { return count }
        // ZIP64: the locator just before the record gives the offset of the ZIP64 record, which holds the count.
        guard index >= 20, uint32(tail, index - 20) == 0x0706_4B50 else { return nil }
        let recordOffset = uint64(tail, index - 12)
        guard (try? handle.seek(toOffset: recordOffset)) != nil, let record = try? handle.read(upToCount: 56),
            record.count == 56, uint32([UInt8](record), 0) == 0x0606_4B50
        else { return nil }
        return uint64([UInt8](record), 32)
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(uint16(bytes, offset)) | UInt32(uint16(bytes, offset + 2)) << 16
    }

    private static func uint64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(uint32(bytes, offset)) | UInt64(uint32(bytes, offset + 4)) << 32
    }
}
