import PackageAnalysis
import ScanModel
import VulnerabilityMatching

/// A package format: the analyzers that find its packages and the matcher that judges advisories for them.
public struct Ecosystem: Sendable {
    public let id: EcosystemID
    public let analyzers: [any Analyzer]
    /// Analyzers of files that describe a project rather than what is installed (`requirements.txt`, `go.mod`): run
    /// only when the target is a source tree (`dir:`), as Trivy and Syft do for file-system scans.
    public let sourceTreeAnalyzers: [any Analyzer]
    public let matcher: (any Matcher)?

    public init(
        id: EcosystemID, analyzers: [any Analyzer], sourceTreeAnalyzers: [any Analyzer] = [],
        matcher: (any Matcher)? = nil
    ) {
        self.id = id
        self.analyzers = analyzers
        self.sourceTreeAnalyzers = sourceTreeAnalyzers
        self.matcher = matcher
    }
}

/// Every supported ecosystem; the only place one is registered.
public enum EcosystemCatalog {
    public static let all: [Ecosystem] = [
        .dpkg, .apk, .rpm, .pypi, .golang, .npm, .rubyGems, .packagist, .maven, .cargo, .nuget,
    ]

    /// Every image analyzer of every ecosystem, plus the operating-system release analyzer.
    public static var analyzers: [any Analyzer] { analyzers(for: .all, sourceTree: false) }

    /// The analyzers a scan of `selection` runs.
    ///
    /// Those of the selected ecosystems (and their source-tree analyzers when `sourceTree`), the operating-system
    /// release analyzer, and the OS package analyzers always, since the files OS packages own decide which language
    /// packages are reported. An analyzer that serves several ecosystems
    /// (one pass over an executable finds Go modules and Rust crates) runs once.
    public static func analyzers(for selection: PackageTypeSelection, sourceTree: Bool) -> [any Analyzer] {
        var seen: Set<AnalyzerIdentity> = []
        let selected = all.filter { selection.contains($0.id) || $0.id.isOperatingSystemPackage }.flatMap { ecosystem in
            ecosystem.analyzers + (sourceTree ? ecosystem.sourceTreeAnalyzers : [])
        }
        return selected.filter { seen.insert($0.identity).inserted } + [OSReleaseAnalyzer()]
    }

    /// The matcher of every ecosystem that has one.
    public static var matchers: [any Matcher] { all.compactMap(\.matcher) }
}
