import SystemZlib

/// Inflates a zlib stream (RFC 1950) held in memory, up to a bounded output size.
enum BoundedInflater {
    /// The inflated bytes of the complete zlib stream `bytes`.
    ///
    /// - Throws: `CargoError.corruptCompressedDependencies` when the stream is damaged or ends early,
    ///   `CargoError.dependenciesTooLarge` when it inflates to more than `limit` bytes.
    static func inflate(_ bytes: some Collection<UInt8>, limit: Int) throws(CargoError) -> [UInt8] {
        var input = Array(bytes)
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptCompressedDependencies(reason: "zlib refused to start")
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
        if output.count > limit { throw .dependenciesTooLarge(limit: limit) }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "the stream ends early" : "zlib status \(status)"
            throw .corruptCompressedDependencies(reason: reason)
        }
        return output
    }
}
