import ScanModel

/// The test and documentation folders that installed dependencies carry, whose files describe sample projects rather
/// than anything the image runs (setuptools ships `pkg_resources/tests/data/…/EGG-INFO/PKG-INFO`, npm packages ship
/// `test/fixtures/…/package.json`, Java libraries ship `src/test/resources/*.jar`).
enum DependencyTree {
    /// Folders that hold installed dependencies of some package manager.
    static let dependencyFolders: Set<String> = [
        "node_modules", "site-packages", "dist-packages", "vendor", "gems", "bower_components",
    ]
    /// Folders inside a dependency that hold tests, fixtures, examples or documentation.
    static let sampleFolders: Set<String> = [
        "test", "tests", "testdata", "testing", "__tests__", "fixture", "fixtures", "__fixtures__", "example",
        "examples", "doc", "docs",
    ]

    /// Returns whether `path` lies in a test or documentation folder below an installed dependency's folder.
    static func isSampleInsideDependency(_ path: ImagePath) -> Bool {
        let folders = path.components.dropLast()
        guard let container = folders.firstIndex(where: dependencyFolders.contains) else { return false }
        return folders[(container + 1)...].contains(where: sampleFolders.contains)
    }
}
