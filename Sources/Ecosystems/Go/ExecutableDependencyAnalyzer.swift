import BinaryFormats
import PackageAnalysis
import ScanModel

/// Finds the dependencies compilers record inside executables: the Go modules of Go's build information (what
/// `go version -m` prints) and the Rust crates of cargo-auditable's `.dep-v0` section.
///
/// Reads ELF, PE (PE32 and PE32+) and Mach-O files, universal binaries included. Each file is parsed once and its
/// headers feed both readers, so a Go binary and a Rust binary cost the same one pass. In a universal binary, each
/// reader takes the first architecture that has its data, as Go's `debug/buildinfo` takes the first: the slices are
/// one program built for several processors. Go modules are reported as `GoBuildInfo.analysisResult(path:)` describes;
/// crates as `CargoAuditableDependencies.result(compressedDependencies:path:)` does. Files in none of the three formats
/// give nothing; a corrupt one gives a warning.
public struct ExecutableDependencyAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "executable-dependencies", version: 1)

    /// Large enough for the biggest binaries seen in images (kubelet, terraform, cloud SDK tools are 50–200 MiB).
    public var maximumFileSize: Int64 { 256 << 20 }

    public init() {}

    /// Folder names whose files are executables, wherever they are (`usr/bin`, `usr/local/go/bin`, `opt/x/bin`).
    private static let executableFolders: Set<String> = ["bin", "sbin", "cli-plugins"]
    /// Top-level folders where applications are installed, searched at any depth.
    private static let applicationRoots: Set<String> = ["opt", "app", "srv", "ko-app"]
    /// Folders below `usr` and `usr/local` searched at any depth.
    private static let libraryExecutableFolders: Set<String> = ["libexec"]
    /// Folders inside application trees that hold no executables worth a read.
    private static let skippedFolders: Set<String> = [
        "node_modules", "site-packages", "dist-packages", "__pycache__", "include", "share", "man", "doc", "docs",
        "testdata",
    ]

    /// Returns whether `path` may be an executable, from its place and name alone.
    ///
    /// The name must not be hidden, and have no extension but `.exe` (any case) or a numeric suffix, which is a
    /// version (`kubectl.1.27`, `python3.11`). The place must be one of: a folder named `bin`, `sbin` or
    /// `cli-plugins`, at any depth; the image's root folder (distroless images put their one binary at `/manager`,
    /// `/server`); anywhere below `opt`, `app`, `srv`, `ko-app`, `usr/libexec` or `usr/local/libexec`, except in
    /// package-manager, source and documentation folders (`node_modules`, `site-packages`, `share`, `testdata`…); or
    /// a Go toolchain's `pkg/tool/<platform>/` folder. Every other file is left alone: the engine reads whole files
    /// for interested analyzers, so interest in every extension-less file would mean reading most of an image.
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

    /// Whether `name` could be an executable's: not hidden, and no extension but `.exe` or a numeric version suffix.
    static func isExecutableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: ".") else { return false }
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return true }
        let suffix = name.utf8[name.utf8.index(after: dot)...]
        if suffix.count == 3, suffix.elementsEqual("exe".utf8, by: { $0 | 0x20 == $1 }) { return true }
        return !suffix.isEmpty && suffix.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        guard ExecutableFormat(detecting: file.contents) != nil else { return AnalysisResult() }
        let images: [ExecutableFile]
        do {
            images = try ExecutableFile.images(in: file.contents)
        } catch {
            return AnalysisResult(warnings: ["\(file.path.absolute): \(error)"])
        }
        var result = AnalysisResult()
        var hasGoBuildInfo = false
        var hasCargoDependencies = false
        for image in images {
            if !hasGoBuildInfo { hasGoBuildInfo = Self.readGoBuildInfo(of: image, path: file.path, into: &result) }
            if !hasCargoDependencies {
                hasCargoDependencies = Self.readCargoDependencies(of: image, path: file.path, into: &result)
            }
        }
        return result
    }

    /// Adds the Go modules of `image` to `result`; returns whether it has build information, readable or not.
    private static func readGoBuildInfo(of image: ExecutableFile, path: ImagePath, into result: inout AnalysisResult)
        -> Bool
    {
        do {
            guard let buildInfo = try GoBuildInfo.parse(image) else { return false }
            result.append(buildInfo.analysisResult(path: path))
        } catch {
            result.warnings.append("\(path.absolute): \(error)")
        }
        return true
    }

    /// Adds the crates of `image` to `result`; returns whether it has a `.dep-v0` section, readable or not.
    private static func readCargoDependencies(
        of image: ExecutableFile, path: ImagePath, into result: inout AnalysisResult
    ) -> Bool {
        do {
            guard let section = try CargoAuditableDependencies.compressedDependencies(in: image) else { return false }
            result.append(try CargoAuditableDependencies.result(compressedDependencies: section, path: path))
        } catch {
            result.warnings.append("\(path.absolute): \(error)")
        }
        return true
    }
}

extension AnalysisResult {
    /// Adds the packages and warnings of `other`.
    fileprivate mutating func append(_ other: AnalysisResult) {
        packages += other.packages
        warnings += other.warnings
    }
}
