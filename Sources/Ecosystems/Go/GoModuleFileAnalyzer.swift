import PackageAnalysis
import ScanModel

/// Reads the module requirements of Go projects: `go.mod` (https://go.dev/ref/mod#go-mod-file), and `go.sum`
/// (https://go.dev/ref/mod#go-sum-files) where no `go.mod` is beside it.
///
/// From `go.mod`: every `require`d module, single-line and block form, `// indirect` ones included, with `replace`
/// directives applied (a replacement with a version replaces that version only; one without, every version).
/// Requirements replaced by a local directory (`=> ../fork`) are left out, as `GoBinaryAnalyzer` does, since they
/// name no published version. The main module is not reported (it has no version), and neither is the standard
/// library: the `go` and `toolchain` directives say the least version the module needs, not the toolchain that
/// builds it. `exclude` and `retract` change nothing that is required, so they are ignored.
///
/// A `go.sum` lists a checksum for every module version the build ever looked at, several versions of one module
/// among them, so beside a `go.mod` it would report versions the build does not use. Its lines are read (those
/// without the `/go.mod` suffix, which are module contents rather than only their `go.mod` files), and each
/// `go.mod`'s result claims the `go.sum` beside it in `ownedFiles`, so that the scan reports the `go.mod`'s versions
/// and uses the `go.sum` only in folders without a `go.mod`. Files in `testdata` folders are fixtures of Go's own
/// tests, which the go command ignores, and are not read. Versions keep Go's `v`, as `GoBinaryAnalyzer` reports them.
public struct GoModuleFileAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "go-module-file", version: 1)

    /// The `go.sum` of a large project is a few MiB.
    public var maximumFileSize: Int64 { 16 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        guard name == "go.mod" || name == "go.sum" else { return false }
        return !path.components.dropLast().contains("testdata") && !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        if file.path.name == "go.sum" { return Self.sumResult(file.contents, path: file.path) }
        var result = Self.moduleResult(file.contents, path: file.path)
        result.ownedFiles = [file.path.parent.appending("go.sum")]
        return result
    }

    /// A module path and version, as written in a directive.
    private struct ModuleVersion: Hashable {
        var path: String
        var version: String?
    }

    /// The modules a `go.mod` requires after its replacements, in file order, and one warning for its unreadable
    /// lines.
    public static func moduleResult(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var requirements: [ModuleVersion] = []
        var replacements: [(old: ModuleVersion, new: ModuleVersion?)] = []
        var unreadable = UnreadableLines()
        var block: String?
        for (number, line) in ByteLines(bytes) {
            var tokens = Self.tokens(of: line)
            guard !tokens.isEmpty else { continue }
            if let verb = block {
                if tokens == [")"] {
                    block = nil
                    continue
                }
                tokens.insert(verb, at: 0)
            } else if tokens.count == 2, tokens[1] == "(" {
                block = tokens[0]
                continue
            }
            switch tokens[0] {
            case "require":
                guard tokens.count == 3 else {
                    unreadable.record(line: number, reason: "a require directive without a module path and version")
                    continue
                }
                requirements.append(ModuleVersion(path: tokens[1], version: tokens[2]))
            case "replace":
                guard let arrow = tokens.firstIndex(of: "=>"), arrow == 2 || arrow == 3,
                    tokens.count - arrow == 2 || tokens.count - arrow == 3
                else {
                    unreadable.record(line: number, reason: "a replace directive without 'old => new'")
                    continue
                }
                let old = ModuleVersion(path: tokens[1], version: arrow == 3 ? tokens[2] : nil)
                let isLocal = tokens.count - arrow == 2
                let new = isLocal ? nil : ModuleVersion(path: tokens[arrow + 1], version: tokens[arrow + 2])
                replacements.append((old, new))
            case "module", "go", "toolchain", "godebug", "exclude", "retract", "tool", "ignore":
                continue
            default:
                unreadable.record(line: number, reason: "not a go.mod directive")
            }
        }
        var packages: [InstalledPackage] = []
        for requirement in requirements {
            // The last matching replacement wins; one for this exact version beats one for every version.
            let replacement =
                replacements.last { $0.old == requirement }
                ?? replacements.last { $0.old.path == requirement.path && $0.old.version == nil }
            let module: ModuleVersion?
            if let replacement { module = replacement.new } else { module = requirement }
            guard let module, let version = module.version, !module.path.isEmpty, !version.isEmpty else { continue }
            packages.append(InstalledPackage(name: module.path, version: version, ecosystem: .golang, path: path))
        }
        return AnalysisResult(packages: LockedPackages.merged(packages), warnings: unreadable.warnings(for: path))
    }

    /// The module versions a `go.sum` holds the contents of, each once in file order, and one warning for its
    /// unreadable lines.
    public static func sumResult(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var packages: [InstalledPackage] = []
        var unreadable = UnreadableLines()
        for (number, line) in ByteLines(bytes) {
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            guard !fields.isEmpty else { continue }
            guard fields.count == 3, fields[2].starts(with: Array("h1:".utf8)) else {
                unreadable.record(line: number, reason: "not a 'module version h1:hash' line")
                continue
            }
            let version = String(decoding: fields[1], as: UTF8.self)
            guard !version.hasSuffix("/go.mod") else { continue }
            packages.append(
                InstalledPackage(
                    name: String(decoding: fields[0], as: UTF8.self), version: version, ecosystem: .golang, path: path))
        }
        return AnalysisResult(packages: LockedPackages.merged(packages), warnings: unreadable.warnings(for: path))
    }

    /// The tokens of a `go.mod` line: words, `(`, `)`, `=>`, and quoted strings unquoted; a `//` comment ends it.
    static func tokens(of line: ArraySlice<UInt8>) -> [String] {
        var tokens: [String] = []
        var index = line.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while index < line.endIndex {
            let byte = line[index]
            if isSpace(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                tokens.append(String(UnicodeScalar(byte)))
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                // Interpreted strings in go.mod hold module paths and versions, which have no escapes worth decoding.
                let close = line[(index + 1)...].firstIndex(of: byte) ?? line.endIndex
                tokens.append(String(decoding: line[(index + 1)..<close], as: UTF8.self))
                index = close < line.endIndex ? close + 1 : close
                continue
            }
            let start = index
            while index < line.endIndex, !isSpace(line[index]), line[index] != UInt8(ascii: "("),
                line[index] != UInt8(ascii: ")"),
                !(line[index] == UInt8(ascii: "/") && index + 1 < line.endIndex && line[index + 1] == UInt8(ascii: "/"))
            {
                index += 1
            }
            tokens.append(String(decoding: line[start..<index], as: UTF8.self))
        }
        return tokens
    }
}
