/// Everything one scan found, in the shape every report writer renders.
public struct ScanReport: Sendable, Codable, Equatable {
    /// The version of the JSON report's shape; `docs/report-schema.md` documents each version.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var scanner: ScannerInfo
    /// When the scan ran, RFC 3339 in UTC.
    public var createdAt: String
    public var target: ScanTarget
    public var packages: [ReportedPackage]
    /// The vulnerabilities that apply, suppressed ones excluded; absent when no vulnerability scan ran.
    public var vulnerabilities: [VulnerabilityFinding]?
    /// Findings hidden by ignore rules or VEX statements: counted always, listed only when asked for.
    public var suppressedCount: Int?
    public var suppressedVulnerabilities: [VulnerabilityFinding]?
    /// The advisory database the vulnerabilities come from.
    public var advisoryDatabase: AdvisoryDatabaseInfo?
    /// Secrets, sensitive files, certificate and permission problems; absent when no secret scan ran.
    public var secrets: [SecretFinding]?
    /// Image-configuration, base-image and binary-hardening findings; absent when the `config` scanner did not run.
    public var hardening: [HardeningFinding]?
    /// The base image's kind and release support; absent when the `config` scanner did not run.
    public var baseImage: BaseImageAssessment?
    /// Digest pinning and signature checks of an image pulled from a registry; `nil` for other sources.
    public var trust: TrustVerdict?
    /// Problems the scan worked around: a file an analyzer could not read, a duplicate tar entry.
    public var warnings: [String]

    public init(
        scanner: ScannerInfo, createdAt: String, target: ScanTarget, packages: [ReportedPackage], warnings: [String]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.scanner = scanner
        self.createdAt = createdAt
        self.target = target
        self.packages = packages
        self.warnings = warnings
    }
}

/// The tool that made a report.
public struct ScannerInfo: Sendable, Codable, Equatable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// The image (or root filesystem) a report is about.
public struct ScanTarget: Sendable, Codable, Equatable {
    /// The target as the user named it (`docker-archive:app.tar`).
    public var name: String
    /// `docker-archive`, `oci-layout`, `oci-archive` or `dir`.
    public var sourceKind: String
    /// The image ID: the digest of the image configuration.
    public var imageID: Digest?
    /// The digest of the manifest, when the source has one.
    public var manifestDigest: Digest?
    public var repoTags: [String]
    /// `os/architecture[/variant]`.
    public var platform: String?
    public var operatingSystem: OperatingSystem?
    public var layers: [LayerReference]

    public init(
        name: String, sourceKind: String, imageID: Digest? = nil, manifestDigest: Digest? = nil,
        repoTags: [String] = [],
        platform: String? = nil, operatingSystem: OperatingSystem? = nil, layers: [LayerReference] = []
    ) {
        self.name = name
        self.sourceKind = sourceKind
        self.imageID = imageID
        self.manifestDigest = manifestDigest
        self.repoTags = repoTags
        self.platform = platform
        self.operatingSystem = operatingSystem
        self.layers = layers
    }
}

/// A package as a report lists it: the installed package plus its identifiers.
public struct ReportedPackage: Sendable, Codable, Equatable {
    /// Stable within a report and across scans of the same image: a hash of the purl and the database path.
    public var id: String
    public var name: String
    public var version: String
    /// The package-URL type (`deb`, `apk`, `rpm`).
    public var type: EcosystemID
    public var purl: PackageURL
    public var architecture: String?
    public var epoch: Int?
    public var source: SourcePackage?
    public var licenses: [String]
    /// The layer that installed this version.
    public var layer: LayerReference?
    /// The package-database files that record it.
    public var paths: [ImagePath]
    public var modularityLabel: String?
    /// Only development dependencies of the lock files that list it: not shipped by `npm ci --omit=dev` and the like.
    public var isDevelopment: Bool
    /// `low` when the identity was guessed from a file name rather than read from package metadata.
    public var confidence: IdentificationConfidence

    public init(
        id: String, name: String, version: String, type: EcosystemID, purl: PackageURL, architecture: String?,
        epoch: Int?, source: SourcePackage?, licenses: [String], layer: LayerReference?, paths: [ImagePath],
        modularityLabel: String?, isDevelopment: Bool = false, confidence: IdentificationConfidence = .high
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.type = type
        self.purl = purl
        self.architecture = architecture
        self.epoch = epoch
        self.source = source
        self.licenses = licenses
        self.layer = layer
        self.paths = paths
        self.modularityLabel = modularityLabel
        self.isDevelopment = isDevelopment
        self.confidence = confidence
    }
}

extension ReportedPackage {
    private enum CodingKeys: String, CodingKey {
        case id, name, version, type, purl, architecture, epoch, source, licenses, layer, paths, modularityLabel
        case isDevelopment = "development"
        case confidence
    }

    /// Reads the JSON report's form, where `development` and `confidence` appear only when they say something.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            version: try container.decode(String.self, forKey: .version),
            type: try container.decode(EcosystemID.self, forKey: .type),
            purl: try container.decode(PackageURL.self, forKey: .purl),
            architecture: try container.decodeIfPresent(String.self, forKey: .architecture),
            epoch: try container.decodeIfPresent(Int.self, forKey: .epoch),
            source: try container.decodeIfPresent(SourcePackage.self, forKey: .source),
            licenses: try container.decode([String].self, forKey: .licenses),
            layer: try container.decodeIfPresent(LayerReference.self, forKey: .layer),
            paths: try container.decode([ImagePath].self, forKey: .paths),
            modularityLabel: try container.decodeIfPresent(String.self, forKey: .modularityLabel),
            isDevelopment: try container.decodeIfPresent(Bool.self, forKey: .isDevelopment) ?? false,
            confidence: try container.decodeIfPresent(IdentificationConfidence.self, forKey: .confidence) ?? .high)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(type, forKey: .type)
        try container.encode(purl, forKey: .purl)
        try container.encodeIfPresent(architecture, forKey: .architecture)
        try container.encodeIfPresent(epoch, forKey: .epoch)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(licenses, forKey: .licenses)
        try container.encodeIfPresent(layer, forKey: .layer)
        try container.encode(paths, forKey: .paths)
        try container.encodeIfPresent(modularityLabel, forKey: .modularityLabel)
        if isDevelopment { try container.encode(true, forKey: .isDevelopment) }
        if confidence == .low { try container.encode(confidence, forKey: .confidence) }
    }
}

/// The source package a binary package was built from.
public struct SourcePackage: Sendable, Codable, Equatable {
    public var name: String
    public var version: String?

    public init(name: String, version: String?) {
        self.name = name
        self.version = version
    }
}
