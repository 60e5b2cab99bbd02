/// Go string literals as `strconv.Quote` writes them, for the quoted keys and values of build settings.
enum GoQuotedString {
    /// Unquotes the Go string literal that starts `text` (interpreted `"…"` or raw `` `…` ``).
    ///
    /// - Returns: The value and the index just past the closing quote, or `nil` when the literal is unterminated or
    ///   holds an escape Go does not define.
    static func unquotePrefix(_ text: Substring) -> (String, Substring.Index)? {
        let scalars = text.unicodeScalars
        guard let quote = scalars.first, quote == "\"" || quote == "`" else { return nil }
        var index = scalars.index(after: scalars.startIndex)
        if quote == "`" {
            guard let end = scalars[index...].firstIndex(of: "`") else { return nil }
            return (String(scalars[index..<end]), scalars.index(after: end))
        }
        var value = String.UnicodeScalarView()
        var bytes: [UInt8] = []  // \x and octal escapes give bytes, which may form UTF-8 sequences together
        func flushBytes() {
            guard !bytes.isEmpty else { return }
            value.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if scalar == "\"" {
                flushBytes()
                return (String(value), index)
            }
            guard scalar == "\\" else {
                flushBytes()
                value.append(scalar)
                continue
            }
            guard index < scalars.endIndex else { return nil }
            let escape = scalars[index]
            index = scalars.index(after: index)
            func hex(_ count: Int) -> UInt32? {
                var result: UInt32 = 0
                for _ in 0..<count {
                    guard index < scalars.endIndex, scalars[index].isASCII,
                        let digit = UInt32(String(scalars[index]), radix: 16)
                    else { return nil }
                    result = result << 4 | digit
                    index = scalars.index(after: index)
                }
                return result
            }
            switch escape {
            case "x":
                guard let byte = hex(2) else { return nil }
                bytes.append(UInt8(byte))
                continue
            case "0"..."7":
                var byte = UInt32(escape.value - 48)
                for _ in 0..<2 {
                    guard index < scalars.endIndex, ("0"..."7").contains(scalars[index]) else { return nil }
                    byte = byte << 3 | (scalars[index].value - 48)
                    index = scalars.index(after: index)
                }
                guard byte <= 0xFF else { return nil }
                bytes.append(UInt8(byte))
                continue
            default:
                break
            }
            flushBytes()
            switch escape {
            case "a": value.append("\u{07}")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "v": value.append("\u{0B}")
            case "\\", "\"", "'": value.append(escape)
            case "u", "U":
                guard let code = hex(escape == "u" ? 4 : 8), let decoded = Unicode.Scalar(code) else { return nil }
                value.append(decoded)
            default:
                return nil
            }
        }
        return nil
    }
}
