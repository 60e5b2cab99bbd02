import ScanModel
import VulnerabilityMatching

/// Matches RPM packages with rpm's own ordering, epoch included.
///
/// Red Hat's records name binary packages; Rocky, AlmaLinux and SUSE name source packages, so both names are asked.
struct RPMMatcher: Matcher {
    let ecosystem = EcosystemID.rpm
    let evaluator = RangeEvaluator(
        ecosystemScheme: ParsedVersionScheme<RPMVersion>(), semanticScheme: ParsedVersionScheme<SemanticVersion>())

    func queries(for package: InstalledPackage, operatingSystem: OperatingSystem?) -> [AdvisoryQuery] {
        guard let operatingSystem, let osv = OSVEcosystemName.forOperatingSystem(operatingSystem) else { return [] }
        let names = [package.name, package.sourceName].compactMap { $0 }
        return Array(Set(names)).sorted().map {
            AdvisoryQuery(ecosystem: osv.name, name: $0, includesSubEcosystems: osv.includesSubEcosystems)
        }
    }

    func decision(for package: InstalledPackage, against affected: AffectedPackage) -> MatchDecision {
        let version = package.epoch.map { "\($0):\(package.version)" } ?? package.version
        return evaluator.decision(for: version, against: affected)
    }
}
