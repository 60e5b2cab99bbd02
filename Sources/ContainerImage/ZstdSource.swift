#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few libzstd functions streaming decompression needs, loaded at run time so no `-dev` package is needed to build.
private struct ZstdLibrary: @unchecked Sendable {
    // @unchecked: the members are C function pointers from a library that is never unloaded; they hold no state.
    typealias CreateContext = @convention(c) () -> OpaquePointer?
    typealias FreeContext = @convention(c) (OpaquePointer?) -> Int
    typealias DecompressStream =
        @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias ErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?

    let createContext: CreateContext
    let freeContext: FreeContext
    let decompressStream: DecompressStream
    let isError: IsError
    let errorName: ErrorName

    static let shared: ZstdLibrary? = {
        for name in ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let create = dlsym(handle, "ZSTD_createDCtx"), let free = dlsym(handle, "ZSTD_freeDCtx"),
                let decompress = dlsym(handle, "ZSTD_decompressStream"), let isError = dlsym(handle, "ZSTD_isError"),
                let errorName = dlsym(handle, "ZSTD_getErrorName")
            else { continue }
            return ZstdLibrary(
                createContext: unsafeBitCast(create, to: CreateContext.self),
                freeContext: unsafeBitCast(free, to: FreeContext.self),
                decompressStream: unsafeBitCast(decompress, to: DecompressStream.self),
                isError: unsafeBitCast(isError, to: IsError.self),
                errorName: unsafeBitCast(errorName, to: ErrorName.self))
        }
        return nil
    }()
}

/// Decompresses a zstd stream (several frames allowed) as it is read.
public final class ZstdSource: ByteSource {
    private let upstream: any ByteSource
    private let name: String
    private let library: ZstdLibrary
    private let context: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var inputSize = 0
    private var inputPosition = 0
    private var upstreamEnded = false
    /// The last call's hint: 0 means a frame just ended cleanly.
    private var frameHint = 0
    private var sawInput = false
    // ZSTD_inBuffer and ZSTD_outBuffer are { void *ptr; size_t size; size_t pos; }, laid out by hand.
    private let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: 24, alignment: 8)
    private let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: 24, alignment: 8)

    public init(_ upstream: any ByteSource, name: String, inputBufferSize: Int = 256 << 10) throws {
        guard let library = ZstdLibrary.shared else { throw ImageReadError.missingZstdLibrary }
        guard let context = library.createContext() else {
            throw ImageReadError.corruptCompressedStream(layer: name, format: "zstd", reason: "cannot create a context")
        }
        self.upstream = upstream
        self.name = name
        self.library = library
        self.context = context
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: inputBufferSize, alignment: 16)
    }

    deinit {
        _ = library.freeContext(context)
        input.deallocate()
        inBuffer.deallocate()
        outBuffer.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let outputBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var produced = 0
        while produced < buffer.count {
            if inputPosition == inputSize && !upstreamEnded {
                inputSize = try upstream.read(into: input)
                inputPosition = 0
                if inputSize == 0 { upstreamEnded = true } else { sawInput = true }
            }
            if inputPosition == inputSize && upstreamEnded {
                if produced > 0 { return produced }
                guard sawInput else {
                    throw ImageReadError.corruptCompressedStream(
                        layer: name, format: "zstd", reason: "the stream is empty")
                }
                guard frameHint == 0 else {
                    throw ImageReadError.corruptCompressedStream(
                        layer: name, format: "zstd", reason: "the stream is truncated")
                }
                return 0
            }
            inBuffer.storeBytes(of: input.baseAddress, toByteOffset: 0, as: UnsafeMutableRawPointer?.self)
            inBuffer.storeBytes(of: inputSize, toByteOffset: 8, as: Int.self)
            inBuffer.storeBytes(of: inputPosition, toByteOffset: 16, as: Int.self)
            outBuffer.storeBytes(of: outputBase, toByteOffset: 0, as: UnsafeMutableRawPointer.self)
            outBuffer.storeBytes(of: buffer.count, toByteOffset: 8, as: Int.self)
            outBuffer.storeBytes(of: produced, toByteOffset: 16, as: Int.self)
            let result = library.decompressStream(context, outBuffer, inBuffer)
            if library.isError(result) != 0 {
                let reason = library.errorName(result).map { String(cString: $0) } ?? "error \(result)"
                throw ImageReadError.corruptCompressedStream(layer: name, format: "zstd", reason: reason)
            }
            frameHint = result
            inputPosition = inBuffer.load(fromByteOffset: 16, as: Int.self)
            produced = outBuffer.load(fromByteOffset: 16, as: Int.self)
        }
        return produced
    }
}
