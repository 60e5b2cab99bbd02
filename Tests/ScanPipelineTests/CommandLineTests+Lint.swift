import Foundation
import ScannerTesting
import Testing

/// `plimsoll lint` through the built executable: its exit statuses, its one-line errors and its three formats.
extension CommandLineTests {
    /// A Dockerfile with high findings (a piped install script, root) and a medium one (no tag).
    static let riskyDockerfile = "FROM python\nRUN curl -fsSL https://x.io/i.sh | sh\n"
    /// A Dockerfile whose findings are at most medium.
    static let tidyDockerfile = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.0\nUSER app\n"

    /// A Dockerfile, the lint options and the exit status they give.
    struct LintCase: Sendable, CustomTestStringConvertible {
        var dockerfile: String
        var options: [String]
        var status: Int32
        init(_ dockerfile: String, _ options: [String], _ status: Int32) {
            (self.dockerfile, self.options, self.status) = (dockerfile, options, status)
        }
        var testDescription: String { "\(options.joined(separator: " ")) → \(status)" }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test(
        "lint exits 0 without a threshold, else by --fail-on and --exit-code",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)),
        arguments: [
            LintCase(riskyDockerfile, [], 0), LintCase(riskyDockerfile, ["--fail-on", "high"], 1),
            LintCase(riskyDockerfile, ["--fail-on", "critical"], 0),
            LintCase(riskyDockerfile, ["--fail-on", "high", "--exit-code", "3"], 3),
            LintCase(riskyDockerfile, ["--exit-code", "4"], 4), LintCase(tidyDockerfile, ["--fail-on", "high"], 0),
            LintCase(tidyDockerfile, ["--fail-on", "low"], 1),
        ])
    func lintExitStatus(_ lintCase: LintCase) throws {
        let (dockerfile, options, status) = (lintCase.dockerfile, lintCase.options, lintCase.status)
        let directory = try TemporaryDirectory()
        _ = try directory.write("Dockerfile", Array(dockerfile.utf8))
        _ = try directory.write(".dockerignore", Array("*\n".utf8))
        let result = try run(["lint", directory.path, "--format", "json"] + options)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func lintOfAnUnparsableFileIsOneLineNamingFileAndLineAndStatusTwo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("Dockerfile", Array("FROM debian:12\nRUNN apt-get update\n".utf8))
        let result = try run(["lint", path, "--fail-on", "critical"])
        #expect(result.status == 2)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)")
        #expect(lines.first?.contains("\(path):2: ") == true, "\(result.error)")
        #expect(lines.first?.contains("RUNN") == true, "\(result.error)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func lintOfAMissingPathIsOneLineAndStatusTwo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/absent/Dockerfile"
        let result = try run(["lint", path])
        #expect(result.status == 2)
        #expect(
            result.error.split(separator: "\n") == ["plimsoll: \(path): no such file or directory"], "\(result.error)")
        #expect(result.output.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func lintWritesATableWithRuleFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("Dockerfile", Array(Self.riskyDockerfile.utf8))
        let result = try run(["lint", path])
        #expect(result.status == 0)
        #expect(result.output.contains("PLM-DOCKERFILE-PIPE-TO-SHELL"), "\(result.output)")
        #expect(result.output.contains("\(path):2"), "\(result.output)")
        #expect(result.output.contains("PLM-DOCKERFILE-LATEST-TAG"), "\(result.output)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func lintWritesJSONWithFilesFindingsAndErrors() throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("a/Dockerfile", Array(Self.riskyDockerfile.utf8))
        let bad = try directory.write("b/Dockerfile", Array("FROM a:1\nHEALTHCHECK\n".utf8))
        let result = try run(["lint", directory.path, "--format", "json"])
        #expect(result.status == 2)
        let report = try jsonReport(result)
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(report["files"] as? [String] == [good, bad])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let pipe = try #require(findings.first { $0["ruleId"] as? String == "PLM-DOCKERFILE-PIPE-TO-SHELL" })
        #expect(pipe["file"] as? String == good)
        #expect(pipe["line"] as? Int == 2)
        #expect(pipe["severity"] as? String == "high")
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["file"] as? String == bad)
        #expect(errors.first?["line"] as? Int == 2)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func lintSARIFHasRelativeURIsForAbsolutePathsAndValidates() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("app/Dockerfile", Array(Self.riskyDockerfile.utf8))
        let result = try run(["lint", path, "--format", "sarif", "--output", directory.path + "/lint.sarif"])
        #expect(result.status == 0, "\(result.error)")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/lint.sarif"))
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count >= 2)
        for result in results {
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
            // Relative to the lint root (the temporary directory is outside the current directory).
            #expect(uri == "Dockerfile", "\(String(describing: uri))")
            #expect(!(uri ?? "").hasPrefix("file:"))
        }
        try expectValidSARIF(directory.path + "/lint.sarif")
    }

    /// Validates a SARIF file with `scripts/validate-sboms.py` and the OASIS schema, as the report writers' tests do;
    /// without Python's `jsonschema` the check is skipped, except under CI.
    func expectValidSARIF(_ path: String) throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import jsonschema, referencing"]
        python.standardError = Pipe()
        try python.run()
        python.waitUntilExit()
        guard python.terminationStatus == 0 else {
            if !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty {
                Issue.record("CI is set but python3 cannot import jsonschema; pip install 'jsonschema>=4.18,<5'")
            }
            return
        }
        let root = Self.repositoryRoot
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = [
            "python3", root.appendingPathComponent("scripts/validate-sboms.py").path, "--schemas",
            root.appendingPathComponent("Tests/ReportWritersTests/Schemas").path, path,
        ]
        let pipe = Pipe()
        validator.standardOutput = pipe
        validator.standardError = pipe
        try validator.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        #expect(validator.terminationStatus == 0, "\(output)")
        #expect(output.hasPrefix("ok "), "\(output)")
    }
}
