import Foundation

/// Where the advisory database file lives.
public struct DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name used in the cache folder.
    public static let fileName = "advisories.db"

    /// The database file's path.
    public var path: String

    /// A database at an explicit path.
    public init(path: String) {
        self.path = path
    }

    /// `$XDG_CACHE_HOME/plimsoll/advisories.db`, else `~/.cache/plimsoll/advisories.db`.
    ///
    /// A relative `XDG_CACHE_HOME` is ignored, as the XDG Base Directory specification requires.
    public static func `default`(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DatabaseLocation {
        let cache: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            cache = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            cache = (home as NSString).appendingPathComponent(".cache")
        }
        return DatabaseLocation(
            path: ((cache as NSString).appendingPathComponent("plimsoll") as NSString)
                .appendingPathComponent(fileName))
    }

    /// The explicit path when one is given, else the default.
    public static func resolve(
        _ explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DatabaseLocation {
        explicitPath.map(DatabaseLocation.init(path:)) ?? .default(environment: environment)
    }

    /// Whether a file exists at the path.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public var description: String { path }

    var url: URL { URL(fileURLWithPath: path) }
}
