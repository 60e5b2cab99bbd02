import ScanModel

/// Assesses the base image: its kind, its release's end of life, and what a minimal image would leave out.
///
/// Reports `PLM-IMAGE-BASE-…` findings; `docs/rules/base-image.md` documents them.
public enum BaseImageAssessor {
    /// The release is past its end of life.
    public static let endOfLifeRule = "PLM-IMAGE-BASE-END-OF-LIFE"
    /// The release reaches its end of life within 90 days.
    public static let nearEndOfLifeRule = "PLM-IMAGE-BASE-NEAR-END-OF-LIFE"
    /// The image is built on a full distribution.
    public static let fullDistributionRule = "PLM-IMAGE-BASE-FULL-DISTRIBUTION"
    /// The release is not in the end-of-life table: its support cannot be judged.
    public static let unknownReleaseRule = "PLM-IMAGE-BASE-UNKNOWN-RELEASE"

    /// The assessment of `facts` on `today` (`YYYY-MM-DD`) and the findings it calls for, with `configuration`
    /// applied.
    public static func assess(
        _ facts: BaseImageFacts, today: String, configuration: HardeningConfiguration = HardeningConfiguration()
    ) -> (assessment: BaseImageAssessment, findings: [HardeningFinding]) {
        let kind = BaseImageClassifier.kind(of: facts)
        var assessment = BaseImageAssessment(kind: kind, tableCheckedOn: EndOfLife.checkedOn)
        var findings: [HardeningFinding] = []
        func add(_ rule: String, _ title: String, _ severity: Severity, _ message: String) {
            findings.append(
                HardeningFinding(
                    ruleID: rule, category: .baseImage, title: title, severity: severity, message: message))
        }
        guard let system = facts.operatingSystem else { return (assessment, []) }
        let name = system.prettyName ?? ([system.id, system.versionID].compactMap { $0 }.joined(separator: " "))
        assessment.operatingSystem = name
        if let version = system.versionID, let release = EndOfLife.release(distribution: system.id, versionID: version)
        {
            assessment.endOfLife = release.endOfLife
            assessment.endOfLifeNote = release.note
            assessment.status = EndOfLife.status(endOfLife: release.endOfLife, today: today)
            let note = release.note.map { " (\($0))" } ?? ""
            switch assessment.status {
            case .endOfLife:
                add(
                    endOfLifeRule, "Base image release past its end of life", .high,
                    "\(name) reached its end of life on \(release.endOfLife)\(note) and gets no more security "
                        + "fixes; rebuild on a supported release.")
            case .nearEndOfLife:
                add(
                    nearEndOfLifeRule, "Base image release near its end of life", .medium,
                    "\(name) reaches its end of life on \(release.endOfLife)\(note); plan the move to a newer "
                        + "release.")
            case .supported, .unknown:
                break
            }
        } else if system.id != "wolfi", system.id != "chainguard" {
            add(
                unknownReleaseRule, "Base image release not in the end-of-life table", .negligible,
                "\(name) is not in Plimsoll's end-of-life table (checked \(EndOfLife.checkedOn)); its support "
                    + "could not be judged.")
        }
        if kind == .full {
            let removable = BaseImageClassifier.removablePackages(facts.packageNames)
            let alternative = BaseImageClassifier.minimalAlternative(to: system)
            assessment.suggestedAlternative = alternative
            assessment.removablePackages = removable
            let counts = ["shell", "package-manager", "compiler"].compactMap { kind -> String? in
                guard let names = removable[kind], !names.isEmpty else { return nil }
                let label = kind == "package-manager" ? "package manager" : kind
                return
                    "\(names.count) \(label) package\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", ")))"
            }
            add(
                fullDistributionRule, "Built on a full distribution", .low,
                "The image is built on the full \(name)"
                    + (counts.isEmpty ? "" : ", with " + counts.joined(separator: ", "))
                    + "; an attacker in the container can use all of it. "
                    + (alternative.map { "Build on \($0) and copy in only what the program needs." }
                        ?? "Build on a minimal or distroless image."))
        }
        return (assessment, configuration.applied(to: findings))
    }
}
