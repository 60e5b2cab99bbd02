import SystemZlib

/// A raw-deflate compressor kept for a whole build: `deflateInit` allocates about 256 KiB, too much to repeat for
/// each record.
final class ZlibDeflater {
    private var stream = z_stream()
    private let isReady: Bool

    init(level: Int32 = 6) {
        isReady =
            deflateInit2_(
                &stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit { if isReady { deflateEnd(&stream) } }

    /// The raw deflate form of `bytes`, or `nil` when zlib fails.
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard isReady, deflateReset(&stream) == Z_OK else { return nil }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        guard let produced else { return nil }
        output.removeLast(output.count - produced)
        return output
    }
}

/// A raw-deflate decompressor kept for a batch of lookups.
final class ZlibInflater {
    private var stream = z_stream()
    private let isReady: Bool

    init() {
        isReady = inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit { if isReady { inflateEnd(&stream) } }

    /// Inflates `bytes`, which must hold exactly `count` bytes once inflated; `nil` when they do not.
    func decompress(_ bytes: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
        guard isReady, inflateReset(&stream) == Z_OK, let source = bytes.baseAddress else { return nil }
        var output = [UInt8](repeating: 0, count: count + 1)
        let produced: Int? = output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(bytes.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = uInt(outputBuffer.count)
            guard inflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
            return outputBuffer.count - Int(stream.avail_out)
        }
        guard let produced, produced == count else { return nil }
        output.removeLast()
        return output
    }
}
