import SystemZlib

/// Inflates a deflate stream held in memory, up to a bounded output size: zlib-wrapped (RFC 1950, cargo-auditable's
/// `.dep-v0`) or raw (RFC 1951, zip entries).
enum BoundedInflater {
    enum Format {
        /// A zlib header and Adler-32 trailer around the deflate data.
        case zlib
        /// Bare deflate data, as a zip entry holds it.
        case raw
    }

    /// Why inflating stopped.
    enum Failure: Error, Equatable {
        /// The stream is damaged or ends early; the reason in a few words.
        case corrupt(reason: String)
        /// The output would be larger than the limit.
        case tooLarge(limit: Int)
    }

    /// The inflated bytes of the complete stream `bytes`.
    ///
    /// - Throws: `Failure.tooLarge` as soon as the output passes `limit` (zip bombs stop there), `Failure.corrupt`
    ///   when the stream is damaged or ends early.
    static func inflate(_ bytes: some Collection<UInt8>, limit: Int, format: Format = .zlib) throws(Failure)
        -> [UInt8]
    {
        var input = Array(bytes)
        var stream = z_stream()
        let windowBits: Int32 = format == .raw ? -15 : 15
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt(reason: "zlib refused to start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            while status == Z_OK, output.count <= limit {
                let produced = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    status = SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    return chunkBuffer.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[..<produced])
                if status == Z_BUF_ERROR, produced > 0 { status = Z_OK }
            }
        }
        if output.count > limit { throw .tooLarge(limit: limit) }
        guard status == Z_STREAM_END else {
            throw .corrupt(reason: status == Z_BUF_ERROR ? "the stream ends early" : "zlib status \(status)")
        }
        return output
    }
}
