/// A JSON value whose objects keep their members in the order they were built.
///
/// The writers build documents from these and serialize them themselves, so the bytes are the same on every
/// platform and Foundation version: no locale, no Foundation float formatting, no platform-specific pretty printing.
enum JSONValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    /// A finite number, written in the shortest form that reads back as the same `Double` (`9.8`, `10.0`).
    ///
    /// Swift's runtime computes that form itself, identically on every platform. Build one with
    /// ``number(ifFinite:)``: JSON has no infinity or NaN.
    case number(Double)
    case boolean(Bool)
    case array([JSONValue])
    /// Members in insertion order; keys are unique (``JSONObject`` keeps them so).
    case object(JSONObject)

    static func integer(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// Pretty-printed UTF-8 text: two-space indentation, `"key": value`, a newline at the end.
    ///
    /// - Parameter sortingKeys: Whether to write each object's members in code-point order of their keys
    ///   instead of insertion order.
    /// - Returns: The UTF-8 bytes of the document.
    func serialized(sortingKeys: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indentation: 0, sortingKeys: sortingKeys)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    private func write(to output: inout [UInt8], indentation: Int, sortingKeys: Bool) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &output)
        case .integer(let number):
            output.append(contentsOf: String(number).utf8)
        case .number(let number):
            output.append(contentsOf: (number.isFinite ? number.description : "0").utf8)
        case .boolean(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeNewline(indentation: indentation + 1, to: &output)
                element.write(to: &output, indentation: indentation + 1, sortingKeys: sortingKeys)
            }
            Self.writeNewline(indentation: indentation, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            let members =
                sortingKeys
                ? object.members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
                : object.members
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeNewline(indentation: indentation + 1, to: &output)
                Self.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                member.value.write(to: &output, indentation: indentation + 1, sortingKeys: sortingKeys)
            }
            Self.writeNewline(indentation: indentation, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeNewline(indentation: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentation * 2))
    }

    /// Writes a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped, the rest
    /// as UTF-8.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x08: output.append(contentsOf: "\\b".utf8)
            case 0x0C: output.append(contentsOf: "\\f".utf8)
            case 0x00..<0x20:
                let hex = String(byte, radix: 16, uppercase: false)
                output.append(contentsOf: ("\\u00" + (hex.count == 1 ? "0" + hex : hex)).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// The members of a JSON object, in insertion order.
struct JSONObject: Equatable, Sendable {
    private(set) var members: [(key: String, value: JSONValue)] = []

    init() {}

    /// Sets `key` to `value`; a `nil` value leaves the key out, as every format here wants for unknown facts.
    subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue {
    /// Wraps an optional string, keeping `nil` as `nil` so the member is left out.
    static func string(ifPresent text: String?) -> JSONValue? { text.map(JSONValue.string) }

    /// Wraps a number, or returns `nil` (leaving the member out) when it is infinite or NaN, which JSON cannot hold.
    static func number(ifFinite number: Double) -> JSONValue? { number.isFinite ? .number(number) : nil }
}
