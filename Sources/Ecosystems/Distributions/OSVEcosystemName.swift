import ScanModel

/// The OSV ecosystem that holds a distribution's advisories, as the records spell it.
///
/// See `ossf/osv-schema` "Defined ecosystems": `Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`, `Rocky Linux:9`,
/// `AlmaLinux:9`, `Red Hat:enterprise_linux:9::appstream`, `Wolfi`, `Chainguard`, `openSUSE:Leap 15.5`,
/// `SUSE:Linux Enterprise Server 15 SP5`.
public struct OSVEcosystemName: Sendable, Equatable {
    public var name: String
    /// Whether records of longer ecosystems (`Red Hat:enterprise_linux:9::baseos`) apply too.
    public var includesSubEcosystems: Bool

    public init(name: String, includesSubEcosystems: Bool = false) {
        self.name = name
        self.includesSubEcosystems = includesSubEcosystems
    }

    /// The ecosystem of `system`'s packages; `nil` when OSV publishes nothing for it.
    public static func forOperatingSystem(_ system: OperatingSystem) -> OSVEcosystemName? {
        let version = system.versionID ?? ""
        let parts = version.split(separator: ".").map(String.init)
        let major = parts.first ?? ""
        switch system.id {
        case "debian":
            if !major.isEmpty { return OSVEcosystemName(name: "Debian:\(major)") }
            return system.codename == "sid" || system.codename == "trixie" ? OSVEcosystemName(name: "Debian:13") : nil
        case "ubuntu":
            guard parts.count >= 2, let year = Int(parts[0]) else { return nil }
            let isLTS = year % 2 == 0 && parts[1] == "04"
            return OSVEcosystemName(name: "Ubuntu:\(parts[0]).\(parts[1])" + (isLTS ? ":LTS" : ""))
        case "alpine":
            guard parts.count >= 2 else { return nil }
            return OSVEcosystemName(name: "Alpine:v\(parts[0]).\(parts[1])")
        case "wolfi":
            return OSVEcosystemName(name: "Wolfi")
        case "chainguard":
            return OSVEcosystemName(name: "Chainguard")
        case "rocky":
            return major.isEmpty ? nil : OSVEcosystemName(name: "Rocky Linux:\(major)")
        case "almalinux":
            return major.isEmpty ? nil : OSVEcosystemName(name: "AlmaLinux:\(major)")
        case "rhel":
            return major.isEmpty
                ? nil : OSVEcosystemName(name: "Red Hat:enterprise_linux:\(major)", includesSubEcosystems: true)
        case "opensuse-leap":
            return version.isEmpty ? nil : OSVEcosystemName(name: "openSUSE:Leap \(version)")
        case "sles":
            guard let major = parts.first else { return nil }
            let servicePack = parts.count > 1 && parts[1] != "0" ? " SP\(parts[1])" : ""
            return OSVEcosystemName(name: "SUSE:Linux Enterprise Server \(major)\(servicePack)")
        default:
            return nil
        }
    }
}
