/// The on-disk formats rpm has kept its package database in.
public enum RPMDatabaseFormat: String, Sendable, CaseIterable {
    /// `rpmdb.sqlite`, rpm's default since 4.16 (Fedora 33+, RHEL 9+).
    case sqlite
    /// `Packages`, a Berkeley DB hash, the only format before rpm 4.16 (RHEL ≤ 8, Amazon Linux 2).
    case berkeleyDB
    /// `Packages.db`, rpm's own blob store since 4.16 (SUSE 15.3+).
    case ndb

    /// Identifies the format from the file's leading bytes, never from its name.
    /// - Throws: `RPMDatabaseError.emptyFile`, `.berkeleyDBNotHash` for a Berkeley DB of another access
    ///   method, or `.unrecognizedFormat`.
    public static func detect(_ contents: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseFormat {
        let bytes = RPMBytes(contents)
        if contents.isEmpty { throw .emptyFile }
        if bytes.matches(RPMSQLiteDatabase.magic, at: 0) { return .sqlite }
        if bytes.matches(RPMNDBDatabase.magic, at: 0) { return .ndb }
        switch BerkeleyDBHashFile.accessMethod(of: bytes) {
        case .hash: return .berkeleyDB
        case .other(let magic): throw .berkeleyDBNotHash(magic: magic)
        case nil: throw .unrecognizedFormat(leadingBytes: bytes.leadingHex())
        }
    }
}

/// A header blob read from a database, with the number rpm filed it under.
struct RPMHeaderBlob: Sendable, Equatable {
    /// rpm's header instance number (`hnum`, the Berkeley DB key, the NDB package index).
    let number: UInt32
    let bytes: [UInt8]
}

/// What a database backend read: the header blobs it found, and the records it could not read.
struct RPMDatabaseContents: Sendable, Equatable {
    struct Problem: Sendable, Equatable {
        /// The header number, when the broken record still showed it.
        let number: UInt32?
        let error: RPMDatabaseError
    }

    var blobs: [RPMHeaderBlob] = []
    var problems: [Problem] = []
}

/// Reads the header blobs of an rpm database in any of its formats, from bytes in memory.
enum RPMDatabase {
    static func contents(of bytes: [UInt8]) throws(RPMDatabaseError) -> (RPMDatabaseFormat, RPMDatabaseContents) {
        let format = try RPMDatabaseFormat.detect(bytes)
        switch format {
        case .sqlite: return (format, try RPMSQLiteDatabase.contents(of: bytes))
        case .berkeleyDB: return (format, try RPMBerkeleyDatabase.contents(of: bytes))
        case .ndb: return (format, try RPMNDBDatabase.contents(of: bytes))
        }
    }
}
