import ScanModel

/// Chooses the operating system of an image from the candidates its release files gave.
public enum OperatingSystemResolver {
    /// The most authoritative candidate, completed from weaker evidence about the same distribution.
    ///
    /// Authority follows `ReleaseFile.known`: `etc/os-release`, then `usr/lib/os-release`, then the vendor release
    /// files, then `lsb-release`, then `debian_version`; files elsewhere rank last. A missing version, codename,
    /// pretty name or `ID_LIKE` is taken from a weaker candidate with the same ID whose version does not contradict
    /// the chosen one (Debian's `debian_version` supplies the codename an old `os-release` lacks; Ubuntu's
    /// `debian_version`, naming a Debian codename, is ignored because the IDs differ).
    /// - Parameters:
    ///   - candidates: One operating system per release file visible in the image, as `OSReleaseAnalyzer` found them.
    ///   - hasDistrolessStatus: Whether the image's Debian packages all came from `var/lib/dpkg/status.d/`; see
    ///     `hasDistrolessStatus(_:)`.
    /// - Returns: `nil` when there is no candidate.
    public static func resolve(candidates: [OperatingSystem], hasDistrolessStatus: Bool) -> OperatingSystem? {
        let ranked = candidates.sorted {
            (ReleaseFile.authority(of: $0.evidence), $0.evidence.description)
                < (ReleaseFile.authority(of: $1.evidence), $1.evidence.description)
        }
        guard var chosen = ranked.first else { return nil }
        for weaker in ranked.dropFirst() where weaker.id == chosen.id {
            if let chosenVersion = chosen.versionID, let weakerVersion = weaker.versionID,
                !versions(chosenVersion, agreeWith: weakerVersion)
            {
                continue
            }
            if chosen.versionID == nil { chosen.versionID = weaker.versionID }
            if chosen.codename == nil { chosen.codename = weaker.codename }
            if chosen.prettyName == nil { chosen.prettyName = weaker.prettyName }
            if chosen.idLike.isEmpty { chosen.idLike = weaker.idLike }
        }
        chosen.isDistroless = hasDistrolessStatus
        return chosen
    }

    /// Returns whether `packages` hold Debian packages and every one of them was read from a distroless
    /// `var/lib/dpkg/status.d/` file (no `var/lib/dpkg/status`, hence no package manager).
    public static func hasDistrolessStatus(_ packages: [InstalledPackage]) -> Bool {
        var sawDebianPackage = false
        for package in packages where package.ecosystem == .dpkg {
            guard DpkgStatusAnalyzer.isDistrolessStatusFile(package.path) else { return false }
            sawDebianPackage = true
        }
        return sawDebianPackage
    }

    /// Whether two versions of one distribution can describe the same release: equal, or one a point release of
    /// the other (`12` and `12.4`, `9.3` and `9.3.2`).
    private static func versions(_ first: String, agreeWith second: String) -> Bool {
        let shorter = first.count <= second.count ? first : second
        let longer = first.count <= second.count ? second : first
        return longer == shorter || longer.hasPrefix(shorter + ".")
    }
}
