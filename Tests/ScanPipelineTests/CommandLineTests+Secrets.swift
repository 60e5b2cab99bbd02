import Foundation
import ScannerTesting
import Testing

/// `--scanners`, the secret options and the exit status with secrets, through the built executable.
extension CommandLineTests {
    /// The Debian image with a token in an application file and a setgid program, as a `docker save` archive.
    func writeImageWithSecrets(in directory: TemporaryDirectory, token: PlantedToken = PlantedToken(seed: 20))
        throws -> String
    {
        var fixture = debianImage()
        var app = TarBuilder()
        app.file("app/settings.conf", "GITHUB_TOKEN=\(token.text)\n")
        fixture.layers.append(.init(app, createdBy: "COPY settings.conf /app/"))
        return try directory.write("app.tar", ImageFixture.tar(fixture.classicDockerArchiveFiles()))
    }

    /// The parsed JSON report a run wrote to standard output.
    func jsonReport(_ run: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }

    /// The rule IDs of a report's secrets.
    func ruleIDs(_ report: [String: Any]) -> [String] {
        (report["secrets"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
    }

    @Test(
        "--scanners chooses what the report holds",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)),
        arguments: [
            ("secret", false, true), ("vuln", true, false), ("vuln,secret", true, true),
            ("Vulnerability, SECRET", true, true), ("package", true, false),
        ])
    func scannersChooseTheReport(scanners: String, hasPackages: Bool, hasSecrets: Bool) throws {
        let directory = try TemporaryDirectory()
        let token = PlantedToken(seed: 21)
        let image = try writeImageWithSecrets(in: directory, token: token)
        let result = try run([
            "scan", image, "--scanners", scanners, "--skip-vulnerabilities", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let report = try jsonReport(result)
        #expect(((report["packages"] as? [Any])?.count ?? 0 > 0) == hasPackages)
        let secrets = report["secrets"] as? [[String: Any]]
        #expect((secrets != nil) == hasSecrets)
        if hasSecrets {
            #expect(secrets?.contains { $0["path"] as? String == "/app/settings.conf" } == true)
        }
        #expect(!result.output.contains(token.body))
    }

    @Test(
        "--scanners names only known scanners",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)),
        arguments: [
            ("bogus", "unknown scanner 'bogus'; expected vuln or secret"),
            ("vuln,secrets", "unknown scanner 'secrets'"), (",", "name at least one of vuln, secret"),
        ])
    func unknownScannersAreUsageErrors(scanners: String, message: String) throws {
        let result = try run(["scan", "dir:/nonexistent", "--scanners", scanners])
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test(
        "A secret crossing --fail-on sets the exit status",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)),
        arguments: [
            (["--fail-on", "high"], 1), (["--fail-on", "critical", "--exit-code", "7"], 7),
            (["--exit-code", "3"], 3), ([], 0), (["--scanners", "vuln", "--fail-on", "low"], 0),
        ] as [([String], Int32)])
    func exitStatusCountsSecrets(options: [String], status: Int32) throws {
        let directory = try TemporaryDirectory()
        let image = try writeImageWithSecrets(in: directory)
        let result = try run(["scan", image, "--skip-vulnerabilities", "--format", "json"] + options)
        #expect(result.status == status, "\(result.error)")
        #expect(try jsonReport(result)["schemaVersion"] as? Int == 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func aSecretBelowTheThresholdKeepsStatusZero() throws {
        let directory = try TemporaryDirectory()
        var layer = TarBuilder()
        layer.add("usr/local/bin/tool", .file([0x7F]), mode: 0o2755)
        let image = try directory.write(
            "setgid.tar", ImageFixture.tar(ImageFixture(layers: [.init(layer)]).classicDockerArchiveFiles()))
        let arguments = ["scan", image, "--scanners", "secret", "--format", "json", "--fail-on"]
        let high = try run(arguments + ["high"])
        #expect(high.status == 0, "\(high.error)")
        let secrets = try #require(try jsonReport(high)["secrets"] as? [[String: Any]])
        #expect(secrets.map { $0["ruleId"] as? String } == ["PLM-SECRET-FS-SETGID"])
        #expect(try run(arguments + ["medium"]).status == 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func secretOptionsReachTheScan() throws {
        let directory = try TemporaryDirectory()
        let image = try writeImageWithSecrets(in: directory)
        let small = try run([
            "scan", image, "--scanners", "secret", "--format", "json", "--secret-max-file-size", "16",
        ])
        #expect(small.status == 0, "\(small.error)")
        let report = try jsonReport(small)
        #expect(ruleIDs(report) == ["PLM-SECRET-FILE-SHELL-HISTORY"])
        #expect(
            (report["warnings"] as? [String])?.contains {
                $0.hasPrefix("layer 2: ") && $0.contains("larger than 16 bytes were not searched for secrets")
            } == true)
        let configuration = try directory.write(
            "plimsoll.yaml", Array("secrets:\n  disabledRules: [PLM-SECRET-GITHUB-PAT]\n".utf8))
        let disabled = try run([
            "scan", image, "--scanners", "secret", "--format", "json", "--secret-config", configuration,
        ])
        #expect(disabled.status == 0, "\(disabled.error)")
        #expect(ruleIDs(try jsonReport(disabled)) == ["PLM-SECRET-FILE-SHELL-HISTORY"])
    }

    @Test(
        "Bad secret options are errors that name the problem",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)),
        arguments: [
            (["--secret-max-file-size", "0"], 64, "--secret-max-file-size must be positive"),
            (["--secret-config", "/nonexistent/plimsoll.yaml"], 2, "/nonexistent/plimsoll.yaml: cannot be read"),
        ] as [([String], Int32, String)])
    func badSecretOptions(options: [String], status: Int32, message: String) throws {
        let directory = try TemporaryDirectory()
        let image = try writeImageWithSecrets(in: directory)
        let result = try run(["scan", image, "--scanners", "secret"] + options)
        #expect(result.status == status)
        #expect(result.error.contains(message), "\(result.error)")
    }
}
