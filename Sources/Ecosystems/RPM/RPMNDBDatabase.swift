/// Reads `Packages.db`, the package blob store of rpm's NDB backend (rpm ≥ 4.16, `lib/backend/ndb/rpmpkg.c`).
///
/// All integers are little-endian. A 32-byte header (`RpmP`, version 0, generation, slot page count,
/// next package index) shares the first 4 KiB slot page with the slots; each 16-byte slot (`Slot`,
/// package index, block offset, block count) locates a blob in 16-byte blocks. A blob is a 16-byte
/// head (`BlbS`, package index, timestamp, length), the header blob, padding, and a 12-byte tail
/// (Adler-32, length, `BlbE`). Like rpm when it reads a package, this reader checks the head and
/// tail but not the checksum.
enum RPMNDBDatabase {
    /// `RpmP`, the first four bytes of every NDB package database.
    static let magic: [UInt8] = Array("RpmP".utf8)

    private static let slotMagic: [UInt8] = Array("Slot".utf8)
    private static let blobHeadMagic: [UInt8] = Array("BlbS".utf8)
    private static let blobTailMagic: [UInt8] = Array("BlbE".utf8)
    private static let pageSize = 4096
    private static let slotSize = 16
    private static let blockSize = 16
    private static let headerSize = 32
    private static let blobHeadSize = 16
    private static let blobTailSize = 12

    static func contents(of contents: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseContents {
        let bytes = RPMBytes(contents)
        guard bytes.matches(magic, at: 0), let version = bytes.uint32(at: 4, .littleEndian),
            let slotPageCount = bytes.uint32(at: 12, .littleEndian)
        else {
            throw .ndbTruncated(expectedByteCount: headerSize, actualByteCount: contents.count)
        }
        guard version == 0 else { throw .ndbUnsupportedVersion(version) }
        // The slot pages must be in the file, which bounds how many slots a hostile count can ask for.
        let slotBytes = Int(slotPageCount) * pageSize
        guard slotPageCount > 0, slotBytes <= contents.count else {
            throw .ndbTruncated(expectedByteCount: max(slotBytes, pageSize), actualByteCount: contents.count)
        }
        var result = RPMDatabaseContents()
        for slotOffset in stride(from: headerSize, to: slotBytes, by: slotSize) {
            guard bytes.matches(slotMagic, at: slotOffset) else {
                throw .ndbBadSlot(slot: slotOffset / slotSize)
            }
            guard let package = bytes.uint32(at: slotOffset + 4, .littleEndian),
                let blockOffset = bytes.uint32(at: slotOffset + 8, .littleEndian),
                let blockCount = bytes.uint32(at: slotOffset + 12, .littleEndian)
            else {
                throw .ndbBadSlot(slot: slotOffset / slotSize)
            }
            guard blockOffset != 0 else { continue }  // A free slot.
            do throws(RPMDatabaseError) {
                guard Int(blockOffset) * blockSize >= slotBytes else {
                    throw .ndbBadBlob(package: package, reason: "its slot points inside the slot pages")
                }
                let blob = try self.blob(
                    of: package, at: Int(blockOffset) * blockSize, length: Int(blockCount) * blockSize, in: bytes)
                result.blobs.append(RPMHeaderBlob(number: package, bytes: blob))
            } catch {
                result.problems.append(.init(number: package, error: error))
            }
        }
        return result
    }

    private static func blob(of package: UInt32, at start: Int, length: Int, in bytes: RPMBytes)
        throws(RPMDatabaseError)
        -> [UInt8]
    {
        guard length >= blobHeadSize + blobTailSize, bytes.contains(offset: start, length: length) else {
            throw .ndbBlobOutOfBounds(package: package)
        }
        guard bytes.matches(blobHeadMagic, at: start) else {
            throw .ndbBadBlob(package: package, reason: "its head lacks the BlbS magic")
        }
        guard bytes.uint32(at: start + 4, .littleEndian) == package else {
            throw .ndbBadBlob(package: package, reason: "its head names another package")
        }
        let blobLength = Int(bytes.uint32(at: start + 12, .littleEndian) ?? 0)
        let blocksNeeded = (blobHeadSize + blobLength + blobTailSize + blockSize - 1) / blockSize
        guard blocksNeeded * blockSize == length else {
            throw .ndbBadBlob(
                package: package, reason: "its length \(blobLength) does not fill its \(length / blockSize) blocks")
        }
        let tail = start + length - blobTailSize
        guard bytes.uint32(at: tail + 4, .littleEndian).map(Int.init) == blobLength,
            bytes.matches(blobTailMagic, at: tail + 8)
        else {
            throw .ndbBadBlob(package: package, reason: "its tail does not match its head")
        }
        return Array(bytes.storage[(start + blobHeadSize)..<(start + blobHeadSize + blobLength)])
    }
}
