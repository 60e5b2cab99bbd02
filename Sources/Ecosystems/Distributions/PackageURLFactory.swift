import ScanModel
import VulnerabilityMatching

/// Makes the package URL of an installed package, per the purl specification's `deb`, `apk` and `rpm` types and the
/// qualifiers scanners agree on, and its `pypi` and `golang` types.
///
/// The forms, matching Syft's (so reports compare line for line):
/// - `pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl`: the namespace is the
///   OS ID (`debian`, `ubuntu`); `upstream` is the source package, `src@version` when its version differs from the
///   binary's (a binNMU), and is absent without a `Source` field.
/// - `pkg:apk/alpine/musl-utils@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1&upstream=musl`: the namespace is the OS
///   ID (`alpine`, `wolfi`, `chainguard`); `upstream` is the origin when it differs from the name.
/// - `pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=bash-5.1.8-6.el9.src.rpm`: the
///   namespace is the OS ID, except `redhat` for `rhel` and `opensuse` for every `opensuse-*`; the epoch is a
///   qualifier, never part of the version; `upstream` is the source RPM's file name.
/// - `distro` is `<ID>-<VERSION_ID>`, or the ID alone when the release has no version (Debian testing).
/// - `pkg:pypi/pyyaml@6.0.1`: the name normalised per PEP 503 (lower case, runs of `-`, `_`, `.` as one `-`).
/// - `pkg:npm/%40babel/core@7.23.0`: the scope is the namespace; `pkg:composer/symfony/console@v6.4.1`: the vendor
///   is; both lower-cased. `pkg:gem/rack@2.2.8`: the name as written.
/// - `pkg:golang/golang.org/x/net@v0.17.0`: the namespace is the module path up to its last `/`, the name the last
///   element; the version as Go writes it. `pkg:golang/stdlib@1.21.3` for the standard library.
/// - `pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1`: the namespace is the group, the name the artifact (from
///   the package name `group:artifact`); no namespace when the group is unknown.
/// - `pkg:cargo/serde@1.0.193` and `pkg:nuget/Newtonsoft.Json@13.0.3`: the name and version as recorded.
///
/// Checked against Syft 1.18.1 on Debian 12, distroless Debian, Alpine 3.19 and RHEL 9 root filesystems: the same
/// strings, qualifiers sorted by key as the specification requires. Deliberate differences:
/// - Without a known operating system (or with one of another family), Syft makes no `deb` or `apk` purl at all;
///   here the namespace falls back to `debian` or `alpine` and `distro` is left out. An `rpm` purl then has no
///   namespace, as in Syft.
/// - `apk` and `deb` names are lower-cased, as the specification's type definitions require; Debian names always
///   are, and apk does not enforce it.
/// - Syft releases after anchore/syft#4997 write Debian's point release (`distro=debian-12.4`, from
///   `debian_version`); this keeps os-release's `VERSION_ID` (`debian-12`), as Syft 1.18 does.
public enum PackageURLFactory {
    /// The package URL of `package`, qualified with the operating system it was found on, when known.
    public static func purl(for package: InstalledPackage, operatingSystem: OperatingSystem?) -> PackageURL {
        if package.ecosystem == .dpkg {
            return debianPackageURL(for: package, on: operatingSystem)
        } else if package.ecosystem == .apk {
            return alpinePackageURL(for: package, on: operatingSystem)
        } else if package.ecosystem == .rpm {
            return rpmPackageURL(for: package, on: operatingSystem)
        } else if package.ecosystem == .pypi {
            return PackageURL(
                type: "pypi", name: PackageNameNormalizer.normalize(package.name, ecosystem: "PyPI"),
                version: package.version)
        } else if package.ecosystem == .golang {
            return golangPackageURL(for: package)
        } else if package.ecosystem == .npm || package.ecosystem == .composer {
            return namespacedPackageURL(for: package)
        } else if package.ecosystem == .maven {
            return mavenPackageURL(for: package)
        }
        return PackageURL(type: package.ecosystem.rawValue, name: package.name, version: package.version)
    }

    private static let debianFamily: Set<String> = ["debian", "ubuntu"]
    private static let alpineFamily: Set<String> = ["alpine", "wolfi", "chainguard"]

    private static func isMember(_ operatingSystem: OperatingSystem, of family: Set<String>) -> Bool {
        family.contains(operatingSystem.id) || operatingSystem.idLike.contains(where: family.contains)
    }

    /// `ID-VERSION_ID`, or the ID alone.
    static func distroQualifier(for operatingSystem: OperatingSystem) -> String {
        guard let version = operatingSystem.versionID, !version.isEmpty else { return operatingSystem.id }
        return "\(operatingSystem.id)-\(version)"
    }

    private static func debianPackageURL(for package: InstalledPackage, on operatingSystem: OperatingSystem?)
        -> PackageURL
    {
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = package.architecture
        var namespace = "debian"
        if let operatingSystem, isMember(operatingSystem, of: debianFamily) {
            namespace = operatingSystem.id
            qualifiers["distro"] = distroQualifier(for: operatingSystem)
        }
        if let source = package.sourceName, !source.isEmpty {
            if let sourceVersion = package.sourceVersion, !sourceVersion.isEmpty, sourceVersion != package.version {
                qualifiers["upstream"] = "\(source)@\(sourceVersion)"
            } else {
                qualifiers["upstream"] = source
            }
        }
        return PackageURL(
            type: "deb", namespace: namespace, name: package.name.lowercased(), version: package.version,
            qualifiers: qualifiers)
    }

    private static func alpinePackageURL(for package: InstalledPackage, on operatingSystem: OperatingSystem?)
        -> PackageURL
    {
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = package.architecture
        var namespace = "alpine"
        if let operatingSystem, isMember(operatingSystem, of: alpineFamily) {
            namespace = operatingSystem.id
            qualifiers["distro"] = distroQualifier(for: operatingSystem)
        }
        if let origin = package.sourceName, !origin.isEmpty, origin != package.name {
            qualifiers["upstream"] = origin
        }
        return PackageURL(
            type: "apk", namespace: namespace, name: package.name.lowercased(), version: package.version,
            qualifiers: qualifiers)
    }

    private static func rpmPackageURL(for package: InstalledPackage, on operatingSystem: OperatingSystem?)
        -> PackageURL
    {
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = package.architecture
        var version = package.version
        var epoch = package.epoch
        if epoch == nil, let colon = version.firstIndex(of: ":"), let parsed = Int(version[..<colon]) {
            // An `E:V-R` version; the purl keeps the epoch apart.
            epoch = parsed
            version = String(version[version.index(after: colon)...])
        }
        qualifiers["epoch"] = epoch.map(String.init)
        var namespace: String?
        if let operatingSystem, !isMember(operatingSystem, of: debianFamily),
            !isMember(operatingSystem, of: alpineFamily)
        {
            namespace = rpmNamespace(forOperatingSystemID: operatingSystem.id)
            qualifiers["distro"] = distroQualifier(for: operatingSystem)
        }
        if let source = package.sourceName, !source.isEmpty {
            // The RPM analyzer records SOURCERPM (`bash-5.1.8-6.el9.src.rpm`); rebuild it from a bare name.
            qualifiers["upstream"] =
                source.hasSuffix(".rpm") ? source : "\(source)-\(package.sourceVersion ?? version).src.rpm"
        }
        return PackageURL(
            type: "rpm", namespace: namespace, name: package.name, version: version, qualifiers: qualifiers)
    }

    private static func golangPackageURL(for package: InstalledPackage) -> PackageURL {
        guard let slash = package.name.lastIndex(of: "/") else {
            return PackageURL(type: "golang", name: package.name, version: package.version)
        }
        return PackageURL(
            type: "golang", namespace: String(package.name[..<slash]),
            name: String(package.name[package.name.index(after: slash)...]), version: package.version)
    }

    /// `pkg:npm/%40scope/name@1.0.0` (the scope is the namespace) and `pkg:composer/vendor/name@1.0.0`, lower-cased as
    /// the purl types `npm` and `composer` require.
    private static func namespacedPackageURL(for package: InstalledPackage) -> PackageURL {
        let name = package.name.lowercased()
        guard let slash = name.lastIndex(of: "/") else {
            return PackageURL(type: package.ecosystem.rawValue, name: name, version: package.version)
        }
        return PackageURL(
            type: package.ecosystem.rawValue, namespace: String(name[..<slash]),
            name: String(name[name.index(after: slash)...]), version: package.version)
    }

    private static func mavenPackageURL(for package: InstalledPackage) -> PackageURL {
        guard let colon = package.name.firstIndex(of: ":") else {
            return PackageURL(type: "maven", name: package.name, version: package.version)
        }
        return PackageURL(
            type: "maven", namespace: String(package.name[..<colon]),
            name: String(package.name[package.name.index(after: colon)...]), version: package.version)
    }

    /// The vendor namespace of RPM package URLs on the distribution with os-release `ID` `id`.
    public static func rpmNamespace(forOperatingSystemID id: String) -> String {
        if id == "rhel" { return "redhat" }
        if id.hasPrefix("opensuse") { return "opensuse" }
        return id
    }
}
