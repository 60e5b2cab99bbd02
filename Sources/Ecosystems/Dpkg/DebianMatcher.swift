import ScanModel
import VulnerabilityMatching

/// Matches Debian and Ubuntu packages: advisories are written per source package and source version.
struct DebianMatcher: Matcher {
    let ecosystem = EcosystemID.dpkg
    let evaluator = RangeEvaluator(
        ecosystemScheme: ParsedVersionScheme<DpkgVersion>(), semanticScheme: ParsedVersionScheme<SemanticVersion>())

    func queries(for package: InstalledPackage, operatingSystem: OperatingSystem?) -> [AdvisoryQuery] {
        guard let operatingSystem, let osv = OSVEcosystemName.forOperatingSystem(operatingSystem) else { return [] }
        return [AdvisoryQuery(ecosystem: osv.name, name: package.sourceName ?? package.name)]
    }

    /// Compares the source version: a binary rebuilt as `+b1` keeps its source's fixes.
    func decision(for package: InstalledPackage, against affected: AffectedPackage) -> MatchDecision {
        evaluator.decision(for: package.sourceVersion ?? package.version, against: affected)
    }
}
