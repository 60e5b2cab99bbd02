import PackageAnalysis
import ScanModel

/// Reads the `packages` section of pnpm's `pnpm-lock.yaml` (https://github.com/pnpm/spec/tree/master/lockfile),
/// line by line, in the three key forms pnpm has written.
///
/// - Lockfile 5.x: `  /lodash/4.17.21:` and `  /@babel/core/7.23.0_supports-color@5.5.0:` (peers after `_`).
/// - Lockfile 6.0: `  /lodash@4.17.21:` and `  /@babel/core@7.23.0(supports-color@5.5.0):` (peers in parentheses).
/// - Lockfile 9.0: `  lodash@4.17.21:` and `  '@babel/core@7.23.0':`, peers moved to a `snapshots` section.
///
/// Entries marked `dev: true` (5.x and 6.0) are reported with `isDevelopment`, as in `package-lock.json`; 9.0 records
/// dev status only per importer, so all its packages are reported as production. Entries that are not registry releases (`file:`, `link:`, git and
/// tarball sources, which carry a `name:` field) are skipped: no advisory names them.
enum PNPMLockfile {
    /// The packages of a `pnpm-lock.yaml`, with a warning for each key that could not be read.
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var result = AnalysisResult()
        var usesSlashKeys = false
        var isInPackages = false
        var entry: (key: String, line: Int)?
        var isDevelopment = false
        var isOutsideTheRegistry = false
        func finishEntry() {
            defer {
                entry = nil
                isDevelopment = false
                isOutsideTheRegistry = false
            }
            guard let entry, !isOutsideTheRegistry else { return }
            guard let parsed = nameAndVersion(of: entry.key, usesSlashKeys: usesSlashKeys) else {
                result.warnings.append(
                    "\(path):\(entry.line): cannot read a package name and version in '\(entry.key)'")
                return
            }
            let version = parsed.version
            guard let first = version.first, first.isNumber, !version.contains(":"), !version.contains("/") else {
                return
            }
            result.packages.append(
                InstalledPackage(
                    name: parsed.name, version: version, ecosystem: .npm, path: path, isDevelopment: isDevelopment))
        }
        for (number, lineBytes) in ByteLines(bytes) {
            let line = String(decoding: lineBytes, as: UTF8.self)
            guard let first = line.first, first != "#" else { continue }
            if first != " " {
                finishEntry()
                isInPackages = line.trimmedOfBlanks() == "packages:"
                if line.hasPrefix("lockfileVersion:") {
                    let version = unquoted(line.dropFirst("lockfileVersion:".count).trimmedOfBlanks())
                    usesSlashKeys = version.hasPrefix("5") || version.hasPrefix("4") || version.hasPrefix("3")
                }
                continue
            }
            guard isInPackages else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                finishEntry()
                entry = (unquoted(String(line.dropLast()).trimmedOfBlanks()), number)
            } else if entry != nil, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let field = line.trimmedOfBlanks()
                if field == "dev: true" { isDevelopment = true }
                // pnpm writes `name:` only for packages from git, tarballs and folders, whose keys are not `name@version`.
                if field.hasPrefix("name:") { isOutsideTheRegistry = true }
            }
        }
        finishEntry()
        result.packages = LockedPackages.merged(result.packages)
        return result
    }

    /// The name and version a `packages` key names, peer suffixes removed.
    static func nameAndVersion(of key: String, usesSlashKeys: Bool) -> (name: String, version: String)? {
        var key = Substring(key)
        if key.hasPrefix("/") { key = key.dropFirst() }
        if let parenthesis = key.firstIndex(of: "(") { key = key[..<parenthesis] }
        let separator = usesSlashKeys ? key.lastIndex(of: "/") : key.dropFirst().lastIndex(of: "@")
        guard let separator, separator > key.startIndex else { return nil }
        let name = String(key[..<separator])
        var version = key[key.index(after: separator)...]
        // Peers follow the version after `_` in 5.x keys, with the `/` of their names written `+`.
        if usesSlashKeys, let underscore = version.firstIndex(of: "_") { version = version[..<underscore] }
        guard !name.isEmpty, !version.isEmpty else { return nil }
        return (name, String(version))
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else {
            return text
        }
        return String(text.dropFirst().dropLast())
    }
}
