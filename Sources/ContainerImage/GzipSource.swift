import SystemZlib

/// Inflates a gzip stream (several members allowed, as `cat a.gz b.gz` makes) as it is read.
public final class GzipSource: ByteSource {
    private let upstream: any ByteSource
    private let name: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var isInitialized = false
    private var upstreamEnded = false
    private var finished = false

    public init(_ upstream: any ByteSource, name: String, inputBufferSize: Int = 256 << 10) throws {
        self.upstream = upstream
        self.name = name
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: inputBufferSize, alignment: 16)
        let status = inflateInit2_(&stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw ImageReadError.corruptCompressedStream(
                layer: name, format: "gzip", reason: "zlib refused to start (\(status))")
        }
        isInitialized = true
    }

    deinit {
        if isInitialized { inflateEnd(&stream) }
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let outputBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !upstreamEnded {
                let count = try upstream.read(into: input)
                if count == 0 {
                    upstreamEnded = true
                } else {
                    stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(count)
                }
            }
            if stream.avail_in == 0 && upstreamEnded {
                // Clean end only right after a member ended; otherwise the stream was cut short.
                let produced = buffer.count - Int(stream.avail_out)
                if stream.total_out == 0 && stream.total_in == 0 && produced == 0 {
                    throw ImageReadError.corruptCompressedStream(
                        layer: name, format: "gzip", reason: "the stream is empty")
                }
                throw ImageReadError.corruptCompressedStream(
                    layer: name, format: "gzip", reason: "the stream is truncated")
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                let produced = buffer.count - Int(stream.avail_out)
                if try !startNextMember() {
                    finished = true
                    return produced
                }
                if produced > 0 { return produced }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
                throw ImageReadError.corruptCompressedStream(layer: name, format: "gzip", reason: message)
            }
        }
        return buffer.count
    }

    /// After a member ends: returns `true` when another gzip member follows, `false` at the end of input.
    private func startNextMember() throws -> Bool {
        while stream.avail_in == 0 {
            if upstreamEnded { return false }
            let count = try upstream.read(into: input)
            if count == 0 {
                upstreamEnded = true
                return false
            }
            stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(count)
        }
        // Trailing zero padding after the last member is tolerated, as gzip does.
        if let next = stream.next_in, next[0] == 0 {
            var allZero = true
            for index in 0..<Int(stream.avail_in) where next[index] != 0 {
                allZero = false
                break
            }
            if allZero {
                stream.avail_in = 0
                return try startNextMember()
            }
        }
        let totalOut = stream.total_out
        let totalIn = stream.total_in
        inflateReset(&stream)
        stream.total_out = totalOut
        stream.total_in = totalIn
        return true
    }
}
