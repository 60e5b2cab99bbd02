import PackageAnalysis
import ScanModel

/// Lists the packages rpm recorded as installed, from its database in any of its three formats.
///
/// The format is told by the file's magic bytes (SQLite `rpmdb.sqlite`, Berkeley DB hash `Packages`,
/// NDB `Packages.db`), so a database under an unexpected name still reads. A header that cannot be
/// parsed becomes a warning and the other packages are still reported; a file that is no rpm
/// database at all throws. `gpg-pubkey` pseudo-packages, which record imported signing keys, are
/// skipped as Syft and Trivy skip them.
public struct RPMDatabaseAnalyzer: Analyzer {
    /// `rpm-database`; bump the version when the same database would now give a different result.
    public let identity = AnalyzerIdentity(name: "rpm-database", version: 1)

    /// Real databases run to tens of MiB (a full RHEL install holds ~100 MiB of headers).
    public var maximumFileSize: Int64 { 256 << 20 }

    /// Where rpm keeps its database: the classic path, the `/usr` path Fedora and SUSE moved it to,
    /// and `/usr/share/rpm`, which openSUSE used between the two.
    static let databaseDirectories: [[String]] = [
        ["var", "lib", "rpm"], ["usr", "lib", "sysimage", "rpm"], ["usr", "share", "rpm"],
    ]
    static let databaseFileNames: Set<String> = ["Packages", "Packages.db", "rpmdb.sqlite"]

    /// Creates the analyzer; it has no settings.
    public init() {}

    /// Returns whether `path` is `Packages`, `Packages.db` or `rpmdb.sqlite` in one of rpm's database directories.
    public func isInterested(in path: ImagePath) -> Bool {
        guard Self.databaseFileNames.contains(path.name) else { return false }
        let directory = path.components.dropLast()
        return Self.databaseDirectories.contains { $0.elementsEqual(directory) }
    }

    /// Reads the packages of the database in `file`; see `parse(_:path:)`.
    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        try Self.parse(file.contents, path: file.path)
    }

    /// Reads every package of the database in `contents`, found at `path` in the image.
    /// - Throws: `RPMDatabaseError` when the file is empty, is not an rpm database, or its structure
    ///   (not just one header) is unreadable.
    public static func parse(_ contents: [UInt8], path: ImagePath) throws(RPMDatabaseError) -> AnalysisResult {
        let (_, database) = try RPMDatabase.contents(of: contents)
        var headers: [RPMHeader] = []
        headers.reserveCapacity(database.blobs.count)
        var warnings = database.problems.map { warning(number: $0.number, error: $0.error) }
        for blob in database.blobs {
            do {
                let header = try RPMHeader(blob: blob.bytes)
                if !header.isPublicKey { headers.append(header) }
            } catch {
                warnings.append(warning(number: blob.number, error: error))
            }
        }
        // Database order differs between backends and rebuilds; name order does not.
        headers.sort {
            ($0.name, $0.version, $0.release, $0.architecture ?? "") < (
                $1.name, $1.version, $1.release, $1.architecture ?? ""
            )
        }
        // Directories are often owned by several packages: keep each path once, where it first appears.
        let fileCount = headers.reduce(0) { $0 + $1.files.count }
        var ownedFiles: [ImagePath] = []
        ownedFiles.reserveCapacity(fileCount)
        var seenFiles: Set<String> = []
        seenFiles.reserveCapacity(fileCount)
        for header in headers {
            for file in header.files where seenFiles.insert(file).inserted {
                ownedFiles.append(ImagePath(file))
            }
        }
        let packages = headers.map { package(from: $0, path: path) }
        return AnalysisResult(packages: packages, ownedFiles: ownedFiles, warnings: warnings)
    }

    static func package(from header: RPMHeader, path: ImagePath) -> InstalledPackage {
        let source = header.sourceRPM.flatMap(SourceRPMFileName.init)
        let license = header.license.flatMap { $0.isEmpty ? nil : $0 }
        return InstalledPackage(
            name: header.name,
            version: header.release.isEmpty ? header.version : "\(header.version)-\(header.release)",
            ecosystem: .rpm,
            sourceName: source?.name,
            sourceVersion: source?.versionRelease,
            architecture: header.architecture.flatMap { $0.isEmpty ? nil : $0 },
            epoch: header.epoch,
            modularityLabel: header.modularityLabel.flatMap { $0.isEmpty ? nil : $0 },
            licenses: license.map { [$0] } ?? [],
            path: path
        )
    }

    private static func warning(number: UInt32?, error: RPMDatabaseError) -> String {
        if let number {
            "Skipped rpm header \(number): \(error)"
        } else {
            "Read only part of the rpm database: \(error)"
        }
    }
}
