import Foundation
import Hardening
import ScanModel

/// Lints Dockerfiles on disk: reads each file, finds whether a `.dockerignore` applies, and hands the text to the
/// `Linter` (the Hardening module takes text and returns findings; the file system is touched here).
public enum DockerfileLinting {
    /// Lints every file in `files`; unreadable or unparsable files become report errors, not thrown errors.
    public static func report(
        files: [String], linter: Linter, scanner: ScannerInfo, createdAt: String
    ) -> LintReport {
        var findings: [HardeningFinding] = []
        var errors: [LintReport.FileError] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                errors.append(LintReport.FileError(file: file, line: nil, message: "\(file): cannot be read"))
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            do {
                findings += try linter.findings(inText: text, path: file, hasDockerignore: hasDockerignore(for: file))
            } catch {
                errors.append(LintReport.FileError(file: file, line: error.line, message: error.description))
            }
        }
        return LintReport(scanner: scanner, createdAt: createdAt, files: files, findings: findings, errors: errors)
    }

    /// Whether a `.dockerignore` applies to the Dockerfile at `path`: `<name>.dockerignore` beside it, or
    /// `.dockerignore` in its directory (taken as the build context).
    public static func hasDockerignore(for path: String) -> Bool {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent(".dockerignore").path)
            || FileManager.default.fileExists(atPath: path + ".dockerignore")
    }

    /// The directory SARIF locations are relative to: the current directory when every absolute path is below it,
    /// else the deepest directory all the absolute paths share (the lint root), so GitHub gets relative URIs.
    public static func sarifBaseDirectory(for files: [String]) -> String {
        let current = FileManager.default.currentDirectoryPath
        let absolute = files.filter { $0.hasPrefix("/") }.map { ImagePath($0).components.dropLast() }
        let currentComponents = ImagePath(current).components
        guard let first = absolute.first,
            !absolute.allSatisfy({ $0.starts(with: currentComponents) })
        else { return current }
        var shared = Array(first)
        for directory in absolute.dropFirst() {
            shared = Array(zip(shared, directory).prefix { $0 == $1 }.map(\.0))
        }
        return "/" + shared.joined(separator: "/")
    }
}
