import BinaryFormats
import PackageAnalysis
import ScanModel

/// Finds the Go modules compiled into Go binaries, from the build information the Go linker embeds (`go version -m`).
///
/// Reports the main module (unless it is `(devel)`, a build from a source checkout), every dependency as built (the
/// replacement's path and version when a `replace` directive applied), and the toolchain as the `stdlib` module in
/// OSV's form (`go1.21.3` → `1.21.3`, `go1.22rc1` → `1.22.0-rc.1`, by `GoModuleVersion.osvVersion(forGoTag:)`) so
/// that Go standard-library advisories match. Module versions keep Go's `v`.
///
/// Deliberate differences from Syft: dependencies replaced by a local directory (`=> ./internal/x (devel)`) are left
/// out, since their path is a folder on the build machine and they have no version to match; the main module's
/// version is never guessed from `-ldflags`.
public struct GoBinaryAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "go-binary", version: 1)

    /// Large enough for the biggest Go binaries seen in images (kubelet, terraform, cloud SDK tools are 50–200 MiB).
    public var maximumFileSize: Int64 { 256 << 20 }

    public init() {}

    /// Folder names whose files are executables, wherever they are (`usr/bin`, `usr/local/go/bin`, `opt/x/bin`).
    private static let executableFolders: Set<String> = ["bin", "sbin", "cli-plugins"]
    /// Top-level folders where applications are installed, searched at any depth.
    private static let applicationRoots: Set<String> = ["opt", "app", "srv", "ko-app"]
    /// Folders below `usr` and `usr/local` searched at any depth.
    private static let libraryExecutableFolders: Set<String> = ["libexec"]
    /// Folders inside application trees that hold no Go binaries worth a read.
    private static let skippedFolders: Set<String> = [
        "node_modules", "site-packages", "dist-packages", "__pycache__", "include", "share", "man", "doc", "docs",
        "testdata",
    ]

    /// Returns whether `path` may be a Go executable, from its place and name alone.
    ///
    /// The name must have no extension (a numeric suffix such as `kubectl.1.27` or `python3.11` is a version, not an
    /// extension) and not be hidden. The place must be one of: a folder named `bin`, `sbin` or `cli-plugins`, at any
    /// depth; the image's root folder (distroless images put their one binary at `/manager`, `/server`); anywhere
    /// below `opt`, `app`, `srv`, `ko-app`, `usr/libexec` or `usr/local/libexec`, except in package-manager, source
    /// and documentation folders (`node_modules`, `site-packages`, `share`, `testdata`…); or a Go toolchain's
    /// `pkg/tool/<platform>/` folder. Every other file is left alone: the engine reads whole files for interested
    /// analyzers, so interest in every extension-less file would mean reading most of an image.
    public func isInterested(in path: ImagePath) -> Bool {
        let components = path.components
        guard let name = components.last, Self.isExecutableName(name) else { return false }
        guard components.count > 1 else { return true }
        let parent = components[components.count - 2]
        if Self.executableFolders.contains(parent) { return true }
        if components.count >= 4, components[components.count - 3] == "tool", components[components.count - 4] == "pkg"
        {
            return true
        }
        guard Self.isInApplicationTree(components) else { return false }
        if parent.hasSuffix(".dist-info") || parent.hasSuffix(".egg-info") || parent == "EGG-INFO" { return false }
        return !components.dropLast().contains(where: Self.skippedFolders.contains)
    }

    private static func isInApplicationTree(_ components: [String]) -> Bool {
        if applicationRoots.contains(components[0]) { return true }
        guard components[0] == "usr", components.count > 2 else { return false }
        if libraryExecutableFolders.contains(components[1]) { return true }
        return components[1] == "local" && components.count > 3 && libraryExecutableFolders.contains(components[2])
    }

    /// Whether `name` could be an executable's: not hidden, and no extension other than a numeric version suffix.
    static func isExecutableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: ".") else { return false }
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return true }
        let suffix = name.utf8[name.utf8.index(after: dot)...]
        return !suffix.isEmpty && suffix.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        guard ELFFile.hasMagic(file.contents) else { return AnalysisResult() }
        let buildInfo: GoBuildInfo?
        do {
            buildInfo = try GoBuildInfo.parse(.elf(ELFFile(file.contents)))
        } catch {
            return AnalysisResult(warnings: ["\(file.path.absolute): \(error)"])
        }
        guard let buildInfo else { return AnalysisResult() }
        return Self.result(for: buildInfo, path: file.path)
    }

    /// The packages a Go binary's build information describes, and the problems met reading it.
    public static func result(for buildInfo: GoBuildInfo, path: ImagePath) -> AnalysisResult {
        var packages: [InstalledPackage] = []
        var warnings = buildInfo.problems.map { "\(path.absolute): \($0)" }
        func add(_ name: String, _ version: String) {
            guard !name.isEmpty, !version.isEmpty, version != "(devel)" else { return }
            packages.append(InstalledPackage(name: name, version: version, ecosystem: .golang, path: path))
        }
        if let main = buildInfo.mainModule {
            add(main.path, main.version)
        }
        for dependency in buildInfo.dependencies where dependency.path != buildInfo.mainModule?.path {
            if let replacement = dependency.replacement {
                if !replacement.isLocalDirectory { add(replacement.path, replacement.version) }
            } else {
                add(dependency.path, dependency.version)
            }
        }
        if let version = GoModuleVersion.osvVersion(forGoTag: buildInfo.goVersion) {
            add("stdlib", version)
        } else {
            warnings.append(
                "\(path.absolute): the Go toolchain version '\(buildInfo.goVersion)' is not a release tag; "
                    + "the standard library is not reported.")
        }
        return AnalysisResult(packages: packages, warnings: warnings)
    }
}
