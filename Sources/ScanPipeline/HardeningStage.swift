import ContainerImage
import Ecosystems
import Foundation
import Hardening
import PackageAnalysis
import ScanModel
import SecretScanning
import Yams

/// How the `config` scanner checks an image.
public struct HardeningOptions: Sendable {
    /// The user's rule adjustments (the `hardening:` section of the configuration file).
    public var configuration: HardeningConfiguration
    /// Whether executables and shared objects are checked for PIE, NX, RELRO, canaries and FORTIFY.
    public var checksBinaries: Bool

    public init(configuration: HardeningConfiguration = HardeningConfiguration(), checksBinaries: Bool = true) {
        self.configuration = configuration
        self.checksBinaries = checksBinaries
    }

    /// The `hardening:` section of the YAML configuration file at `path`; an empty configuration when it has none.
    ///
    /// - Throws: `SecretConfigurationFileError` naming the file and what is wrong with it.
    public static func loading(configurationFile path: String) throws -> HardeningConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SecretConfigurationFileError(path: path, reason: "cannot be read")
        }
        struct File: Decodable { var hardening: HardeningConfiguration? }
        do {
            return try YAMLDecoder().decode(File.self, from: text).hardening ?? HardeningConfiguration()
        } catch {
            throw SecretConfigurationFileError(path: path, reason: "is not a valid configuration (\(error))")
        }
    }
}

/// Gathers the hardening findings of a scan: image configuration and history, the base image, and the binaries the
/// layer walk checked.
struct HardeningStage {
    var options: HardeningOptions

    /// The path dpkg's excludes live at in Debian `-slim` images.
    static let slimExcludesPath = ImagePath("etc/dpkg/dpkg.cfg.d/docker")

    /// The analyzers the layer walk runs for the stage: binaries, and a marker for the `-slim` dpkg excludes.
    var analyzers: [any Analyzer] {
        var analyzers: [any Analyzer] = [PathPresenceAnalyzer(path: Self.slimExcludesPath)]
        if options.checksBinaries {
            let executables = ExecutableDependencyAnalyzer()
            analyzers.append(
                BinaryHardeningAnalyzer(
                    maximumFileSize: executables.maximumFileSize,
                    isExecutablePath: { executables.isInterested(in: $0) }))
        }
        return analyzers
    }

    /// The findings, sorted by category, severity and rule, and the base-image assessment.
    func findings(
        image: LoadedImage, squashed: SquashedAnalysis, operatingSystem: OperatingSystem?,
        installed: [InstalledPackage], ownedFiles: Set<ImagePath>, secrets: [SecretFinding]?, today: Date
    ) -> (findings: [HardeningFinding], baseImage: BaseImageAssessment) {
        let configuration = options.configuration
        var findings = ImageRules.findings(
            in: imageFacts(image: image, squashed: squashed, secrets: secrets), configuration: configuration)
        if secrets == nil {
            findings += configuration.applied(to: permissionFindings(squashed, ownedFiles: ownedFiles))
        }
        let operatingSystemPackages = installed.filter { $0.ecosystem.isOperatingSystemPackage }.map(\.name)
        let baseFacts = BaseImageFacts(
            operatingSystem: operatingSystem, packageNames: operatingSystemPackages,
            fileCount: squashed.layers.reduce(0) { $0 + $1.entryCount },
            hasSlimDpkgExcludes: squashed.visibleFiles.contains {
                $0.path == Self.slimExcludesPath && $0.identity.name == PathPresenceAnalyzer.name
            })
        let base = BaseImageAssessor.assess(baseFacts, today: Self.day(today), configuration: configuration)
        findings += base.findings
        findings += configuration.applied(
            to: binaryFindings(squashed, ownedFiles: ownedFiles, isMusl: operatingSystem?.id == "alpine"))
        return (findings.sorted(by: Self.reportOrder), base.assessment)
    }

    /// Category, then severity (highest first), then rule, file and line.
    static func reportOrder(_ first: HardeningFinding, _ second: HardeningFinding) -> Bool {
        let categories = HardeningFinding.Category.allCases
        let left = (categories.firstIndex(of: first.category) ?? 0, first.severity, first.ruleID)
        let right = (categories.firstIndex(of: second.category) ?? 0, second.severity, second.ruleID)
        if left.0 != right.0 { return left.0 < right.0 }
        if left.1 != right.1 { return left.1 > right.1 }
        if left.2 != right.2 { return left.2 < right.2 }
        return ((first.file ?? ""), first.line ?? 0) < ((second.file ?? ""), second.line ?? 0)
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func day(_ date: Date) -> String { String(ImageScanner.timestamp(date).prefix(10)) }

    /// The facts the image rules read.
    func imageFacts(image: LoadedImage, squashed: SquashedAnalysis, secrets: [SecretFinding]?) -> ImageFacts {
        let container = image.configuration?.config
        var steps: [ImageFacts.HistoryStep] = []
        var layerIndex = 0
        for (index, entry) in (image.configuration?.history ?? []).enumerated() {
            let isEmpty = entry.emptyLayer == true
            defer { if !isEmpty { layerIndex += 1 } }
            guard let line = entry.createdBy else { continue }
            let layer = isEmpty || layerIndex >= image.layers.count ? nil : image.layers[layerIndex]
            steps.append(ImageFacts.HistoryStep(index: index, createdBy: line, layer: layer))
        }
        let reportedLines = Set(
            (secrets ?? []).filter { $0.path == ImagePath("config:Env") }.compactMap(\.line))
        return ImageFacts(
            user: container?.user, environment: container?.env ?? [],
            environmentLinesReportedAsSecrets: reportedLines, labels: container?.labels ?? [:],
            healthcheck: container?.healthcheck?.test, exposedPorts: (container?.exposedPorts ?? [:]).keys.sorted(),
            history: steps, waste: Self.waste(squashed.layers),
            totalFileBytes: squashed.layers.reduce(0) { $0 + $1.regularFileBytes })
    }

    /// Per layer, the bytes of its large files that a layer above deletes or replaces.
    static func waste(_ layers: [LayerAnalysis]) -> [ImageFacts.LayerWaste] {
        var result: [ImageFacts.LayerWaste] = []
        for (position, analysis) in layers.enumerated() where !analysis.largeFiles.isEmpty {
            let above = layers[(position + 1)...]
            var wasted: [ImageFacts.WastedFile] = []
            for (path, size) in analysis.largeFiles
            where above.contains(where: { $0.hidesLowerVersion(of: path) || $0.largeFiles[path] != nil }) {
                wasted.append(ImageFacts.WastedFile(path: path, size: size))
            }
            guard !wasted.isEmpty else { continue }
            wasted.sort { ($0.size, $1.path) > ($1.size, $0.path) }
            result.append(
                ImageFacts.LayerWaste(
                    layer: analysis.layer, wastedBytes: wasted.reduce(0) { $0 + $1.size },
                    largestFiles: Array(wasted.prefix(3))))
        }
        return result
    }

    /// Set-user-ID and set-group-ID files, when the secret scanner (which reports them as `PLM-SECRET-FS-…`) did
    /// not run: the same check (`FilesystemHygiene`), the same rule IDs, reported once.
    func permissionFindings(_ squashed: SquashedAnalysis, ownedFiles: Set<ImagePath>) -> [HardeningFinding] {
        let layers = squashed.layers
        let setIDRules: Set<String> = [FilesystemHygiene.setuid.id, FilesystemHygiene.setgid.id]
        var findings: [HardeningFinding] = []
        for (position, analysis) in layers.enumerated() {
            let above = layers[(position + 1)...]
            var notable: [ImagePath: LayerEntry] = [:]
            for entry in analysis.notableEntries { notable[entry.path] = entry }
            for (path, entry) in notable.sorted(by: { $0.key < $1.key })
            where !above.contains(where: { $0.hidesLowerVersion(of: path) }) {
                for finding in FilesystemHygiene.findings(for: entry, isOwnedByOSPackage: ownedFiles.contains(path))
                where setIDRules.contains(finding.ruleID) {
                    findings.append(
                        HardeningFinding(
                            ruleID: finding.ruleID, category: .image, title: finding.title, severity: finding.severity,
                            message: "\(path.absolute): \(finding.match); remove the bit unless the program needs it.",
                            file: path.absolute, layer: analysis.layer))
                }
            }
        }
        return findings
    }

    /// The binary findings still visible: one per file and rule for files no OS package owns; for files OS packages
    /// own, one finding per rule counting them, so that a distribution's own builds take one line each.
    func binaryFindings(_ squashed: SquashedAnalysis, ownedFiles: Set<ImagePath>, isMusl: Bool)
        -> [HardeningFinding]
    {
        var own: [HardeningFinding] = []
        var packaged: [String: [HardeningFinding]] = [:]
        for result in squashed.visibleResults where result.identity.name == "binary-hardening" {
            for finding in result.result.hardening {
                if isMusl, finding.ruleID == BinaryRule.noFortify.id { continue }
                if ownedFiles.contains(result.path) {
                    packaged[finding.ruleID, default: []].append(finding)
                } else {
                    own.append(finding)
                }
            }
        }
        for rule in BinaryRule.all {
            guard let findings = packaged[rule.id], !findings.isEmpty else { continue }
            let files = findings.compactMap(\.file).sorted()
            let examples = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", …" : "")
            own.append(
                HardeningFinding(
                    ruleID: rule.id, category: .binary, title: rule.title, severity: BinaryRule.defaultSeverity,
                    message: "\(files.count) file(s) installed by OS packages: \(examples). \(rule.remedy) "
                        + "(the distribution's build; a newer or different base image may fix it)",
                    file: nil, layer: nil))
        }
        return own
    }
}

/// Records that a file exists, for checks that need a file's presence and not its contents.
struct PathPresenceAnalyzer: Analyzer {
    static let name = "path-presence"
    let identity = AnalyzerIdentity(name: PathPresenceAnalyzer.name, version: 1)
    let path: ImagePath
    var maximumFileSize: Int64 { 64 << 10 }

    func isInterested(in candidate: ImagePath) -> Bool { candidate == path }
    func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult { AnalysisResult() }
}
