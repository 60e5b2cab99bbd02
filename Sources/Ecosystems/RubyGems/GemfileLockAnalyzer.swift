import PackageAnalysis
import ScanModel

/// Reads the gems Bundler pinned in a `Gemfile.lock` (or `gems.locked`): the `specs:` of its `GEM` section, one
/// `    name (version)` line per gem, four spaces in (https://bundler.io/guides/gemfile_lock.html).
///
/// Lines six spaces in are a gem's own dependencies and name ranges, not versions. A platform-specific gem is written
/// `nokogiri (1.15.4-x86_64-linux)`: the version is before the first `-` (RubyGems versions never hold one), the
/// platform after it. Gems from `GIT` and `PATH` sections are built from a source tree, not from a release that
/// advisories name, so they are not reported.
public struct GemfileLockAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "gemfile-lock", version: 2)

    public var maximumFileSize: Int64 { 8 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        return (name == "Gemfile.lock" || name == "gems.locked") && !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        Self.parse(file.contents, path: file.path)
    }

    /// The gems of a lock file, with a warning for each spec line that could not be read.
    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        var result = AnalysisResult()
        var section = ""
        for (number, lineBytes) in ByteLines(bytes) {
            let line = String(decoding: lineBytes, as: UTF8.self)
            guard let first = line.first else { continue }
            if first != " " {
                section = line.trimmedOfBlanks()
                continue
            }
            guard section == "GEM", line.hasPrefix("    "), !line.hasPrefix("     ") else { continue }
            let spec = line.trimmedOfBlanks()
            guard let open = spec.firstIndex(of: "("), spec.hasSuffix(")") else {
                result.warnings.append("\(path):\(number): expected 'name (version)', found '\(spec)'")
                continue
            }
            let name = spec[..<open].trimmedOfBlanks()
            let versionText = spec[spec.index(after: open)..<spec.index(before: spec.endIndex)]
            guard !name.isEmpty, !versionText.isEmpty else {
                result.warnings.append("\(path):\(number): expected 'name (version)', found '\(spec)'")
                continue
            }
            var version = String(versionText)
            var platform: String?
            if let dash = versionText.firstIndex(of: "-") {
                version = String(versionText[..<dash])
                platform = String(versionText[versionText.index(after: dash)...])
            }
            guard !version.isEmpty else {
                result.warnings.append("\(path):\(number): expected 'name (version)', found '\(spec)'")
                continue
            }
            result.packages.append(
                InstalledPackage(name: name, version: version, ecosystem: .gem, architecture: platform, path: path))
        }
        return result
    }
}
