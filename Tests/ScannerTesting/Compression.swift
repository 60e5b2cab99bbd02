import SystemZlib

#if canImport(Glibc)
    import Glibc
#endif

/// Compressors for fixtures.
public enum Compression: String, Sendable, CaseIterable {
    case none, gzip, zstd

    /// Compresses `bytes` in this format.
    public func compress(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .none: bytes
        case .gzip: Self.gzip(bytes)
        case .zstd: Self.zstd(bytes)
        }
    }

    /// A gzip member holding `bytes`, at `level`.
    public static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(
            &stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                deflate(&stream, Z_FINISH)
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// A zstd frame holding `bytes`, through the system's libzstd.
    public static func zstd(_ bytes: [UInt8]) -> [UInt8] {
        typealias Bound = @convention(c) (Int) -> Int
        typealias Compress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
        guard let handle = dlopen("libzstd.so.1", RTLD_NOW), let boundSymbol = dlsym(handle, "ZSTD_compressBound"),
            let compressSymbol = dlsym(handle, "ZSTD_compress")
        else { return [] }
        let bound = unsafeBitCast(boundSymbol, to: Bound.self)
        let compress = unsafeBitCast(compressSymbol, to: Compress.self)
        var output = [UInt8](repeating: 0, count: bound(bytes.count))
        let size = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { compress(out.baseAddress, out.count, $0.baseAddress, $0.count, 3) }
        }
        return Array(output.prefix(size))
    }
}
