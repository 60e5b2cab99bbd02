import ScanModel

/// Classifies an image as scratch, distroless, minimal or a full distribution.
///
/// - scratch: no operating system release and at most `scratchFileLimit` files.
/// - distroless: Debian packages recorded in `var/lib/dpkg/status.d/` (Google distroless); Wolfi or Chainguard
///   without `apk-tools` and without a shell package.
/// - minimal: Alpine; Wolfi or Chainguard with a package manager; Debian with the `-slim` dpkg excludes; Red Hat
///   family images with `microdnf` or no package manager at all (UBI minimal, micro; Rocky and Alma minimal);
///   Fedora minimal and Amazon Linux minimal the same way.
/// - full: any other detected release.
public enum BaseImageClassifier {
    /// The most files an image without an operating system may have to count as `scratch`.
    public static let scratchFileLimit = 2_000

    /// Package names that give a shell.
    public static let shells: Set<String> = [
        "bash", "dash", "busybox", "busybox-static", "zsh", "ksh", "mksh", "tcsh", "csh", "ash", "yash", "fish",
    ]
    /// Package names that are package managers.
    public static let packageManagers: Set<String> = [
        "apt", "dpkg", "apk-tools", "rpm", "dnf", "yum", "microdnf", "zypper", "tdnf", "libdnf", "dnf5",
    ]
    /// Package names (exact) and name stems (`gcc-12`, `clang-16`) of compilers and build tools.
    public static let compilers: Set<String> = [
        "gcc", "g++", "cpp", "clang", "make", "cmake", "binutils", "build-essential", "build-base", "gcc-c++",
        "llvm", "gfortran", "rustc", "golang", "go", "musl-dev", "libc6-dev", "glibc-devel",
    ]

    /// Returns whether `name` names a compiler or build tool: an entry of `compilers`, or one with a version suffix
    /// (`gcc-12`, `g++-13`, `cpp-12`, `clang-16`, `llvm-16`).
    static func isCompiler(_ name: String) -> Bool {
        if compilers.contains(name) { return true }
        guard let dash = name.lastIndex(of: "-") else { return false }
        let stem = String(name[..<dash])
        let suffix = name[name.index(after: dash)...]
        return ["gcc", "g++", "cpp", "clang", "llvm", "gfortran"].contains(stem) && !suffix.isEmpty
            && suffix.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The kind of `facts`' image.
    public static func kind(of facts: BaseImageFacts) -> BaseImageAssessment.Kind {
        let names = Set(facts.packageNames)
        guard let system = facts.operatingSystem else {
            if !names.isEmpty { return .unknown }
            return facts.fileCount <= scratchFileLimit ? .scratch : .unknown
        }
        if system.isDistroless { return .distroless }
        let hasShell = !names.isDisjoint(with: shells)
        let managers = names.intersection(packageManagers)
        switch system.id {
        case "wolfi", "chainguard":
            return hasShell || !managers.isEmpty ? .minimal : .distroless
        case "alpine":
            return .minimal
        case "debian":
            return facts.hasSlimDpkgExcludes ? .minimal : .full
        case "rhel", "centos", "rocky", "almalinux", "fedora", "amzn", "ol":
            let hasFullManager = managers.contains("dnf") || managers.contains("yum") || managers.contains("dnf5")
            return hasFullManager ? .full : .minimal
        case "sles", "opensuse-leap", "opensuse-tumbleweed":
            return managers.contains("zypper") ? .full : .minimal
        default:
            return .full
        }
    }

    /// A smaller image of the same distribution, for a full one.
    public static func minimalAlternative(to system: OperatingSystem) -> String? {
        let version = system.versionID ?? ""
        let major = version.split(separator: ".").first.map(String.init) ?? version
        switch system.id {
        case "debian":
            let codename = system.codename.map { "debian:\($0)-slim" } ?? "debian:<release>-slim"
            return "\(codename), or gcr.io/distroless/base-debian\(major) for a program that needs no shell"
        case "ubuntu":
            return "an Ubuntu chiselled image (ubuntu/chiselled or `chisel cut` of \(version)) or distroless"
        case "rhel":
            return "registry.access.redhat.com/ubi\(major)/ubi-minimal or ubi\(major)/ubi-micro"
        case "centos", "rocky":
            return "rockylinux:\(major)-minimal or UBI \(major) minimal"
        case "almalinux":
            return "almalinux:\(major)-minimal or almalinux:\(major)-micro"
        case "fedora":
            return "registry.fedoraproject.org/fedora-minimal:\(major)"
        case "amzn":
            return "amazonlinux:\(major)-minimal"
        case "sles", "opensuse-leap":
            return "a SUSE BCI micro or minimal image (registry.suse.com/bci/bci-micro)"
        default:
            return nil
        }
    }

    /// The installed packages a minimal image would not have, by kind: `shell`, `package-manager`, `compiler`.
    public static func removablePackages(_ names: [String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for name in Set(names).sorted() {
            if shells.contains(name) { result["shell", default: []].append(name) }
            if packageManagers.contains(name) { result["package-manager", default: []].append(name) }
            if isCompiler(name) { result["compiler", default: []].append(name) }
        }
        return result
    }
}
