#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pull-based stream of bytes: a file region, a decompressor, a hashing pass-through.
///
/// Sources are owned by one task at a time and are not shared.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file opened for reading, closed when the last reference goes.
public final class FileHandleBox {
    let descriptor: Int32
    public let path: String

    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImageReadError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// The file's size in bytes.
    public func size() throws -> Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ImageReadError.readFailed(path: path, reason: String(cString: strerror(errno)))
        }
        return Int64(status.st_size)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns fewer only at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var total = 0
        while total < buffer.count {
            guard let base = buffer.baseAddress else { return 0 }
            let count = pread(descriptor, base + total, buffer.count - total, off_t(offset) + off_t(total))
            if count < 0 {
                if errno == EINTR { continue }
                throw ImageReadError.readFailed(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Reads exactly `count` bytes at `offset`, or fewer at the end of the file.
    public func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { try self.read(into: $0, at: offset) }
        bytes.removeLast(count - read)
        return bytes
    }
}

/// A byte range of a file, read front to back.
public final class FileRegionSource: ByteSource {
    private let file: FileHandleBox
    private var offset: Int64
    private let end: Int64

    public init(file: FileHandleBox, offset: Int64 = 0, length: Int64) {
        self.file = file
        self.offset = offset
        self.end = offset + length
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = Int(min(Int64(buffer.count), end - offset))
        guard wanted > 0 else { return 0 }
        let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: offset)
        offset += Int64(count)
        return count
    }
}

/// An in-memory byte source.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
        }
        position += count
        return count
    }
}
