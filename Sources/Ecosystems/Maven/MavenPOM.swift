/// The coordinates a Maven `pom.xml` declares for its project, read with a small XML scanner.
///
/// Only what names the artifact is read: the project's `groupId`, `artifactId` and `version`, its parent's `groupId`
/// and `version` (a child inherits both when it omits them, https://maven.apache.org/pom.html#Inheritance), and the
/// `properties` its coordinates may refer to (`${revision}`, `${project.parent.version}`). Document type
/// declarations are skipped, never expanded (no external entities, no entity bombs); only the five predefined entities
/// and numeric character references are decoded. Nesting deeper than `maximumDepth` or a malformed tag ends the scan:
/// what was read before it is kept.
struct MavenPOM: Equatable {
    var groupID: String?
    var artifactID: String?
    var version: String?
    var parentGroupID: String?
    var parentVersion: String?
    var properties: [String: String] = [:]

    /// Elements deeper than this are not followed; real POMs nest a dozen levels at most.
    static let maximumDepth = 64
    /// How many `${…}` references one value may expand through (properties referring to properties).
    static let maximumExpansions = 16
    /// The longest coordinate an expansion may produce; real ones are under a hundred bytes.
    static let maximumValueLength = 1024

    /// The coordinates `bytes` declare.
    init(_ bytes: [UInt8]) {
        var scanner = XMLScanner(bytes)
        var stack: [String] = []
        var text: [UInt8] = []
        while let token = scanner.next() {
            switch token {
            case .start(let name, let isEmpty):
                guard stack.count < Self.maximumDepth else { return }
                if !isEmpty { stack.append(name) }
                text.removeAll(keepingCapacity: true)
            case .text(let bytes):
                if text.count + bytes.count <= 1 << 16 { text += bytes }
            case .end(let name):
                guard let last = stack.last, last == name else { return }
                record(stack, String(decoding: text, as: UTF8.self).trimmedOfBlanks())
                stack.removeLast()
                text.removeAll(keepingCapacity: true)
            }
        }
    }

    private mutating func record(_ path: [String], _ value: String) {
        guard path.first == "project", !value.isEmpty else { return }
        switch path.count {
        case 2:
            switch path[1] {
            case "groupId": groupID = value
            case "artifactId": artifactID = value
            case "version": version = value
            default: break
            }
        case 3 where path[1] == "parent":
            if path[2] == "groupId" { parentGroupID = value }
            if path[2] == "version" { parentVersion = value }
        case 3 where path[1] == "properties":
            properties[path[2]] = value
        default: break
        }
    }

    /// The project's group, artifact and version with inheritance and property references resolved, or `nil` when
    /// one of them is missing or refers to something this POM does not define.
    var coordinates: (group: String, artifact: String, version: String)? {
        guard let group = resolve(groupID ?? parentGroupID), let artifact = resolve(artifactID),
            let version = resolve(version ?? parentVersion)
        else { return nil }
        return (group, artifact, version)
    }

    /// `value` with every `${name}` replaced, or `nil` when a reference is unknown or expansion does not settle.
    func resolve(_ value: String?) -> String? {
        guard var value else { return nil }
        for _ in 0..<Self.maximumExpansions {
            guard let open = value.range(of: "${") else { return value.isEmpty ? nil : value }
            guard let close = value[open.upperBound...].firstIndex(of: "}") else { return nil }
            let name = String(value[open.upperBound..<close])
            guard let replacement = lookUp(name) else { return nil }
            value.replaceSubrange(open.lowerBound...close, with: replacement)
            guard value.utf8.count <= Self.maximumValueLength else { return nil }
        }
        return nil
    }

    private func lookUp(_ name: String) -> String? {
        switch name {
        case "project.groupId", "pom.groupId", "groupId": groupID ?? parentGroupID
        case "project.artifactId", "pom.artifactId", "artifactId": artifactID
        case "project.version", "pom.version", "version": version ?? parentVersion
        case "project.parent.groupId", "parent.groupId": parentGroupID
        case "project.parent.version", "parent.version": parentVersion
        default: properties[name]
        }
    }
}

/// Splits XML into start tags, end tags and character data.
///
/// Declarations, comments, processing instructions and attributes are skipped; CDATA sections are character data. It
/// never allocates more than the input.
struct XMLScanner {
    enum Token: Equatable {
        case start(String, isEmpty: Bool)
        case end(String)
        case text([UInt8])
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next token, or `nil` at the end of the input or at the first malformed construct.
    mutating func next() -> Token? {
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { return text() }
            if hasPrefix("<!--") {
                guard skip(past: Array("-->".utf8)) else { return nil }
            } else if hasPrefix("<![CDATA[") {
                let start = index + 9
                guard skip(past: Array("]]>".utf8)) else { return nil }
                return .text(Array(bytes[start..<(index - 3)]))
            } else if hasPrefix("<?") {
                guard skip(past: Array("?>".utf8)) else { return nil }
            } else if hasPrefix("<!") {
                guard skipDeclaration() else { return nil }
            } else {
                return tag()
            }
        }
        return nil
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { prefixBytes in
            (0..<count).allSatisfy { bytes[index + $0] == prefixBytes[$0] }
        }
    }

    /// Moves past the next occurrence of `terminator`; `false` when there is none.
    private mutating func skip(past terminator: [UInt8]) -> Bool {
        var position = index
        while position + terminator.count <= bytes.count {
            if bytes[position] == terminator[0], Array(bytes[position..<(position + terminator.count)]) == terminator {
                index = position + terminator.count
                return true
            }
            position += 1
        }
        index = bytes.count
        return false
    }

    /// Skips `<!DOCTYPE …>`, with its internal subset in brackets, without interpreting it.
    private mutating func skipDeclaration() -> Bool {
        var bracketDepth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): bracketDepth += 1
            case UInt8(ascii: "]"): bracketDepth -= 1
            case UInt8(ascii: ">") where bracketDepth <= 0:
                index += 1
                return true
            default: break
            }
            index += 1
        }
        return false
    }

    private mutating func tag() -> Token? {
        index += 1  // '<'
        let isEnd = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if isEnd { index += 1 }
        let nameStart = index
        while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        var name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        // A namespace prefix (`<pom:version>`) names the same element for our purposes.
        if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
        var quote: UInt8?
        var previous: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return isEnd ? .end(name) : .start(name, isEmpty: previous == UInt8(ascii: "/"))
            }
            if !Self.isBlank(byte) { previous = byte }
        }
        return nil
    }

    private mutating func text() -> Token {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        return .text(Self.decodingEntities(bytes[start..<index]))
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Character data with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#…;` decoded; other references kept.
    static func decodingEntities(_ text: ArraySlice<UInt8>) -> [UInt8] {
        guard text.contains(UInt8(ascii: "&")) else { return Array(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "&"),
                let semicolon = text[index..<min(text.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";"))
            else {
                output.append(byte)
                index += 1
                continue
            }
            let reference = String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)
            if let decoded = decode(reference) {
                output += Array(decoded.utf8)
            } else {
                output += text[index...semicolon]
            }
            index = semicolon + 1
        }
        return output
    }

    private static func decode(_ reference: String) -> String? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
