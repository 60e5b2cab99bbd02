import PackageAnalysis
import ScanModel

/// Reads the specifications RubyGems writes for installed gems: `<gems dir>/specifications/<name>-<version>.gemspec`,
/// and `specifications/default/` for the gems that ship with Ruby.
///
/// The file is Ruby code, as `Gem::Specification#to_ruby` writes it (https://guides.rubygems.org/specification-reference/):
/// a `# stub: <name> <version> <platform> <paths>` comment, then `Gem::Specification.new do |s|` and assignments such
/// as `s.name = "rack".freeze`. It is read as text, never run: the assignments are recognised line by line, and the
/// stub line fills in what they leave out. A native gem's platform (`x86_64-linux`) becomes its architecture. Gemspecs elsewhere (a gem's own source tree) are not installed gems.
public struct GemSpecificationAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "gem-specification", version: 2)

    /// Generated specifications are a few kilobytes.
    public var maximumFileSize: Int64 { 1 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        guard path.name.hasSuffix(".gemspec") else { return false }
        let components = path.components
        let count = components.count
        if count >= 3, components[count - 2] == "specifications" { return true }
        return count >= 4 && components[count - 2] == "default" && components[count - 3] == "specifications"
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        AnalysisResult(packages: [try Self.package(from: file.contents, path: file.path)])
    }

    /// The gem a generated specification describes.
    ///
    /// - Throws: `RubyGemsError` when no name or version is set.
    public static func package(from bytes: [UInt8], path: ImagePath) throws(RubyGemsError) -> InstalledPackage {
        var variable = "s"
        var name: String?
        var version: String?
        var stubName: String?
        var stubVersion: String?
        var platform: String?
        var stubPlatform: String?
        var licenses: [String] = []
        for (_, lineBytes) in ByteLines(bytes) {
            let line = String(decoding: lineBytes, as: UTF8.self).trimmedOfBlanks()
            if line.hasPrefix("# stub: ") {
                let fields = line.dropFirst("# stub: ".count).split(separator: " ")
                if fields.count >= 2 {
                    stubName = String(fields[0])
                    stubVersion = String(fields[1])
                    stubPlatform = fields.count >= 3 ? String(fields[2]) : nil
                }
            } else if line.hasPrefix("Gem::Specification.new"), let open = line.firstIndex(of: "|") {
                let rest = line[line.index(after: open)...]
                if let close = rest.firstIndex(of: "|") { variable = rest[..<close].trimmedOfBlanks() }
            } else if let value = assignedValue(of: "name", on: line, variable: variable) {
                name = name ?? quotedStrings(in: value).first
            } else if let value = assignedValue(of: "version", on: line, variable: variable) {
                version = version ?? quotedStrings(in: value).first
            } else if let value = assignedValue(of: "platform", on: line, variable: variable) {
                platform = platform ?? quotedStrings(in: value).first
            } else if let value = assignedValue(of: "licenses", on: line, variable: variable)
                ?? assignedValue(of: "license", on: line, variable: variable)
            {
                if licenses.isEmpty { licenses = quotedStrings(in: value) }
            }
        }
        guard let name = name ?? stubName, !name.isEmpty else { throw .missingName }
        guard let version = version ?? stubVersion, !version.isEmpty else { throw .missingVersion(name: name) }
        // `ruby` is the platform of pure-Ruby gems: no architecture.
        let architecture = (platform ?? stubPlatform).flatMap { $0 == "ruby" || $0.isEmpty ? nil : $0 }
        return InstalledPackage(
            name: name, version: version, ecosystem: .gem, architecture: architecture, licenses: licenses, path: path)
    }

    /// The right-hand side of `<variable>.<attribute> = …`, or `nil` when the line assigns something else.
    static func assignedValue(of attribute: String, on line: String, variable: String) -> Substring? {
        let prefix = "\(variable).\(attribute)"
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count).drop { $0 == " " }
        guard rest.first == "=", rest.dropFirst().first != "=" else { return nil }
        return rest.dropFirst()
    }

    /// The string literals in a Ruby expression, single- or double-quoted, without their quotes.
    static func quotedStrings(in text: Substring) -> [String] {
        var strings: [String] = []
        var rest = text
        while let open = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) {
            let quote = rest[open]
            let body = rest[rest.index(after: open)...]
            guard let close = body.firstIndex(of: quote) else { break }
            strings.append(String(body[..<close]))
            rest = body[body.index(after: close)...]
        }
        return strings
    }
}
