import ScanModel

/// Where a lock file describes what an image runs, and where it is only a file some dependency shipped.
///
/// A gem, a crate or an npm package often carries its own development lock file (`gems/typeprof-0.21.2/Gemfile.lock`,
/// `.cargo/registry/src/…/Cargo.lock`); those packages are not installed, so such lock files are not read.
enum LockFileLocation {
    /// Folders that hold installed dependencies of some package manager.
    private static let dependencyFolders: Set<String> = [
        "node_modules", "site-packages", "dist-packages", "vendor", ".cargo", "bower_components",
    ]

    /// Returns whether `path` lies inside an installed dependency rather than in an application's own tree.
    static func isInsideInstalledDependency(_ path: ImagePath) -> Bool {
        let folders = Array(path.components.dropLast())
        if folders.contains(where: dependencyFolders.contains) { return true }
        // Installed gems live in `…/gems/<name>-<version>/`; Go's module cache in `…/pkg/mod/`.
        for index in folders.indices.dropLast() {
            if folders[index] == "gems" || (folders[index] == "pkg" && folders[index + 1] == "mod") { return true }
        }
        return false
    }
}
