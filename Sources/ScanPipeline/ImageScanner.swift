import ContainerImage
import Ecosystems
import Foundation
import ImageTrust
import PackageAnalysis
import ScanModel
import SecretScanning

/// Scans an image: reads its source, walks each layer once through every analyzer, and builds the report.
public struct ImageScanner: Sendable {
    /// The analyzers given at creation; `nil` to take them from `EcosystemCatalog` for each scan's package types and
    /// target kind.
    let analyzers: [any Analyzer]?
    /// Gives the report's timestamp; tests fix it.
    let clock: @Sendable () -> Date

    public init(analyzers: [any Analyzer]? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.analyzers = analyzers
        self.clock = clock
    }

    /// The engine for a scan of `options` over an image read by `source`: a source tree (`dir:`) also gets the
    /// analyzers of project files (`requirements.txt`, `go.mod`).
    func engine(for options: ScanOptions, sourceKind: String) -> AnalysisEngine {
        var selected =
            analyzers ?? EcosystemCatalog.analyzers(for: options.packageTypes, sourceTree: sourceKind == "dir")
        if let secrets = options.secrets { selected.append(SecretStage(options: secrets).analyzer) }
        if let hardening = options.hardening { selected += HardeningStage(options: hardening).analyzers }
        return AnalysisEngine(analyzers: selected)
    }

    /// Scans the target named in `options`: its inventory, and its vulnerabilities when `advisories` is given.
    public func scan(_ options: ScanOptions, advisories: AdvisorySource? = nil) async throws -> ScanReport {
        let inventory = try await self.inventory(options)
        guard let advisories else { return inventory.report }
        return try VulnerabilityStage(source: advisories).report(adding: inventory)
    }

    /// Reads the image and lists what is inside it.
    public func inventory(_ options: ScanOptions) async throws -> Inventory {
        let target = try ImageTarget.parse(options.target)
        let source = try target.source(
            name: options.target, image: options.image, platform: options.platform, limits: options.limits,
            registry: options.registry)
        var image: LoadedImage
        var trust: TrustEvaluation?
        if let registrySource = source as? RegistrySource {
            // The image is judged before anything of it is read, and what is read is the manifest that was judged,
            // whatever its tag names by then.
            let resolved = try await registrySource.resolveManifest()
            let evaluation = try await TrustStage(settings: options.trust).evaluate(
                registrySource.reference, resolved: resolved, client: registrySource.client, options: options.registry)
            if evaluation.isBlocking && options.trust.isEngaged {
                throw TrustGateFailure(report: gateReport(options: options, evaluation: evaluation))
            }
            trust = evaluation
            image = try await registrySource.load(resolved: resolved)
        } else {
            if options.trust.isEngaged { throw TrustTargetError(target: options.target) }
            image = try await source.load()
        }
        // History lines are repeated in every report (each layer's `createdBy`): a token in one must not be.
        let history = SecretStage(options: options.secrets ?? SecretOptions()).redactHistory(of: &image)
        let layers = try await analyzeLayers(
            of: image, engine: engine(for: options, sourceKind: image.sourceKind),
            concurrency: options.layerConcurrency)
        let squashed = SquashedAnalysis(layers: layers)
        var inventory = inventory(
            for: image, name: options.target, squashed: squashed, packageTypes: options.packageTypes)
        if let secrets = options.secrets {
            let found = SecretStage(options: secrets).findings(
                squashed: squashed, configuration: image.configuration, ownedFiles: inventory.ownedFiles,
                history: history)
            inventory.report.secrets = found.findings
            inventory.report.warnings += found.notes
        }
        if let hardening = options.hardening {
            let checked = HardeningStage(options: hardening).findings(
                image: image, squashed: squashed, operatingSystem: inventory.report.target.operatingSystem,
                installed: inventory.installed, ownedFiles: inventory.ownedFiles, secrets: inventory.report.secrets,
                today: clock())
            inventory.report.hardening = checked.findings
            inventory.report.baseImage = checked.baseImage
        }
        if let trust {
            inventory.report.trust = trust.verdict
            // Without a trust check asked for, an unpinned tag is a fact of the verdict, not a finding that fails CI.
            if options.trust.isEngaged || options.hardening != nil {
                inventory.report.hardening = (inventory.report.hardening ?? []) + trust.findings
            }
        }
        if !options.reportsPackages {
            inventory.report.packages = []
            inventory.installed = []
        }
        return inventory
    }

    /// The report of a scan the trust check stopped: the target, the verdict and its findings; no packages.
    func gateReport(options: ScanOptions, evaluation: TrustEvaluation) -> ScanReport {
        let target = ScanTarget(
            name: options.target, sourceKind: "registry", manifestDigest: evaluation.verdict.manifestDigest,
            repoTags: [])
        var report = ScanReport(
            scanner: ScannerInfo(name: ScannerIdentity.name, version: ScannerIdentity.version),
            createdAt: Self.timestamp(clock()), target: target, packages: [],
            warnings: ["The image was not scanned: \(evaluation.verdict.message)"])
        report.trust = evaluation.verdict
        report.hardening = evaluation.findings
        return report
    }

    /// Analyzes the layers, a few at a time; each layer is independent until they are squashed.
    func analyzeLayers(of image: LoadedImage, engine: AnalysisEngine, concurrency: Int) async throws
        -> [LayerAnalysis]
    {
        return try await withThrowingTaskGroup(of: LayerAnalysis.self) { group in
            var results: [LayerAnalysis] = []
            var next = 0
            func startNext() {
                let index = next
                let layer = image.layers[index]
                group.addTask { try await engine.analyze(layer: layer, open: { try await image.openLayer(index) }) }
                next += 1
            }
            while next < min(concurrency, image.layers.count) { startNext() }
            while let analysis = try await group.next() {
                results.append(analysis)
                if next < image.layers.count {
                    try Task.checkCancellation()
                    startNext()
                }
            }
            return results.sorted { $0.layer.index < $1.layer.index }
        }
    }

    func inventory(
        for image: LoadedImage, name: String, squashed: SquashedAnalysis, packageTypes: PackageTypeSelection = .all
    ) -> Inventory {
        let visible = squashed.visibleResults
        // Package file lists name the paths the package wrote (`/bin/mount`); on a merged-/usr system the file is
        // reached as `/usr/bin/mount` too.
        let ownedFiles = squashed.ownedFiles.reduce(into: Set<ImagePath>()) { owned, path in
            owned.insert(path)
            if let resolved = squashed.resolve(path), resolved != path { owned.insert(resolved) }
        }
        // A language package that an OS package installed (Debian's python3-yaml) is that OS package, not a second one.
        let recorded = squashed.packages.filter { package in
            package.ecosystem.isOperatingSystemPackage
                || !(ownedFiles.contains(package.path) || ownedFiles.contains(package.path.parent))
        }
        let installed = recorded.filter { packageTypes.contains($0.ecosystem) }
        let operatingSystem = OperatingSystemResolver.resolve(
            candidates: visible.compactMap(\.result.operatingSystem),
            hasDistrolessStatus: OperatingSystemResolver.hasDistrolessStatus(recorded))
        var byPURL: [String: ReportedPackage] = [:]
        var representative: [String: InstalledPackage] = [:]
        for package in installed {
            let purl = PackageURLFactory.purl(for: package, operatingSystem: operatingSystem)
            let key = purl.description
            if var existing = byPURL[key] {
                existing.paths = Array(Set(existing.paths + [package.path])).sorted()
                if let layer = package.layer, (existing.layer?.index ?? Int.max) > layer.index {
                    existing.layer = layer
                }
                // A package any file ships for production is not a development dependency; metadata beats a guess.
                existing.isDevelopment = existing.isDevelopment && package.isDevelopment
                existing.confidence = max(existing.confidence, package.confidence)
                byPURL[key] = existing
                continue
            }
            representative[key] = package
            byPURL[key] = ReportedPackage(
                id: Self.identifier(purl: key), name: package.name, version: package.version, type: package.ecosystem,
                purl: purl, architecture: package.architecture, epoch: package.epoch,
                source: package.sourceName.map { SourcePackage(name: $0, version: package.sourceVersion) },
                licenses: package.licenses, layer: package.layer, paths: [package.path],
                modularityLabel: package.modularityLabel, isDevelopment: package.isDevelopment,
                confidence: package.confidence)
        }
        let packages = byPURL.values.sorted {
            ($0.type, $0.name, $0.version, $0.purl.description) < ($1.type, $1.name, $1.version, $1.purl.description)
        }
        var warnings = squashed.layers.flatMap(\.warnings) + squashed.failures
        warnings += visible.flatMap { result in result.result.warnings.map { "\(result.path.absolute): \($0)" } }
        let scanTarget = ScanTarget(
            name: name, sourceKind: image.sourceKind, imageID: image.imageID, manifestDigest: image.manifestDigest,
            repoTags: image.repoTags, platform: image.configuration?.platform, operatingSystem: operatingSystem,
            layers: image.layers)
        let report = ScanReport(
            scanner: ScannerInfo(name: ScannerIdentity.name, version: ScannerIdentity.version),
            createdAt: Self.timestamp(clock()), target: scanTarget, packages: packages, warnings: warnings)
        let installedByPackage = packages.compactMap { representative[$0.purl.description] }
        return Inventory(report: report, installed: installedByPackage, ownedFiles: ownedFiles)
    }

    /// A short stable identifier: FNV-1a over the package URL, as 16 hex digits.
    static func identifier(purl: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purl.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// What an image holds: the report so far, and the installed package behind each reported one.
public struct Inventory: Sendable {
    public var report: ScanReport
    /// `installed[i]` is the package-database record of `report.packages[i]`.
    public var installed: [InstalledPackage]
    /// Files that OS packages own.
    public var ownedFiles: Set<ImagePath>
}
