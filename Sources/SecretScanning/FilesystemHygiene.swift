import ScanModel

/// File-permission checks on a layer's entries: what an attacker inside the container could use to gain root or
/// to change what others run.
public enum FilesystemHygiene {
    /// A filesystem-hygiene rule: its ID, title and severity.
    public struct Rule: Sendable, Hashable {
        public let id: String
        public let title: String
        public let severity: Severity
    }

    public static let setuid = Rule(
        id: "PLM-SECRET-FS-SETUID", title: "Set-user-ID executable not installed by a package", severity: .high)
    public static let setgid = Rule(
        id: "PLM-SECRET-FS-SETGID", title: "Set-group-ID executable not installed by a package", severity: .medium)
    public static let worldWritable = Rule(
        id: "PLM-SECRET-FS-WORLD-WRITABLE", title: "World-writable file or directory", severity: .medium)
    public static let rootOwnedWritableByOthers = Rule(
        id: "PLM-SECRET-FS-ROOT-OWNED-WRITABLE", title: "Root-owned file writable by another group",
        severity: .medium)

    /// Every filesystem-hygiene rule.
    public static let all: [Rule] = [setuid, setgid, worldWritable, rootOwnedWritableByOthers]

    /// Folders meant to be writable by everyone (with the sticky bit on the folder itself).
    static let sharedTemporaryFolders: [ImagePath] = [
        ImagePath("tmp"), ImagePath("var/tmp"), ImagePath("dev/shm"), ImagePath("run/lock"), ImagePath("var/lock"),
    ]

    /// The findings one layer entry calls for.
    ///
    /// - Parameters:
    ///   - entry: a tar entry; symbolic links (always `rwxrwxrwx`), whiteouts and devices are never findings.
    ///   - isOwnedByOSPackage: whether the OS package manager installed the path; packaged setuid programs
    ///     (`passwd`, `su`) and packaged group-writable files (`var/mail`) are the distribution's design.
    public static func findings(for entry: LayerEntry, isOwnedByOSPackage: Bool) -> [SecretFinding] {
        let isDirectory: Bool
        switch entry.kind {
        case .regularFile: isDirectory = false
        case .directory: isDirectory = true
        default: return []
        }
        let mode = entry.mode
        let permissions = String(mode & 0o7777, radix: 8)
        func finding(_ rule: Rule, severity: Severity? = nil, detail: String) -> SecretFinding {
            SecretFinding(
                ruleID: rule.id, category: .filesystem, title: rule.title, severity: severity ?? rule.severity,
                path: entry.path, line: nil,
                match: "mode \(permissions), uid \(entry.userID), gid \(entry.groupID)"
                    + detail)
        }
        var results: [SecretFinding] = []
        let isExecutable = mode & 0o111 != 0
        if !isDirectory, isExecutable, !isOwnedByOSPackage {
            if mode & 0o4000 != 0 {
                results.append(finding(setuid, severity: entry.userID == 0 ? .high : .medium, detail: ""))
            }
            if mode & 0o2000 != 0 { results.append(finding(setgid, detail: "")) }
        }
        let isSharedTemporary = sharedTemporaryFolders.contains { entry.path.isSelfOrDescendant(of: $0) }
        let isStickyDirectory = isDirectory && mode & 0o1000 != 0
        if mode & 0o002 != 0, !isSharedTemporary, !isStickyDirectory {
            results.append(finding(worldWritable, severity: entry.userID == 0 ? .high : .medium, detail: ""))
        } else if entry.userID == 0, entry.groupID != 0, mode & 0o020 != 0, !isOwnedByOSPackage, !isStickyDirectory {
            results.append(finding(rootOwnedWritableByOthers, detail: ""))
        }
        return results
    }
}
