import Foundation

/// The main section of a JAR manifest (`META-INF/MANIFEST.MF`), per the JAR File Specification.
///
/// Lines are `Name: value`; a line starting with one space continues the previous value. The main section ends at the
/// first blank line; per-entry sections after it are not read.
struct JavaManifest: Equatable {
    var attributes: [String: String]

    init(_ bytes: some Collection<UInt8>) {
        var attributes: [String: String] = [:]
        var lastName: String?
        let text = String(decoding: bytes, as: UTF8.self)
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty { break }
            if line.first == " " {
                if let lastName { attributes[lastName, default: ""] += line.dropFirst() }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            var value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
            attributes[name] = String(value)
            lastName = name
        }
        self.attributes = attributes
    }

    subscript(name: String) -> String? {
        guard let value = attributes[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
