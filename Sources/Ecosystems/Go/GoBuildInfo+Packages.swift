import BinaryFormats
import PackageAnalysis
import ScanModel

extension GoBuildInfo {
    /// The packages this build information describes, found in the binary at `path`, and the problems met reading it.
    ///
    /// Reports the main module (unless it is `(devel)`, a build from a source checkout), every dependency as built
    /// (the replacement's path and version when a `replace` directive applied), and the toolchain as the `stdlib`
    /// module in OSV's form (`go1.21.3` → `1.21.3`, `go1.22rc1` → `1.22.0-rc.1`, by
    /// `GoModuleVersion.osvVersion(forGoTag:)`) so that Go standard-library advisories match. Module versions keep
    /// Go's `v`.
    ///
    /// Deliberate differences from Syft: dependencies replaced by a local directory (`=> ./internal/x (devel)`) are
    /// left out, since their path is a folder on the build machine and they have no version to match; the main
    /// module's version is never guessed from `-ldflags`.
    public func analysisResult(path: ImagePath) -> AnalysisResult {
        var packages: [InstalledPackage] = []
        var warnings = problems.map { "\(path.absolute): \($0)" }
        func add(_ name: String, _ version: String) {
            guard !name.isEmpty, !version.isEmpty, version != "(devel)" else { return }
            packages.append(InstalledPackage(name: name, version: version, ecosystem: .golang, path: path))
        }
        if let mainModule {
            add(mainModule.path, mainModule.version)
        }
        for dependency in dependencies where dependency.path != mainModule?.path {
            if let replacement = dependency.replacement {
                if !replacement.isLocalDirectory { add(replacement.path, replacement.version) }
            } else {
                add(dependency.path, dependency.version)
            }
        }
        if let version = GoModuleVersion.osvVersion(forGoTag: goVersion) {
            add("stdlib", version)
        } else {
            warnings.append(
                "\(path.absolute): the Go toolchain version '\(goVersion)' is not a release tag; "
                    + "the standard library is not reported.")
        }
        return AnalysisResult(packages: packages, warnings: warnings)
    }
}
