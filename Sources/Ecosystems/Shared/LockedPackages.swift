import ScanModel

/// The packages a lock file lists, each name and version once.
enum LockedPackages {
    /// The packages in first-seen order, each identity once; a package listed both for production and for
    /// development is a production package, since a production install gets it.
    static func merged(_ packages: [InstalledPackage]) -> [InstalledPackage] {
        var positions: [String: Int] = [:]
        var result: [InstalledPackage] = []
        for package in packages {
            if let position = positions[package.identityKey] {
                result[position].isDevelopment = result[position].isDevelopment && package.isDevelopment
            } else {
                positions[package.identityKey] = result.count
                result.append(package)
            }
        }
        return result
    }
}

/// Counts the lines of a file that could not be read, and reports the first with the count of the rest.
struct UnreadableLines {
    private var first: (line: Int, reason: String)?
    private var count = 0

    /// Records that `line` could not be read, for `reason`.
    mutating func record(line: Int, reason: String) {
        if first == nil { first = (line, reason) }
        count += 1
    }

    /// One warning naming `path` and the first unreadable line, or none.
    func warnings(for path: ImagePath) -> [String] {
        guard let first else { return [] }
        let more = count > 1 ? " (and \(count - 1) more lines)" : ""
        return ["\(path.absolute):\(first.line): \(first.reason)\(more); skipped"]
    }
}
