import Foundation
import ReportWriters
import Testing

/// Validates the writers' output against the official schemas with `scripts/validate-sboms.py`: CycloneDX 1.6,
/// SPDX 2.3, SARIF 2.1.0 (plus what GitHub code scanning asks beyond it), and `docs/report-schema-v1.json`.
///
/// The script needs Python's `jsonschema` (4.18 or later). Without it the test is skipped locally, but fails when
/// the `CI` environment variable is set, so CI cannot pass without the check.
@Suite(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.isCI, "needs python3 with jsonschema>=4.18"))
struct SchemaValidationTests {
    @Test func everyFixtureValidatesAgainstTheOfficialSchemas() throws {
        guard SchemaValidator.isAvailable else {
            Issue.record(
                "CI is set but python3 cannot import jsonschema; install it: pip install 'jsonschema>=4.18,<5'")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-sboms-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        for fixture in ReportFixture.all {
            for format in [ReportFormat.cyclonedx, .spdxJSON, .json, .sarif] {
                let file = directory.appendingPathComponent("\(fixture.name).\(format.fileExtension)")
                try Data(format.writer.render(fixture.report)).write(to: file)
                files.append(file)
            }
        }
        let result = try SchemaValidator.validate(files)
        #expect(result.status == 0, "\(result.output)")
        #expect(
            result.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == files.count, "\(result.output)"
        )
    }

    @Test func theValidatorRejectsABrokenDocument() throws {
        guard SchemaValidator.isAvailable else {
            Issue.record(
                "CI is set but python3 cannot import jsonschema; install it: pip install 'jsonschema>=4.18,<5'")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-sboms-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(ReportFixture.alpine.report))
        var components = bom["components"] as? [[String: Any]] ?? []
        components[1]["licenses"] = [["license": ["id": "Not-A-Listed-License"]]]
        components[2]["bom-ref"] = components[3]["bom-ref"]
        bom["components"] = components
        let cycloneDX = directory.appendingPathComponent("broken.cdx.json")
        try JSONSerialization.data(withJSONObject: bom).write(to: cycloneDX)
        var document = try TestSupport.jsonObject(SPDXReportWriter().render(ReportFixture.alpine.report))
        var packages = document["packages"] as? [[String: Any]] ?? []
        packages[1]["SPDXID"] = "SPDXRef-has space"
        document["packages"] = packages
        let spdx = directory.appendingPathComponent("broken.spdx.json")
        try JSONSerialization.data(withJSONObject: document).write(to: spdx)

        let result = try SchemaValidator.validate([cycloneDX, spdx])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("Not-A-Listed-License"), "\(result.output)")
        #expect(result.output.contains("is used more than once"), "\(result.output)")
        #expect(result.output.contains("SPDXRef-has space"), "\(result.output)")
    }

    @Test func theValidatorRejectsBrokenVulnerabilities() throws {
        guard SchemaValidator.isAvailable else {
            Issue.record(
                "CI is set but python3 cannot import jsonschema; install it: pip install 'jsonschema>=4.18,<5'")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-sarif-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var log = try TestSupport.jsonObject(SARIFReportWriter().render(ReportFixture.debian.report))
        var runs = log["runs"] as? [[String: Any]] ?? []
        var results = runs[0]["results"] as? [[String: Any]] ?? []
        results[0]["level"] = "fatal"
        results[1]["locations"] = [
            ["physicalLocation": ["artifactLocation": ["uri": "/var/lib/dpkg/status"], "region": ["startLine": 1]]]
        ]
        results[2]["ruleId"] = "CVE-1999-0001"
        runs[0]["results"] = results
        var tool = runs[0]["tool"] as? [String: Any] ?? [:]
        var driver = tool["driver"] as? [String: Any] ?? [:]
        var rules = driver["rules"] as? [[String: Any]] ?? []
        rules[0]["properties"] = ["security-severity": 9.5]
        driver["rules"] = rules
        tool["driver"] = driver
        runs[0]["tool"] = tool
        log["runs"] = runs
        let sarif = directory.appendingPathComponent("broken.sarif")
        try JSONSerialization.data(withJSONObject: log).write(to: sarif)

        var bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(ReportFixture.debian.report))
        var vulnerabilities = bom["vulnerabilities"] as? [[String: Any]] ?? []
        vulnerabilities[0]["affects"] = [["ref": "pkg:deb/debian/nothing@1"]]
        vulnerabilities[1]["ratings"] = [["severity": "severe"]]
        bom["vulnerabilities"] = vulnerabilities
        let cycloneDX = directory.appendingPathComponent("broken.cdx.json")
        try JSONSerialization.data(withJSONObject: bom).write(to: cycloneDX)

        var report = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.debian.report))
        var findings = report["vulnerabilities"] as? [[String: Any]] ?? []
        findings[0]["severity"] = "severe"
        report["vulnerabilities"] = findings
        let json = directory.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: report).write(to: json)

        let result = try SchemaValidator.validate([sarif, cycloneDX, json])
        #expect(result.status == 1, "\(result.output)")
        for complaint in [
            "'fatal' is not one of", "'/var/lib/dpkg/status' is not a path relative to the repository",
            "ruleId 'CVE-1999-0001' names no rule", "security-severity 9.5 is not a string",
            "affects 'pkg:deb/debian/nothing@1', which no component has", "'severe' is not one of",
        ] {
            #expect(result.output.contains(complaint), "\(complaint)\n\(result.output)")
        }
        #expect(!result.output.contains("ok "), "\(result.output)")
    }

    @Test func theReportSchemaRejectsBrokenSecrets() throws {
        guard SchemaValidator.isAvailable else {
            Issue.record(
                "CI is set but python3 cannot import jsonschema; install it: pip install 'jsonschema>=4.18,<5'")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-secrets-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var report = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.alpineApplication.report))
        var secrets = report["secrets"] as? [[String: Any]] ?? []
        secrets[0]["category"] = "password"
        secrets[1]["line"] = 0
        secrets[2]["deletedButRecoverable"] = false
        secrets[3]["path"] = "history:three"
        secrets[4].removeValue(forKey: "match")
        secrets[6]["path"] = "/etc/environment"
        report["secrets"] = secrets
        let json = directory.appendingPathComponent("broken-secrets.json")
        try JSONSerialization.data(withJSONObject: report).write(to: json)

        let result = try SchemaValidator.validate([json])
        #expect(result.status == 1, "\(result.output)")
        for complaint in [
            "'password' is not one of", "0 is less than the minimum of 1", "True was expected",
            "'history:three' does not match", "'match' is a required property", "'config:Env' was expected",
        ] {
            #expect(result.output.contains(complaint), "\(complaint)\n\(result.output)")
        }
    }

    @Test func theReportSchemaRejectsABrokenTrustVerdict() throws {
        guard SchemaValidator.isAvailable else {
            Issue.record(
                "CI is set but python3 cannot import jsonschema; install it: pip install 'jsonschema>=4.18,<5'")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-trust-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var report = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.registrySigned.report))
        var trust = report["trust"] as? [String: Any] ?? [:]
        var signatures = trust["signatures"] as? [[String: Any]] ?? []
        signatures[0]["failure"] = "wrong-key"
        signatures[1]["failure"] = "expired"
        trust["signatures"] = signatures
        trust["signatureStatus"] = "trusted"
        trust.removeValue(forKey: "pinned")
        report["trust"] = trust
        let json = directory.appendingPathComponent("broken-trust.json")
        try JSONSerialization.data(withJSONObject: report).write(to: json)

        let result = try SchemaValidator.validate([json])
        #expect(result.status == 1, "\(result.output)")
        for complaint in [
            "'pinned' is a required property", "'trusted' is not one of", "'expired' is not one of",
            "should not be valid under {'required': ['failure']}",
        ] {
            #expect(result.output.contains(complaint), "\(complaint)\n\(result.output)")
        }
    }
}
