import Foundation
import ScannerTesting
import Testing

/// The config scanner and `--config` through the built executable.
extension CommandLineTests {
    /// The rule IDs of a report's hardening findings.
    func hardeningRuleIDs(_ report: [String: Any]) -> [String] {
        (report["hardening"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
    }

    @Test(
        "--scanners config reports the image's hardening findings and base image",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func configScanner() throws {
        let directory = try TemporaryDirectory()
        let image = try writeImageWithSecrets(in: directory)
        let result = try run(["scan", image, "--scanners", "config", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try jsonReport(result)
        // debianImage() sets no user: the container runs as root.
        #expect(hardeningRuleIDs(report).contains("PLM-IMAGE-ROOT-USER"))
        #expect(report["baseImage"] != nil)
        #expect(report["secrets"] == nil)
        // Without `config`, no hardening section.
        let plain = try run(["scan", image, "--scanners", "vuln", "--skip-vulnerabilities", "--format", "json"])
        #expect(try jsonReport(plain)["hardening"] == nil)
    }

    @Test(
        "--config disables and re-grades hardening rules; --fail-on counts them",
        .enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func configFile() throws {
        let directory = try TemporaryDirectory()
        let image = try writeImageWithSecrets(in: directory)
        let failing = try run(["scan", image, "--scanners", "config", "--fail-on", "high", "--format", "json"])
        #expect(failing.status == 1, "\(failing.error)")
        let configuration = try directory.write(
            "plimsoll.yaml",
            Array(
                "hardening:\n  severities: { PLM-IMAGE-ROOT-USER: low }\n  disabledRules: [PLM-IMAGE-NO-HEALTHCHECK]\n"
                    .utf8))
        let passing = try run([
            "scan", image, "--scanners", "config", "--config", configuration, "--fail-on", "high", "--format", "json",
        ])
        let ids = hardeningRuleIDs(try jsonReport(passing))
        #expect(ids.contains("PLM-IMAGE-ROOT-USER"))
        #expect(!ids.contains("PLM-IMAGE-NO-HEALTHCHECK"))
        let severities = (try jsonReport(passing)["hardening"] as? [[String: Any]] ?? []).filter {
            $0["ruleId"] as? String == "PLM-IMAGE-ROOT-USER"
        }.compactMap { $0["severity"] as? String }
        #expect(severities == ["low"])
        #expect(passing.status == 0, "\(passing.error)")
    }
}
