import Foundation
import ZIPFoundation

/// Reads the bytes of OSV records from a JSON file, a folder of them (recursively, `*.json`) or a zip archive,
/// one record at a time and within a size bound.
struct OSVInputReader {
    var maximumRecordSize: Int

    /// What one input holds.
    enum Kind: Equatable {
        case file, folder, zipArchive
    }

    /// Says whether `path` is a folder, a zip archive (by name or by its `PK` signature) or a JSON file.
    static func kind(of path: String) throws -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AdvisoryDatabaseError.inputNotFound(path: path)
        }
        if isDirectory.boolValue { return .folder }
        if path.lowercased().hasSuffix(".zip") { return .zipArchive }
        if path.lowercased().hasSuffix(".json") { return .file }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .file }
        defer { try? handle.close() }
        let signature = (try? handle.read(upToCount: 4)) ?? Data()
        return signature == Data([0x50, 0x4B, 0x03, 0x04]) || signature == Data([0x50, 0x4B, 0x05, 0x06])
            ? .zipArchive : .file
    }

    /// One thing read from an input.
    enum Item {
        /// A record's location and bytes.
        case record(location: String, bytes: Data)
        /// A record that could not be read.
        case problem(ImportProblem)
    }

    /// Calls `body` with each record of `path` and each record that cannot be read, in order.
    ///
    /// - Throws: `AdvisoryDatabaseError` when the input is missing, an archive is unreadable or hostile; and what
    ///   `body` throws.
    func read(_ path: String, _ body: (Item) throws -> Void) throws {
        switch try Self.kind(of: path) {
        case .folder:
            for file in try Self.jsonFiles(under: path) {
                try readFile(file, body)
            }
        case .zipArchive:
            try readArchive(path, body)
        case .file:
            try readFile(path, body)
        }
    }

    /// The `*.json` regular files under `folder`, sorted, hidden files skipped.
    static func jsonFiles(under folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { throw AdvisoryDatabaseError.unreadableInput(path: folder, reason: "cannot list the folder") }
        var files: [String] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "json" {
            guard (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true else { continue }
            files.append(url.path)
        }
        return files.sorted()
    }

    private func readFile(_ path: String, _ body: (Item) throws -> Void) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumRecordSize {
            try body(.problem(ImportProblem(location: path, reason: Self.oversized(size, limit: maximumRecordSize))))
            return
        }
        let data: Data
        do {
            data = try Self.readBounded(path, limit: maximumRecordSize)
        } catch let error as RecordTooLarge {
            try body(
                .problem(ImportProblem(location: path, reason: Self.oversized(error.size, limit: maximumRecordSize))))
            return
        } catch {
            try body(.problem(ImportProblem(location: path, reason: "cannot be read (\(error.localizedDescription))")))
            return
        }
        try body(.record(location: path, bytes: data))
    }

    /// Reads a file, stopping as soon as it grows past `limit` (a pipe or a file still being written).
    private static func readBounded(_ path: String, limit: Int) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AdvisoryDatabaseError.unreadableInput(path: path, reason: "cannot open it")
        }
        defer { try? handle.close() }
        var data = Data()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            data.append(chunk)
            if data.count > limit { throw RecordTooLarge(size: data.count) }
        }
        return data
    }

    /// Streams the archive's entries one at a time with ZIPFoundation, each bounded as it inflates.
    private func readArchive(_ path: String, _ body: (Item) throws -> Void) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw AdvisoryDatabaseError.unreadableArchive(path: path, reason: Self.describe(error))
        }
        var entriesRead: UInt64 = 0
        for entry in archive {
            entriesRead += 1
            let name = entry.path
            guard Self.isContained(name) else {
                throw AdvisoryDatabaseError.unsafeArchiveEntry(archive: path, entry: name)
            }
            let location = "\(path):\(name)"
            switch entry.type {
            case .directory: continue
            case .symlink:
                try body(.problem(ImportProblem(location: location, reason: "a symbolic link, not a record")))
                continue
            case .file: break
            }
            guard name.lowercased().hasSuffix(".json") else { continue }
            guard entry.uncompressedSize <= UInt64(maximumRecordSize) else {
                let size = Int(clamping: entry.uncompressedSize)
                try body(
                    .problem(ImportProblem(location: location, reason: Self.oversized(size, limit: maximumRecordSize))))
                continue
            }
            let recordedSize = Int(entry.uncompressedSize)
            var data = Data(capacity: recordedSize)
            do {
                // The recorded size may lie: the bytes are counted as they inflate, and the recorded size was
                // checked against the limit. The extract call computes the CRC-32 but leaves comparing it to us.
                let checksum = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                    guard data.count + chunk.count <= recordedSize else { throw LargerThanRecorded() }
                    data.append(chunk)
                }
                guard checksum == entry.checksum, data.count == recordedSize else {
                    throw Archive.ArchiveError.invalidCRC32
                }
            } catch is LargerThanRecorded {
                let reason = "cannot be extracted: it inflates past the \(recordedSize) bytes recorded"
                try body(.problem(ImportProblem(location: location, reason: reason)))
                continue
            } catch {
                let reason = "cannot be extracted: \(Self.describe(error))"
                try body(.problem(ImportProblem(location: location, reason: reason)))
                continue
            }
            try body(.record(location: location, bytes: data))
        }
        // ZIPFoundation stops quietly at a central directory header it cannot read: count what was read.
        if let declared = ZipEndRecord.declaredEntryCount(ofArchiveAt: path), entriesRead < declared {
            throw AdvisoryDatabaseError.unreadableArchive(
                path: path, reason: "the central directory is damaged: \(entriesRead) of \(declared) entries read")
        }
    }

    /// Returns whether an entry name stays inside the archive: relative, with no `..` component.
    static func isContained(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.hasPrefix("\\"), !name.contains("\0") else { return false }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if let first = components.first, first.count == 2, first.hasSuffix(":") { return false }  // `C:`
        return !components.contains("..")
    }

    private static func oversized(_ size: Int, limit: Int) -> String {
        "the record is \(size) bytes or more, over the limit of \(limit) bytes"
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? Archive.ArchiveError else { return "\(error)" }
        switch error {
        case .missingEndOfCentralDirectoryRecord: return "no end of central directory record"
        case .invalidCRC32: return "CRC-32 mismatch"
        case .unreadableArchive: return "unreadable"
        default: return "\(error)"
        }
    }
}

/// A record grew past the size limit while it was read.
private struct RecordTooLarge: Error {
    var size: Int
}

/// An archive entry inflated to more bytes than its header records.
private struct LargerThanRecorded: Error {}
