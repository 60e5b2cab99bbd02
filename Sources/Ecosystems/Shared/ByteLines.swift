/// The lines of a text file held as bytes, numbered from 1, without their `\n` or `\r\n` ending.
///
/// Package databases are read as bytes so that a stray invalid UTF-8 sequence cannot hide a whole file.
struct ByteLines: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var start: Int
    private var lineNumber = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.start = bytes.startIndex
    }

    mutating func next() -> (number: Int, line: ArraySlice<UInt8>)? {
        guard start < bytes.endIndex else { return nil }
        lineNumber += 1
        let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        var end = newline
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = bytes[start..<end]
        start = newline < bytes.endIndex ? newline + 1 : newline
        return (lineNumber, line)
    }
}
