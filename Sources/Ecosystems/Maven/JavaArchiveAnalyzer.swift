import Foundation
import PackageAnalysis
import ScanModel

/// Finds the Maven artifacts inside Java archives (`.jar`, `.war`, `.ear`, and Jenkins' `.jpi` and `.hpi`), and inside
/// the archives nested in them (`WEB-INF/lib/*.jar`, `BOOT-INF/lib/*.jar`, an EAR's modules).
///
/// Each archive is read in memory with `ZipArchive`, never unpacked to disk. Its artifacts come from, in order of trust:
/// 1. every `META-INF/maven/<group>/<artifact>/pom.properties` (`groupId`, `artifactId`, `version`): a shaded (fat)
///    jar carries one per artifact it absorbed, and each is a package; for an artifact folder with a `pom.xml` but no
///    `pom.properties`, the POM's coordinates (parent inheritance and `${…}` properties resolved, see `MavenPOM`);
/// 2. without any, the manifest's main section: `Implementation-Version` or `Bundle-Version` for the version, the file
///    name's stem, `Implementation-Title` or the symbolic name's last element for the artifact, and for the group the
///    well-known group of that artifact (`MavenArtifactGroups`), else `Implementation-Vendor-Id` or the
///    `Bundle-SymbolicName` prefix;
/// 3. without a usable manifest, the file name (`log4j-core-2.14.1.jar`): artifact and version, and the artifact's
///    well-known group when there is one (`org.apache.logging.log4j:log4j-core`), so that it matches advisories.
///    Such a package has `confidence` `.low`, and a warning says it is a guess.
///
/// Names are in OSV's form, `groupId:artifactId` (the artifact alone when no group is known).
///
/// Hostile archives are bounded: nesting stops at `maximumNestingDepth` archives deep, and reading stops once
/// `maximumInflatedBytes` have been inflated across the whole file (zip bombs); each stop is a warning and the
/// packages found so far are kept.
public struct JavaArchiveAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "java-archive", version: 2)

    /// Large enough for Spring Boot fat jars and application-server EARs.
    public var maximumFileSize: Int64 { 512 << 20 }

    /// How many archives deep nested archives are opened; the outermost archive is depth 0.
    public let maximumNestingDepth: Int
    /// The most bytes inflated from one image file's entries, nested archives included.
    public let maximumInflatedBytes: Int64
    /// The largest `pom.properties` or manifest read; larger ones are skipped with a warning.
    static let maximumMetadataSize: Int64 = 1 << 20

    /// The file-name suffixes of Java archives, lower case.
    static let archiveSuffixes = [".jar", ".war", ".ear", ".jpi", ".hpi"]

    public init(maximumNestingDepth: Int = 4, maximumInflatedBytes: Int64 = 1 << 30) {
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumInflatedBytes = maximumInflatedBytes
    }

    public func isInterested(in path: ImagePath) -> Bool {
        // Jars in a dependency's test or documentation folders (`node_modules/x/test/fixtures/a.jar`) are samples.
        Self.isArchiveName(path.name) && !DependencyTree.isSampleInsideDependency(path)
    }

    /// Called for every file of every layer, so it compares the last four bytes in place instead of lower-casing.
    static func isArchiveName(_ name: some StringProtocol) -> Bool {
        let utf8 = name.utf8
        guard utf8.count > 4 else { return false }
        let start = utf8.index(utf8.endIndex, offsetBy: -4)
        return archiveSuffixes.contains { suffix in
            // ASCII lower case by setting bit 0x20; the '.' (0x2E) already has it.
            zip(utf8[start...], suffix.utf8).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        try result(for: file.contents, path: file.path)
    }

    /// The artifacts in the archive `bytes`, found at `path`, and the problems met reading it.
    ///
    /// - Throws: `JavaArchiveError.notAZipArchive` when the outermost archive cannot be opened at all.
    public func result(for bytes: [UInt8], path: ImagePath) throws(JavaArchiveError) -> AnalysisResult {
        var state = ReadState(remainingBytes: maximumInflatedBytes, path: path)
        guard let archive = Self.openArchive(bytes) else { throw .notAZipArchive }
        read(archive, name: path.name, location: path.absolute, depth: 0, state: &state)
        return AnalysisResult(packages: state.packages, warnings: state.warnings)
    }

    /// The archive `bytes` hold, or `nil` when they are not a readable zip archive.
    private static func openArchive(_ bytes: [UInt8]) -> ZipArchive? {
        try? ZipArchive(bytes)
    }

    /// What reading one image file has found so far, and how many inflated bytes it may still use.
    struct ReadState {
        var remainingBytes: Int64
        var path: ImagePath
        var packages: [InstalledPackage] = []
        var warnings: [String] = []
        var isStopped = false
    }

    private func read(_ archive: ZipArchive, name: String, location: String, depth: Int, state: inout ReadState) {
        var properties: [ZipArchive.Entry] = []
        var poms: [ZipArchive.Entry] = []
        var manifest: ZipArchive.Entry?
        var nested: [ZipArchive.Entry] = []
        for entry in archive.entries where !entry.isDirectory {
            let entryPath = entry.path
            if entryPath.hasPrefix("META-INF/maven/") && entryPath.hasSuffix("/pom.properties") {
                properties.append(entry)
            } else if entryPath.hasPrefix("META-INF/maven/") && entryPath.hasSuffix("/pom.xml") {
                poms.append(entry)
            } else if entryPath == "META-INF/MANIFEST.MF" {
                manifest = entry
            } else if Self.isArchiveName(entryPath) {
                nested.append(entry)
            }
        }
        var found: [InstalledPackage] = []
        for entry in properties.sorted(by: { $0.path < $1.path }) {
            guard let bytes = inflate(entry, of: archive, location: location, metadata: true, state: &state) else {
                continue
            }
            if let package = Self.package(fromPOMProperties: bytes, path: state.path) {
                found.append(package)
            } else {
                state.warnings.append("\(location)!/\(entry.path): no groupId, artifactId and version; skipped.")
            }
        }
        // A folder with a pom.xml and no pom.properties (some build tools write only the POM).
        let folders = Set(properties.map { Self.folder(of: $0.path) })
        for entry in poms.sorted(by: { $0.path < $1.path }) where !folders.contains(Self.folder(of: entry.path)) {
            guard let bytes = inflate(entry, of: archive, location: location, metadata: true, state: &state) else {
                continue
            }
            if let coordinates = MavenPOM(bytes).coordinates {
                found.append(
                    InstalledPackage(
                        name: "\(coordinates.group):\(coordinates.artifact)", version: coordinates.version,
                        ecosystem: .maven, path: state.path))
            } else {
                state.warnings.append(
                    "\(location)!/\(entry.path): no groupId, artifactId and version that the POM itself defines; "
                        + "skipped.")
            }
        }
        if found.isEmpty, let manifest,
            let bytes = inflate(manifest, of: archive, location: location, metadata: true, state: &state),
            let package = Self.package(fromManifest: JavaManifest(bytes), archiveName: name, path: state.path)
        {
            found.append(package)
        }
        if found.isEmpty, !state.isStopped, let guess = Self.fileNameGuess(name) {
            let group = MavenArtifactGroups.group(of: guess.artifact)
            let packageName = group.map { "\($0):\(guess.artifact)" } ?? guess.artifact
            found.append(
                InstalledPackage(
                    name: packageName, version: guess.version, ecosystem: .maven, path: state.path, confidence: .low))
            state.warnings.append(
                "\(location): no Maven metadata or manifest version; '\(packageName)' \(guess.version) is guessed "
                    + "from the file name (low confidence"
                    + (group == nil ? ", no known group, not matched against advisories)." : ")."))
        }
        state.packages += found
        for entry in nested.sorted(by: { $0.path < $1.path }) {
            guard !state.isStopped else { return }
            let nestedLocation = "\(location)!/\(entry.path)"
            guard depth < maximumNestingDepth else {
                state.warnings.append(
                    "\(nestedLocation): nested more than \(maximumNestingDepth) archives deep; not read.")
                continue
            }
            guard let bytes = inflate(entry, of: archive, location: location, metadata: false, state: &state) else {
                continue
            }
            guard let inner = Self.openArchive(bytes) else {
                state.warnings.append("\(nestedLocation): not a readable zip archive; skipped.")
                continue
            }
            let innerName = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            read(inner, name: innerName, location: nestedLocation, depth: depth + 1, state: &state)
        }
    }

    /// The inflated bytes of `entry`, or `nil` (with a warning) when it is damaged or too large.
    private func inflate(
        _ entry: ZipArchive.Entry, of archive: ZipArchive, location: String, metadata: Bool, state: inout ReadState
    ) -> [UInt8]? {
        guard !state.isStopped else { return nil }
        let entryLimit = metadata ? min(Self.maximumMetadataSize, state.remainingBytes) : state.remainingBytes
        let output: [UInt8]
        do throws(ZipArchive.Failure) {
            output = try archive.contents(of: entry, limit: Int(entryLimit))
        } catch .tooLarge {
            if !metadata || entryLimit < Self.maximumMetadataSize {
                state.isStopped = true
                state.remainingBytes = 0
                state.warnings.append(
                    "\(location)!/\(entry.path): \(JavaArchiveError.inflationLimitExceeded(limit: maximumInflatedBytes))"
                )
            } else {
                state.warnings.append(
                    "\(location)!/\(entry.path): inflates to more than \(Self.maximumMetadataSize) bytes; skipped.")
            }
            return nil
        } catch {
            state.warnings.append("\(location)!/\(entry.path): cannot be read (\(error)); skipped.")
            return nil
        }
        state.remainingBytes -= Int64(output.count)
        return output
    }

    /// The artifact a `pom.properties` file names (a `java.util.Properties` file), when it has all three coordinates.
    static func package(fromPOMProperties bytes: [UInt8], path: ImagePath) -> InstalledPackage? {
        var values: [String: String] = [:]
        for rawLine in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("!"),
                let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" })
            else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            values[key] = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        }
        guard let group = values["groupId"], !group.isEmpty, let artifact = values["artifactId"], !artifact.isEmpty,
            let version = values["version"], !version.isEmpty
        else { return nil }
        return InstalledPackage(name: "\(group):\(artifact)", version: version, ecosystem: .maven, path: path)
    }

    /// The artifact a manifest's main section describes, when it gives a version and a name.
    static func package(fromManifest manifest: JavaManifest, archiveName: String, path: ImagePath)
        -> InstalledPackage?
    {
        guard let version = manifest["Implementation-Version"] ?? manifest["Bundle-Version"] else { return nil }
        let symbolicName = manifest["Bundle-SymbolicName"].map {
            String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        }
        let stem = fileNameGuess(archiveName)?.artifact ?? archiveStem(archiveName)
        let artifact: String
        if !stem.isEmpty {
            artifact = stem
        } else if let title = manifest["Implementation-Title"], !title.contains(" ") {
            artifact = title
        } else if let symbolicName, let last = symbolicName.split(separator: ".").last {
            artifact = String(last)
        } else {
            return nil
        }
        var group = MavenArtifactGroups.group(of: artifact) ?? manifest["Implementation-Vendor-Id"]
        if group == nil, let symbolicName, symbolicName.contains(".") {
            if symbolicName.hasSuffix(".\(artifact)") {
                group = String(symbolicName.dropLast(artifact.count + 1))
            } else if let lastDot = symbolicName.lastIndex(of: ".") {
                group = String(symbolicName[..<lastDot])
            }
        }
        let name = group.map { "\($0):\(artifact)" } ?? artifact
        return InstalledPackage(name: name, version: version, ecosystem: .maven, path: path)
    }

    /// `META-INF/maven/<group>/<artifact>/` of an entry in that folder.
    static func folder(of entryPath: String) -> Substring {
        entryPath[..<(entryPath.lastIndex(of: "/") ?? entryPath.endIndex)]
    }

    /// The file name without its archive suffix.
    static func archiveStem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The artifact and version in a file name such as `log4j-core-2.14.1.jar`: split at the last `-` followed by a
    /// digit.
    static func fileNameGuess(_ name: String) -> (artifact: String, version: String)? {
        let stem = archiveStem(name)
        var index = stem.endIndex
        while let dash = stem[..<index].lastIndex(of: "-") {
            let next = stem.index(after: dash)
            if next < stem.endIndex, stem[next].isASCII, stem[next].isNumber, dash > stem.startIndex {
                return (String(stem[..<dash]), String(stem[next...]))
            }
            index = dash
        }
        return nil
    }
}
