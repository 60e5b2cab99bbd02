import PackageAnalysis
import ScanModel

/// Reads the packages pinned by npm's `package-lock.json` (lockfile versions 1, 2 and 3), Yarn's `yarn.lock`
/// (classic v1 and Berry) and pnpm's `pnpm-lock.yaml` (5.x, 6.0 and 9.0), outside `node_modules`.
///
/// Lock files describe a project, not what is installed, so dev dependencies (`"dev": true` and
/// `"devOptional": true` in `package-lock.json`, `dev: true` in `pnpm-lock.yaml` 5.x and 6.0) are reported with
/// `isDevelopment`: an image usually ships `npm ci --omit=dev`, and when they are installed after all,
/// `NodePackageAnalyzer` finds them in `node_modules`. `yarn.lock` does not say which entries are dev dependencies,
/// so all of them are reported as production.
/// Lock files inside `node_modules` (npm's hidden `node_modules/.package-lock.json`, those that packages publish) are
/// not read.
public struct NodeLockfileAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "node-lockfile", version: 3)

    public var maximumFileSize: Int64 { 32 << 20 }

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        let name = path.name
        guard name == "package-lock.json" || name == "yarn.lock" || name == "pnpm-lock.yaml" else { return false }
        return !LockFileLocation.isInsideInstalledDependency(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        switch file.path.name {
        case "yarn.lock": return YarnLockfile.parse(file.contents, path: file.path)
        case "pnpm-lock.yaml": return PNPMLockfile.parse(file.contents, path: file.path)
        default: break
        }
        return try NPMLockfile.parse(file.contents, path: file.path)
    }
}
