/// A package URL, `pkg:type/namespace/name@version?qualifiers#subpath`, per the purl specification.
public struct PackageURL: Hashable, Sendable, Codable, CustomStringConvertible {
    public var type: String
    public var namespace: String?
    public var name: String
    public var version: String?
    /// Qualifiers; rendered with lower-case keys, sorted, and empty values dropped.
    public var qualifiers: [String: String]
    public var subpath: String?

    public init(
        type: String, namespace: String? = nil, name: String, version: String? = nil,
        qualifiers: [String: String] = [:],
        subpath: String? = nil
    ) {
        self.type = type.lowercased()
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
    }

    public var description: String {
        var text = "pkg:\(type)/"
        if let namespace, !namespace.isEmpty {
            text += namespace.split(separator: "/").map { Self.percentEncode(String($0)) }.joined(separator: "/") + "/"
        }
        text += Self.percentEncode(name)
        if let version, !version.isEmpty { text += "@" + Self.percentEncode(version) }
        let pairs = qualifiers.filter { !$0.value.isEmpty }.map { ($0.key.lowercased(), $0.value) }.sorted {
            $0.0 < $1.0
        }
        if !pairs.isEmpty {
            text += "?" + pairs.map { "\($0.0)=\(Self.percentEncode($0.1, keeping: ","))" }.joined(separator: "&")
        }
        if let subpath, !subpath.isEmpty {
            let segments = subpath.split(separator: "/").filter { $0 != "." && $0 != ".." }
            text += "#" + segments.map { Self.percentEncode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    /// Percent-encodes everything but unreserved characters and `:` (which the spec lets stay).
    static func percentEncode(_ text: String, keeping extra: String = "") -> String {
        var result = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || "-._~:".utf8.contains(byte) || extra.utf8.contains(byte)
            {
                result.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = PackageURL(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a package URL")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Parses a package URL; returns `nil` when the text is not one.
    public init?(parsing text: String) {
        guard text.hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        var subpath: String?
        if let hash = rest.firstIndex(of: "#") {
            subpath = Self.percentDecode(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                qualifiers[pair[..<equals].lowercased()] = Self.percentDecode(pair[pair.index(after: equals)...])
            }
            rest = rest[..<question]
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let type = String(rest[..<slash]).lowercased()
        rest = rest[rest.index(after: slash)...]
        var version: String?
        if let at = rest.lastIndex(of: "@") {
            version = Self.percentDecode(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var segments = rest.split(separator: "/").map { Self.percentDecode($0) }
        guard let name = segments.popLast(), !name.isEmpty, !type.isEmpty else { return nil }
        self.init(
            type: type, namespace: segments.isEmpty ? nil : segments.joined(separator: "/"), name: name,
            version: version,
            qualifiers: qualifiers, subpath: subpath)
    }

    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
