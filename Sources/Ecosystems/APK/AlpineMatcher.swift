import ScanModel
import VulnerabilityMatching

/// Matches Alpine, Wolfi and Chainguard packages by their origin (source) package.
struct AlpineMatcher: Matcher {
    let ecosystem = EcosystemID.apk
    let evaluator = RangeEvaluator(
        ecosystemScheme: ParsedVersionScheme<APKVersion>(), semanticScheme: ParsedVersionScheme<SemanticVersion>())

    func queries(for package: InstalledPackage, operatingSystem: OperatingSystem?) -> [AdvisoryQuery] {
        guard let operatingSystem, let osv = OSVEcosystemName.forOperatingSystem(operatingSystem) else { return [] }
        return [AdvisoryQuery(ecosystem: osv.name, name: package.sourceName ?? package.name)]
    }

    func decision(for package: InstalledPackage, against affected: AffectedPackage) -> MatchDecision {
        evaluator.decision(for: package.version, against: affected)
    }
}
