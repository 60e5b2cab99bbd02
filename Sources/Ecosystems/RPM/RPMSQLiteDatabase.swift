import CSQLite

/// Reads `rpmdb.sqlite`, rpm's SQLite backend (`lib/backend/sqlite.c`): one row per package in
/// `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`.
///
/// The bytes are handed to SQLite with `sqlite3_deserialize`, read-only, so nothing touches the disk.
enum RPMSQLiteDatabase {
    /// The 16 bytes every SQLite 3 database starts with.
    static let magic: [UInt8] = Array("SQLite format 3".utf8) + [0]

    static func contents(of bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseContents {
        let connection = try Connection(deserializing: bytes)
        defer { connection.close() }
        try connection.execute("PRAGMA trusted_schema = OFF")
        // A view or virtual table named Packages could run arbitrary SQL: read only a real table.
        guard try connection.firstText(of: "SELECT type FROM sqlite_master WHERE name = 'Packages'") == "table" else {
            throw .sqlitePackagesTableMissing
        }
        return try connection.packageRows()
    }

    /// One in-memory SQLite connection; closed by its owner.
    private struct Connection {
        let handle: OpaquePointer

        init(deserializing bytes: [UInt8]) throws(RPMDatabaseError) {
            var handle: OpaquePointer?
            guard sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
                let handle
            else {
                sqlite3_close(handle)
                throw .sqlite(operation: "open", message: "no in-memory database could be created")
            }
            self.handle = handle
            guard let buffer = sqlite3_malloc64(sqlite3_uint64(max(bytes.count, 1))) else {
                sqlite3_close(handle)
                throw .sqlite(operation: "open", message: "out of memory for \(bytes.count) bytes")
            }
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: source.count) }
            }
            // rpm keeps rpmdb.sqlite in WAL mode; an in-memory copy can only be read in rollback mode,
            // so the header's read and write versions (bytes 18 and 19) are set to legacy.
            let header = buffer.assumingMemoryBound(to: UInt8.self)
            if bytes.count > 19, bytes[18] == 2 || bytes[19] == 2 {
                header[18] = 1
                header[19] = 1
            }
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
            let size = sqlite3_int64(bytes.count)
            let status = sqlite3_deserialize(handle, "main", header, size, size, flags)
            guard status == SQLITE_OK else {
                let message = Self.message(handle)
                sqlite3_close(handle)
                throw .sqlite(operation: "open", message: message)
            }
        }

        func close() {
            sqlite3_close(handle)
        }

        func execute(_ sql: String) throws(RPMDatabaseError) {
            guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
                throw .sqlite(operation: "read", message: Self.message(handle))
            }
        }

        func firstText(of sql: String) throws(RPMDatabaseError) -> String? {
            let statement = try prepare(sql)
            defer { sqlite3_finalize(statement) }
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                return sqlite3_column_text(statement, 0).map { String(cString: $0) }
            case SQLITE_DONE:
                return nil
            default:
                throw .sqlite(operation: "read", message: Self.message(handle))
            }
        }

        func packageRows() throws(RPMDatabaseError) -> RPMDatabaseContents {
            let statement = try prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
            defer { sqlite3_finalize(statement) }
            var contents = RPMDatabaseContents()
            while true {
                let status = sqlite3_step(statement)
                if status == SQLITE_DONE { break }
                guard status == SQLITE_ROW else {
                    // Keep the rows read before the damage, and say what stopped the read.
                    let error = RPMDatabaseError.sqlite(operation: "read", message: Self.message(handle))
                    if contents.blobs.isEmpty && contents.problems.isEmpty { throw error }
                    contents.problems.append(.init(number: nil, error: error))
                    break
                }
                let rowNumber = sqlite3_column_int64(statement, 0)
                let number = UInt32(exactly: rowNumber)
                guard sqlite3_column_type(statement, 1) == SQLITE_BLOB, let blob = sqlite3_column_blob(statement, 1)
                else {
                    contents.problems.append(
                        .init(number: number, error: .sqliteRowWithoutBlob(headerNumber: rowNumber)))
                    continue
                }
                let length = Int(sqlite3_column_bytes(statement, 1))
                let bytes = [UInt8](UnsafeRawBufferPointer(start: blob, count: length))
                contents.blobs.append(RPMHeaderBlob(number: number ?? 0, bytes: bytes))
            }
            return contents
        }

        private func prepare(_ sql: String) throws(RPMDatabaseError) -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                sqlite3_finalize(statement)
                throw .sqlite(operation: "read", message: Self.message(handle))
            }
            return statement
        }

        private static func message(_ handle: OpaquePointer) -> String {
            sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown error"
        }
    }
}
