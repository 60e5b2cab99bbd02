import Foundation
import ScanModel

/// Lints Dockerfiles with the Dockerfile rules and the user's configuration.
public struct Linter: Sendable {
    /// The user's rule configuration, applied to every finding.
    public var configuration: HardeningConfiguration
    /// The rules that run.
    public var rules: [any DockerfileRule]

    /// Creates a linter.
    public init(configuration: HardeningConfiguration = HardeningConfiguration(), rules: [any DockerfileRule]? = nil) {
        self.configuration = configuration
        self.rules = rules ?? DockerfileRuleSet.all
    }

    /// The findings in one Dockerfile's text, configuration applied, in report order.
    ///
    /// - Throws: ``DockerfileParseError`` when the text is not a Dockerfile.
    public func findings(
        inText text: String, path: String, hasDockerignore: Bool
    ) throws(DockerfileParseError) -> [HardeningFinding] {
        let dockerfile = try DockerfileParser.parse(text, path: path)
        return findings(in: dockerfile, hasDockerignore: hasDockerignore)
    }

    /// The findings in a parsed Dockerfile, configuration applied, in report order.
    public func findings(in dockerfile: Dockerfile, hasDockerignore: Bool) -> [HardeningFinding] {
        let context = DockerfileRuleContext(configuration: configuration, hasDockerignore: hasDockerignore)
        let active = rules.filter { !configuration.disabledRules.contains($0.id) }
        return configuration.applied(to: active.flatMap { $0.findings(in: dockerfile, context: context) })
            .sorted(by: LintReport.reportOrder)
    }

    /// Lints every file in `files`; unreadable or unparsable files become report errors, not thrown errors.
    public func report(files: [String], scanner: ScannerInfo, createdAt: String) -> LintReport {
        var findings: [HardeningFinding] = []
        var errors: [LintReport.FileError] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                errors.append(LintReport.FileError(file: file, line: nil, message: "\(file): cannot be read"))
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            do {
                findings += try self.findings(
                    inText: text, path: file, hasDockerignore: Self.hasDockerignore(for: file))
            } catch {
                errors.append(LintReport.FileError(file: file, line: error.line, message: error.description))
            }
        }
        return LintReport(scanner: scanner, createdAt: createdAt, files: files, findings: findings, errors: errors)
    }

    /// Whether a `.dockerignore` applies to the Dockerfile at `path`: `<name>.dockerignore` beside it, or
    /// `.dockerignore` in its directory (taken as the build context).
    public static func hasDockerignore(for path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent(".dockerignore").path)
            || FileManager.default.fileExists(atPath: path + ".dockerignore")
    }
}
