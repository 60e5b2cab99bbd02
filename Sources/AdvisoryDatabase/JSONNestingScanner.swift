/// Measures how deeply a JSON text nests, without parsing it, so hostile input never reaches a recursive decoder.
enum JSONNestingScanner {
    /// Returns whether the objects and arrays in `bytes` nest deeper than `limit`.
    ///
    /// Brackets inside strings are skipped, escapes included. Malformed JSON is left for the decoder to reject.
    static func exceedsDepth(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Bool {
        var depth = 0
        var isInString = false
        var isEscaped = false
        for byte in bytes {
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    isInString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                isInString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            default:
                break
            }
        }
        return false
    }
}
