/// A package installed in an image, as recorded by its package manager.
public struct InstalledPackage: Hashable, Sendable, Codable {
    public var name: String
    /// The version as the package manager prints it (`1:2.36-9+deb12u4`, `3.1.4-r5`, `2.34-100.el9`).
    public var version: String
    public var ecosystem: EcosystemID
    /// The source package it was built from, when recorded (dpkg `Source:`, apk `o:`, rpm `SOURCERPM`).
    public var sourceName: String?
    /// The source package's version, when it differs from `version` or is recorded apart.
    public var sourceVersion: String?
    public var architecture: String?
    /// RPM only: the epoch, kept apart from `version` as the package-URL spec asks.
    public var epoch: Int?
    /// RPM only: the modularity label (`nodejs:18:8070020230111101508:ad008a3a`).
    public var modularityLabel: String?
    /// License expressions as the database records them.
    public var licenses: [String]
    /// The package database file it was read from.
    public var path: ImagePath
    /// The layer that installed this version; set by the analysis engine.
    public var layer: LayerReference?
    /// A development-only dependency, as a lock file marks it (`"dev": true`, a `develop` or `dev` group).
    public var isDevelopment: Bool
    /// How the name and version were established: read from package metadata, or guessed from a file name.
    public var confidence: IdentificationConfidence

    public init(
        name: String, version: String, ecosystem: EcosystemID, sourceName: String? = nil, sourceVersion: String? = nil,
        architecture: String? = nil, epoch: Int? = nil, modularityLabel: String? = nil, licenses: [String] = [],
        path: ImagePath, layer: LayerReference? = nil, isDevelopment: Bool = false,
        confidence: IdentificationConfidence = .high
    ) {
        self.name = name
        self.version = version
        self.ecosystem = ecosystem
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.architecture = architecture
        self.epoch = epoch
        self.modularityLabel = modularityLabel
        self.licenses = licenses
        self.path = path
        self.layer = layer
        self.isDevelopment = isDevelopment
        self.confidence = confidence
    }

    /// Name, version and architecture: what tells two installed packages apart in one database.
    public var identityKey: String { "\(ecosystem.rawValue)/\(name)@\(version)/\(architecture ?? "")" }
}

/// How sure an analyzer is of a package's identity.
public enum IdentificationConfidence: String, Hashable, Sendable, Codable, Comparable {
    /// Guessed from a file name or a partial record (a JAR named `foo-1.2.jar` with no Maven metadata).
    case low
    /// Read from the package's own metadata.
    case high

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .low && rhs == .high }
}
