import PackageAnalysis
import ScanModel

/// Reads `yarn.lock`: the classic v1 format (`lodash@^4.17.21:` then `  version "4.17.21"`,
/// https://classic.yarnpkg.com/lang/en/docs/yarn-lock/) and Berry's YAML form (`"lodash@npm:^4.17.21":` then
/// `  version: 4.17.21`, with a `__metadata` entry).
///
/// Each entry's header lists the specifiers it satisfies, all for one package; its body gives the resolved version.
/// Berry's workspace, link, portal and patch entries are the project's own folders or a second view of a package
/// listed anyway, so they are skipped.
enum YarnLockfile {
    /// Specifier protocols that do not name a registry package.
    static let localProtocols: Set<String> = ["workspace", "link", "portal", "patch"]

    /// The packages of a `yarn.lock`, with a warning for each entry that could not be read.
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var result = AnalysisResult()
        var header: (specifier: String, line: Int)?
        var version: String?
        func finishEntry() {
            defer {
                header = nil
                version = nil
            }
            guard let header, header.specifier != "__metadata" else { return }
            guard let parsed = nameAndProtocol(of: header.specifier) else {
                result.warnings.append("\(path):\(header.line): cannot read a package name in '\(header.specifier)'")
                return
            }
            guard !localProtocols.contains(parsed.protocol) else { return }
            guard let version, !version.isEmpty else {
                result.warnings.append("\(path):\(header.line): '\(header.specifier)' has no version; skipped")
                return
            }
            result.packages.append(InstalledPackage(name: parsed.name, version: version, ecosystem: .npm, path: path))
        }
        for (number, bytes) in ByteLines(bytes) {
            let line = String(decoding: bytes, as: UTF8.self)
            guard let first = line.first, first != "#" else { continue }
            if first != " " {
                finishEntry()
                guard line.hasSuffix(":") else {
                    result.warnings.append("\(path):\(number): expected an entry header ending in ':'")
                    continue
                }
                let specifiers = line.dropLast().split(separator: ",", maxSplits: 1)
                let specifier = specifiers.first.map { unquoted($0.trimmedOfBlanks()) } ?? ""
                header = (specifier, number)
            } else if header != nil, version == nil, !line.hasPrefix("   ") {
                let field = line.trimmedOfBlanks()
                if field.hasPrefix("version:") {
                    version = unquoted(field.dropFirst("version:".count).trimmedOfBlanks())
                } else if field.hasPrefix("version ") {
                    version = unquoted(field.dropFirst("version ".count).trimmedOfBlanks())
                }
            }
        }
        finishEntry()
        result.packages = LockedPackages.merged(result.packages)
        return result
    }

    /// The package name and protocol of a specifier: `@babel/core@^7.0.0` is `@babel/core` with no protocol,
    /// `lodash@npm:^4.17.21` is `lodash` with `npm`, and the alias `wrap-cjs@npm:wrap@^4.2.0` is `wrap` with `npm`.
    static func nameAndProtocol(of specifier: String) -> (name: String, protocol: String)? {
        guard let at = specifier.dropFirst().firstIndex(of: "@") else { return nil }
        var name = String(specifier[..<at])
        let range = specifier[specifier.index(after: at)...]
        guard let colon = range.firstIndex(of: ":") else { return (name, "") }
        let specifierProtocol = String(range[..<colon])
        let target = range[range.index(after: colon)...]
        if specifierProtocol == "npm", let aliasAt = target.dropFirst().firstIndex(of: "@") {
            name = String(target[..<aliasAt])
        }
        return (name, specifierProtocol)
    }

    /// The text without the quotes around it; Berry quotes a whole header, so the first specifier keeps only one.
    private static func unquoted(_ text: String) -> String {
        var text = Substring(text)
        if text.hasPrefix("\"") { text = text.dropFirst() }
        if text.hasSuffix("\"") { text = text.dropLast() }
        return String(text)
    }
}
