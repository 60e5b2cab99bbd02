import PackageAnalysis
import ScanModel

/// A package format: the analyzers that find its packages.
public struct Ecosystem: Sendable {
    public let id: EcosystemID
    public let analyzers: [any Analyzer]

    public init(id: EcosystemID, analyzers: [any Analyzer]) {
        self.id = id
        self.analyzers = analyzers
    }
}

/// Every supported ecosystem; the only place one is registered.
public enum EcosystemCatalog {
    public static let all: [Ecosystem] = [.dpkg, .apk, .rpm]

    /// Every analyzer of every ecosystem, plus the operating-system release analyzer.
    public static var analyzers: [any Analyzer] { all.flatMap(\.analyzers) + [OSReleaseAnalyzer()] }
}
