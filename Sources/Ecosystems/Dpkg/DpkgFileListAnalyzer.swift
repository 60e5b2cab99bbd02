import PackageAnalysis
import ScanModel

/// Reads the files that Debian packages own: `var/lib/dpkg/info/*.list` and, for distroless images, which have no
/// `info/` folder, `var/lib/dpkg/status.d/*.md5sums`.
///
/// A `.list` file has one absolute path a line, folders included; an `.md5sums` file has `HASH  relative/path` lines,
/// regular files only, as `md5sum(1)` prints them.
public struct DpkgFileListAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "dpkg-file-list", version: 1)

    public init() {}

    private static let databaseFolder = ["var", "lib", "dpkg"]

    public func isInterested(in path: ImagePath) -> Bool {
        let components = path.components
        guard components.count == 5, Array(components.prefix(3)) == Self.databaseFolder else { return false }
        switch components[3] {
        case "info": return components[4].hasSuffix(".list")
        case "status.d": return components[4].hasSuffix(".md5sums")
        default: return false
        }
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        let ownedFiles =
            file.path.name.hasSuffix(".md5sums")
            ? Self.parseChecksumList(file.contents) : Self.parseFileList(file.contents)
        return AnalysisResult(ownedFiles: ownedFiles)
    }

    /// The paths of a `.list` file, in file order, without the root (`/.`) and blank lines.
    public static func parseFileList(_ bytes: [UInt8]) -> [ImagePath] {
        lines(of: bytes).compactMap { line in
            guard !line.isEmpty else { return nil }
            let path = ImagePath(String(decoding: line, as: UTF8.self))
            return path.isRoot ? nil : path
        }
    }

    /// The paths of an `.md5sums` file (`HASH  path`), in file order.
    public static func parseChecksumList(_ bytes: [UInt8]) -> [ImagePath] {
        lines(of: bytes).compactMap { line in
            // The hash, then one or two separators (a space, and a space or `*` for binary mode), then the path.
            guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return nil }
            var rest = line[(space + 1)...]
            if let first = rest.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "*") {
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty else { return nil }
            let path = ImagePath(String(decoding: rest, as: UTF8.self))
            return path.isRoot ? nil : path
        }
    }

    /// The lines of `bytes`, without `\n` or `\r\n`.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
    }
}
