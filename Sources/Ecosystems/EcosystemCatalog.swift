import PackageAnalysis
import ScanModel
import VulnerabilityMatching

/// A package format: the analyzers that find its packages and the matcher that judges advisories for them.
public struct Ecosystem: Sendable {
    public let id: EcosystemID
    public let analyzers: [any Analyzer]
    public let matcher: (any Matcher)?

    public init(id: EcosystemID, analyzers: [any Analyzer], matcher: (any Matcher)? = nil) {
        self.id = id
        self.analyzers = analyzers
        self.matcher = matcher
    }
}

/// Every supported ecosystem; the only place one is registered.
public enum EcosystemCatalog {
    public static let all: [Ecosystem] = [
        .dpkg, .apk, .rpm, .pypi, .golang, .npm, .rubyGems, .packagist, .maven, .cargo, .nuget,
    ]

    /// Every analyzer of every ecosystem, plus the operating-system release analyzer.
    public static var analyzers: [any Analyzer] { all.flatMap(\.analyzers) + [OSReleaseAnalyzer()] }

    /// The matcher of every ecosystem that has one.
    public static var matchers: [any Matcher] { all.compactMap(\.matcher) }
}
