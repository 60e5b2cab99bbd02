import Foundation

/// Finds the Dockerfiles `plimsoll lint` checks.
public enum LintFileDiscovery {
    /// Why the paths given cannot be linted.
    public enum DiscoveryError: Error, Equatable, CustomStringConvertible {
        case notFound(path: String)

        public var description: String {
            switch self {
            case .notFound(let path): "\(path): no such file or directory"
            }
        }
    }

    /// Directories never descended into: version control and dependency trees.
    static let skippedDirectories: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", "vendor"]

    /// Whether a file name is a Dockerfile's: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`,
    /// `Containerfile`, `Containerfile.*`.
    public static func isDockerfileName(_ name: String) -> Bool {
        guard !name.hasSuffix(".dockerignore") else { return false }
        return name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile")
            || name.hasSuffix(".dockerfile") || name == "Containerfile" || name.hasPrefix("Containerfile.")
    }

    /// The Dockerfiles under `paths`, sorted and without duplicates; a path that is a file is linted whatever its
    /// name.
    ///
    /// - Throws: ``DiscoveryError/notFound(path:)`` for a path that does not exist.
    public static func dockerfiles(under paths: [String]) throws(DiscoveryError) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path: path) }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            var pending = [path]
            while let directory = pending.popLast() {
                guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
                for name in names {
                    let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                    var childIsDirectory: ObjCBool = false
                    guard manager.fileExists(atPath: child, isDirectory: &childIsDirectory) else { continue }
                    if childIsDirectory.boolValue {
                        if !skippedDirectories.contains(name) { pending.append(child) }
                    } else if isDockerfileName(name) {
                        found.append(child)
                    }
                }
            }
        }
        var seen: Set<String> = []
        return found.sorted().filter { seen.insert($0).inserted }
    }
}
