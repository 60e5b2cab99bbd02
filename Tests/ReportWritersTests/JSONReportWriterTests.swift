import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct JSONReportWriterTests {
    @Test("Decodes back into the same report", arguments: ReportFixture.all)
    func roundTrips(fixture: ReportFixture) throws {
        let bytes = try JSONReportWriter().render(fixture.report)
        let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(bytes))
        var expected = fixture.report
        expected.packages.sort(by: ReportedPackage.canonicalOrder)
        expected.vulnerabilities?.sort(by: VulnerabilityFinding.reportOrder)
        expected.suppressedVulnerabilities?.sort(by: VulnerabilityFinding.reportOrder)
        expected.secrets?.sort(by: SecretFinding.reportOrder)
        #expect(decoded == expected)
    }

    @Test func writesTheVersionedTopLevelShape() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.debian.report))
        #expect(
            object.keys.sorted() == [
                "advisoryDatabase", "createdAt", "packages", "scanner", "schemaVersion", "suppressedCount",
                "suppressedVulnerabilities", "target", "vulnerabilities", "warnings",
            ])
        #expect(object["schemaVersion"] as? Int == ScanReport.currentSchemaVersion)
        let target = try #require(object["target"] as? [String: Any])
        #expect(target["imageID"] as? String == ReportFixture.digest("4f1c").description)
        #expect(target["manifestDigest"] == nil)
        let system = try #require(target["operatingSystem"] as? [String: Any])
        #expect(system["evidence"] as? String == "/etc/os-release")
        let packages = try #require(object["packages"] as? [[String: Any]])
        #expect(packages.map { $0["name"] as? String } == ["base-files", "bash", "libc6", "libssl3"])
        let libssl = try #require(packages.last)
        #expect(libssl["purl"] as? String == "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")
        #expect(libssl["paths"] as? [String] == ["/var/lib/dpkg/status"])
        let layer = try #require(libssl["layer"] as? [String: Any])
        #expect(layer["index"] as? Int == 1)
        #expect(layer.keys.sorted() == ["createdBy", "diffID", "digest", "index", "size"])
        #expect(libssl["epoch"] == nil)
        #expect(libssl["modularityLabel"] == nil)
    }

    @Test func sortsKeysAndEndsWithANewline() throws {
        let text = TestSupport.text(try JSONReportWriter().render(ReportFixture.rootFilesystem.report))
        #expect(text.hasPrefix("{\n  \"createdAt\": \"2024-05-01T14:30:00.250+02:00\",\n  \"packages\": [],\n"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("Does not depend on the order packages were found in", arguments: ReportFixture.all)
    func isIndependentOfPackageOrder(fixture: ReportFixture) throws {
        let writer = JSONReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingPackages(fixture.report)))
    }

    @Test func writesFindingsMostSevereFirstWithEveryField() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.debian.report))
        let findings = try #require(object["vulnerabilities"] as? [[String: Any]])
        #expect(
            findings.map { $0["id"] as? String } == [
                "CVE-2024-5535", "CVE-2024-2961", "CVE-2023-5678", "CVE-2022-3715", "CVE-2010-4756",
            ])
        let iconv = findings[1]
        #expect(
            iconv.keys.sorted() == [
                "aliases", "cvss", "explanation", "fixedVersion", "id", "installedVersion", "layer", "packageID",
                "packageName", "packageType", "path", "purl", "references", "severity", "severitySource", "title",
            ])
        #expect(iconv["aliases"] as? [String] == ["DEBIAN-CVE-2024-2961", "GHSA-w8c6-3vq2-rh4p"])
        #expect(iconv["packageType"] as? String == "deb")
        #expect(iconv["path"] as? String == "/var/lib/dpkg/status")
        #expect(iconv["severity"] as? String == "high")
        let ratings = try #require(iconv["cvss"] as? [[String: Any]])
        #expect(ratings.first?["baseScore"] as? Double == 8.8)
        #expect(ratings.first?["vector"] as? String == "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H")
        let bash = findings[3]
        #expect(bash["fixedVersion"] == nil)
        #expect(bash["cvss"] as? [Any] != nil)
        #expect(object["suppressedCount"] as? Int == 2)
        let suppressed = try #require(object["suppressedVulnerabilities"] as? [[String: Any]])
        #expect(suppressed.map { $0["id"] as? String } == ["CVE-2023-6246", "CVE-2024-0727"])
        let vex = try #require(suppressed[1]["suppression"] as? [String: String])
        #expect(
            vex == [
                "kind": "vex", "reason": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                "source": "vex/openssl.openvex.json",
            ])
        let database = try #require(object["advisoryDatabase"] as? [String: Any])
        #expect(database["updatedAt"] as? String == "2024-04-29T06:00:00Z")
        #expect(database["recordCounts"] as? [String: Int] == ["Debian:12": 41_812, "Alpine:v3.19": 2_731])
    }

    @Test func writesScoresAsPlainNumbers() throws {
        let text = TestSupport.text(try JSONReportWriter().render(ReportFixture.rocky.report))
        #expect(text.contains("\"baseScore\": 8.2,"))
        #expect(text.contains("\"baseScore\": 5.0,"))
    }

    @Test func leavesOutVulnerabilityMembersWithoutAVulnerabilityScan() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.rootFilesystem.report))
        #expect(object.keys.sorted() == ["createdAt", "packages", "scanner", "schemaVersion", "target", "warnings"])
    }

    @Test func writesAnEmptyListWhenTheScanFoundNothing() throws {
        var report = ReportFixture.rootFilesystem.report
        report.vulnerabilities = []
        report.suppressedCount = 0
        let object = try TestSupport.jsonObject(JSONReportWriter().render(report))
        #expect((object["vulnerabilities"] as? [Any])?.isEmpty == true)
        #expect(object["suppressedCount"] as? Int == 0)
        #expect(object["suppressedVulnerabilities"] == nil)
        #expect(object["advisoryDatabase"] == nil)
    }

    @Test("Does not depend on the order findings were made in", arguments: ReportFixture.all)
    func isIndependentOfFindingOrder(fixture: ReportFixture) throws {
        let writer = JSONReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingFindings(fixture.report)))
    }

    @Test func writesSecretsMostSevereFirstWithTheirPlaces() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.alpineApplication.report))
        let secrets = try #require(object["secrets"] as? [[String: Any]])
        #expect(
            secrets.map { $0["path"] as? String } == [
                "/app/.aws/credentials", "/root/.ssh/id_ed25519", "config:Cmd", "history:3", "/app/.aws/credentials",
                "/usr/local/bin/su-exec", "config:Env", "config:Labels", "/app/certs/dev server.pem",
            ])
        let deleted = secrets[0]
        #expect(
            deleted.keys.sorted() == [
                "category", "deletedButRecoverable", "layer", "line", "match", "path", "ruleId", "severity", "source",
                "title",
            ])
        #expect(deleted["deletedButRecoverable"] as? Bool == true)
        #expect(deleted["line"] as? Int == 3)
        #expect((deleted["layer"] as? [String: Any])?["index"] as? Int == 1)
        let environment = secrets[6]
        #expect(
            environment.keys.sorted() == ["category", "line", "match", "path", "ruleId", "severity", "source", "title"])
        #expect(environment["source"] as? String == "environment")
        #expect(environment["line"] as? Int == 3)
        let history = secrets[3]
        #expect(history["line"] == nil)
        #expect(history["source"] as? String == "history")
        #expect(
            (history["layer"] as? [String: Any])?["createdBy"] as? String
                == ReportFixture.alpineApplication.report.target.layers[2].createdBy)
        #expect(secrets[5]["category"] as? String == "filesystem")
        #expect(secrets[5]["line"] == nil)
    }

    @Test func decodesSecretPlacesBack() throws {
        let bytes = try JSONReportWriter().render(ReportFixture.alpineApplication.report)
        let secrets = try #require(try JSONDecoder().decode(ScanReport.self, from: Data(bytes)).secrets)
        let environment = try #require(secrets.first { $0.source == .environment })
        #expect(environment.path == ImagePath("config:Env"))
        #expect(environment.displayPath == "config:Env")
        #expect(environment.isDeletedButRecoverable == false)
        let deleted = secrets.filter(\.isDeletedButRecoverable)
        #expect(deleted.map(\.displayPath) == ["/app/.aws/credentials", "/app/.aws/credentials"])
        #expect(deleted.map(\.layer?.index) == [1, 1])
        #expect(secrets.first { $0.source == .history }?.displayPath == "history:3")
    }

    @Test func writesSecretsOnlyWhenTheSecretScannerRan() throws {
        var report = ReportFixture.rootFilesystem.report
        #expect(try TestSupport.jsonObject(JSONReportWriter().render(report))["secrets"] == nil)
        report.secrets = []
        #expect((try TestSupport.jsonObject(JSONReportWriter().render(report))["secrets"] as? [Any])?.isEmpty == true)
    }

    @Test func writesTheTrustVerdictOfARegistryPull() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.registrySigned.report))
        let trust = try #require(object["trust"] as? [String: Any])
        #expect(
            trust.keys.sorted() == [
                "digestVerified", "indexDigest", "manifestDigest", "message", "pinned", "policy", "reference",
                "signatureStatus", "signatures",
            ])
        #expect(trust["reference"] as? String == "registry.example.com/team/app:1.4@\(ReportFixture.digest("ab12"))")
        #expect(trust["manifestDigest"] as? String == ReportFixture.digest("ab12").description)
        #expect(trust["indexDigest"] as? String == ReportFixture.digest("cd34").description)
        #expect(trust["pinned"] as? Bool == true)
        #expect(trust["digestVerified"] as? Bool == true)
        #expect(trust["signatureStatus"] as? String == "verified")
        #expect(trust["policy"] as? String == "registry.example.com/team")
        let signatures = try #require(trust["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0.keys.sorted() }.first == ["detail", "format", "key", "location", "verified"])
        #expect(signatures.map { $0["verified"] as? Bool } == [true, false])
        #expect(signatures.map { $0["failure"] as? String } == [nil, "wrong-key"])
        #expect(signatures[1]["format"] as? String == "sigstore bundle")
    }

    @Test func writesAMissingSignatureWithoutTheUnknownMembers() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.registryUnsigned.report))
        let trust = try #require(object["trust"] as? [String: Any])
        #expect(trust["indexDigest"] == nil)
        #expect(trust["pinned"] as? Bool == false)
        #expect(trust["signatureStatus"] as? String == "missing")
        #expect((trust["signatures"] as? [Any])?.isEmpty == true)
        let hardening = try #require(object["hardening"] as? [[String: Any]])
        #expect(hardening.map { $0["ruleId"] as? String } == ["PLM-TRUST-SIGNATURE-MISSING", "PLM-TRUST-UNPINNED"])
        #expect(hardening.map { $0["category"] as? String } == ["trust", "trust"])
    }

    @Test(
        "Writes no trust member for images that were not pulled from a registry",
        arguments: ReportFixture.all.filter { $0.report.trust == nil })
    func leavesOutTrustForOtherSources(fixture: ReportFixture) throws {
        let text = TestSupport.text(try JSONReportWriter().render(fixture.report))
        #expect(!text.contains("\"trust\""))
    }
}
