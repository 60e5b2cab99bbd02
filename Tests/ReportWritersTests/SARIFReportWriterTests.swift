import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct SARIFReportWriterTests {
    /// The one run of a rendered log.
    private static func run(_ report: ScanReport, writer: SARIFReportWriter = SARIFReportWriter()) throws -> [String:
        Any]
    {
        let log = try TestSupport.jsonObject(writer.render(report))
        let runs = try #require(log["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        return runs[0]
    }

    private static func rules(_ run: [String: Any]) throws -> [[String: Any]] {
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        return try #require(driver["rules"] as? [[String: Any]])
    }

    private static func results(_ run: [String: Any]) throws -> [[String: Any]] {
        try #require(run["results"] as? [[String: Any]])
    }

    @Test("Writes a 2.1.0 log with one run, a named driver and a results array", arguments: ReportFixture.all)
    func topLevelShape(fixture: ReportFixture) throws {
        let log = try TestSupport.jsonObject(SARIFReportWriter().render(fixture.report))
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReportWriter.schemaURI)
        let run = try Self.run(fixture.report)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "plimsoll")
        #expect(driver["version"] as? String == "0.1.0")
        #expect(driver["informationUri"] == nil)
        let results = try Self.results(run)
        #expect(
            results.count == (fixture.report.vulnerabilities?.count ?? 0)
                + (fixture.report.suppressedVulnerabilities?.count ?? 0) + (fixture.report.secrets?.count ?? 0)
                + (fixture.report.hardening?.count ?? 0))
    }

    @Test func writesTheInformationURIWhenGivenOne() throws {
        let writer = SARIFReportWriter(informationURI: "https://example.com/plimsoll")
        let driver = try #require(
            (try Self.run(ReportFixture.debian.report, writer: writer)["tool"] as? [String: Any])?["driver"]
                as? [String: Any])
        #expect(driver["informationUri"] as? String == "https://example.com/plimsoll")
    }

    @Test func hasOneRuleForEachVulnerabilityIDSortedByID() throws {
        let rules = try Self.rules(try Self.run(ReportFixture.debian.report))
        #expect(
            rules.map { $0["id"] as? String } == [
                "CVE-2010-4756", "CVE-2022-3715", "CVE-2023-5678", "CVE-2023-6246", "CVE-2024-0727", "CVE-2024-2961",
                "CVE-2024-5535",
            ])
        let rocky = try Self.rules(try Self.run(ReportFixture.rocky.report))
        #expect(rocky.map { $0["id"] as? String } == ["CVE-2023-3817", "CVE-2024-2961"])
    }

    @Test func rulesCarryDescriptionsHelpAndTags() throws {
        let rules = try Self.rules(try Self.run(ReportFixture.debian.report))
        let iconv = try #require(rules.first { $0["id"] as? String == "CVE-2024-2961" })
        #expect(
            (iconv["shortDescription"] as? [String: String])?["text"]
                == "glibc: Out of bounds write in iconv may lead to remote code execution")
        #expect(
            (iconv["fullDescription"] as? [String: String])?["text"]
                == "glibc: Out of bounds write in iconv may lead to remote code execution "
                + "(also known as DEBIAN-CVE-2024-2961, GHSA-w8c6-3vq2-rh4p)")
        #expect(
            iconv["helpUri"] as? String
                == "https://sourceware.org/git/?p=glibc.git;a=blob;f=advisories/GLIBC-SA-2024-0004")
        let help = try #require(iconv["help"] as? [String: String])
        #expect(help["text"]?.contains("- libc6 2.36-9+deb12u4 (fixed in 2.36-9+deb12u7), severity HIGH") == true)
        #expect(help["markdown"]?.contains("| libc6 | 2.36-9+deb12u4 | 2.36-9+deb12u7 | HIGH |") == true)
        let properties = try #require(iconv["properties"] as? [String: Any])
        #expect(properties["tags"] as? [String] == ["security", "vulnerability", "deb"])
        #expect((iconv["defaultConfiguration"] as? [String: String])?["level"] == "error")
    }

    @Test func ruleWithoutATitleFallsBackToItsID() throws {
        let rules = try Self.rules(try Self.run(ReportFixture.alpine.report))
        let zlib = try #require(rules.first { $0["id"] as? String == "CVE-2023-45853" })
        #expect((zlib["shortDescription"] as? [String: String])?["text"] == "Vulnerability CVE-2023-45853")
        #expect(zlib["helpUri"] == nil)
    }

    @Test(
        "Writes security-severity as a string: the CVSS score that agrees with the severity, else the label's value",
        arguments: [
            ("debian-12", "CVE-2024-5535", "9.1"), ("debian-12", "CVE-2024-2961", "8.8"),
            ("debian-12", "CVE-2022-3715", "2.0"), ("debian-12", "CVE-2010-4756", "0.0"),
            ("alpine-3.19", "CVE-2023-45853", "0.0"), ("rocky-9", "CVE-2024-2961", "8.2"),
            ("rocky-9", "CVE-2023-3817", "5.0"),
        ])
    func securitySeverity(fixtureName: String, id: String, expected: String) throws {
        let fixture = try #require(ReportFixture.all.first { $0.name == fixtureName })
        let rules = try Self.rules(try Self.run(fixture.report))
        let rule = try #require(rules.first { $0["id"] as? String == id })
        #expect((rule["properties"] as? [String: Any])?["security-severity"] as? String == expected)
    }

    @Test(
        "Maps severities to levels and label-only severities to scores",
        arguments: [
            (Severity.critical, "error", 9.5), (.high, "error", 8.0), (.medium, "warning", 5.5), (.low, "note", 2.0),
            (.negligible, "note", 0.0), (.unknown, "note", 0.0),
        ])
    func levels(severity: Severity, level: String, score: Double) {
        #expect(SARIFReportWriter.level(of: severity) == level)
        #expect(severity.representativeScore == score)
    }

    @Test func aLabelThatNoRatingAgreesWithGivesTheLabelsScore() throws {
        var finding = try #require(ReportFixture.debian.report.vulnerabilities?.first { $0.id == "CVE-2024-2961" })
        finding.severity = .critical
        #expect(finding.representativeRating == nil)
        #expect(finding.severityScore == 9.5)
        finding.severity = .high
        #expect(finding.representativeRating?.baseScore == 8.8)
    }

    @Test func resultsNamePackageVersionsAndTheDatabaseFile() throws {
        let results = try Self.results(try Self.run(ReportFixture.debian.report))
        #expect(
            results.map { $0["ruleId"] as? String } == [
                "CVE-2024-5535", "CVE-2024-2961", "CVE-2023-5678", "CVE-2022-3715", "CVE-2010-4756", "CVE-2023-6246",
                "CVE-2024-0727",
            ])
        #expect(
            results.map { $0["level"] as? String } == ["error", "error", "warning", "note", "note", "error", "warning"])
        let first = results[0]
        let text = try #require((first["message"] as? [String: String])?["text"])
        #expect(
            text.hasPrefix(
                "libssl3 3.0.11-1~deb12u2 is affected by CVE-2024-5535 (CRITICAL); fixed in 3.0.14-1~deb12u1.\n"))
        #expect(text.contains("(RUN apt-get update && apt-get install -y --no-install-recommends libssl3)"))
        let bash = try #require((results[3]["message"] as? [String: String])?["text"])
        #expect(bash.hasPrefix("bash 5.2.15-2 is affected by CVE-2022-3715 (LOW); no fix is released yet.\n"))
        let location = try #require(
            (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: String])?["uri"] == "var/lib/dpkg/status")
        #expect((location["region"] as? [String: Int])?["startLine"] == 1)
        let rules = try Self.rules(try Self.run(ReportFixture.debian.report))
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
    }

    @Test func suppressedFindingsCarryAnExternalSuppression() throws {
        let results = try Self.results(try Self.run(ReportFixture.debian.report))
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.map { $0["ruleId"] as? String } == ["CVE-2023-6246", "CVE-2024-0727"])
        let rule = try #require((suppressed[0]["suppressions"] as? [[String: Any]])?.first)
        #expect(rule["kind"] as? String == "external")
        #expect(rule["status"] as? String == "accepted")
        #expect(
            rule["justification"] as? String
                == "Ignored by .plimsollignore: No setuid programs in this image (until 2024-12-31)")
        let vex = try #require((suppressed[1]["suppressions"] as? [[String: Any]])?.first)
        #expect(
            vex["justification"] as? String
                == "VEX not_affected in vex/openssl.openvex.json: vulnerable_code_not_in_execute_path")
    }

    @Test func suppressedFindingsThatAreOnlyCountedDoNotAppear() throws {
        let run = try Self.run(ReportFixture.alpine.report)
        #expect(try Self.results(run).allSatisfy { $0["suppressions"] == nil })
        #expect((run["properties"] as? [String: Any])?["suppressedCount"] as? Int == 1)
    }

    @Test func fingerprintsTellMultilibTwinsApartAndIgnoreTheVersion() throws {
        let results = try Self.results(try Self.run(ReportFixture.rocky.report))
        let fingerprints = results.compactMap {
            ($0["partialFingerprints"] as? [String: String])?[SARIFReportWriter.fingerprintKey]
        }
        #expect(fingerprints.count == results.count)
        #expect(Set(fingerprints).count == fingerprints.count)
        #expect(fingerprints.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{40}/) != nil })

        var finding = try #require(ReportFixture.rocky.report.vulnerabilities?.first)
        let before = SARIFReportWriter.fingerprint(of: finding)
        finding.purl.version = "2.34-99.el9"
        finding.installedVersion = "2.34-99.el9"
        #expect(SARIFReportWriter.fingerprint(of: finding) == before)
        finding.id = "CVE-2024-33599"
        #expect(SARIFReportWriter.fingerprint(of: finding) != before)
    }

    @Test(
        "Writes package-database paths as relative URI references",
        arguments: [
            ("var/lib/dpkg/status", "var/lib/dpkg/status"),
            ("var/lib/dpkg/status.d/libssl3", "var/lib/dpkg/status.d/libssl3"),
            ("/usr/lib/my app/pkg:1", "usr/lib/my%20app/pkg%3A1"),
            ("opt/%41/é", "opt/%2541/%C3%A9"),
        ])
    func uriReferences(path: String, expected: String) {
        #expect(SARIFReportWriter.uriReference(for: ImagePath(path)) == expected)
    }

    @Test func escapesMarkdownFromTheDatabase() {
        #expect(SARIFReportWriter.markdownEscaped("a|b *c* [d](e)\nf") == "a\\|b \\*c\\* \\[d\\](e) f")
        #expect(SARIFReportWriter.markdownEscaped("# 1.2+b1_x") == "\\# 1.2+b1\\_x")
        #expect(SARIFReportWriter.markdownEscaped("-1 ~2 `3` <b>") == "\\-1 \\~2 \\`3\\` \\<b\\>")
    }

    @Test func anImageWithoutAVulnerabilityScanGivesAnEmptyRun() throws {
        let run = try Self.run(ReportFixture.rootFilesystem.report)
        #expect(try Self.rules(run).isEmpty)
        #expect(try Self.results(run).isEmpty)
    }

    @Test("Does not depend on the order findings or packages came in", arguments: ReportFixture.all)
    func isIndependentOfOrder(fixture: ReportFixture) throws {
        let writer = SARIFReportWriter()
        let expected = try writer.render(fixture.report)
        #expect(try writer.render(TestSupport.reversingFindings(fixture.report)) == expected)
        #expect(try writer.render(TestSupport.reversingPackages(fixture.report)) == expected)
    }

    @Test func secretRulesFollowTheVulnerabilityRulesSortedByID() throws {
        let run = try Self.run(ReportFixture.alpineApplication.report)
        let rules = try Self.rules(run)
        #expect(
            rules.map { $0["id"] as? String } == [
                "CVE-2023-42366", "PLM-SECRET-AWS-ACCESS-KEY-ID", "PLM-SECRET-AWS-SECRET-ACCESS-KEY",
                "PLM-SECRET-CERTIFICATE-EXPIRED", "PLM-SECRET-FILE-SSH-PRIVATE-KEY", "PLM-SECRET-FS-SETUID",
                "PLM-SECRET-GENERIC-PASSWORD", "PLM-SECRET-GITHUB-PAT", "PLM-SECRET-NPM-TOKEN",
                "PLM-SECRET-SLACK-WEBHOOK",
            ])
        let results = try Self.results(run)
        #expect(results.first?["ruleId"] as? String == "CVE-2023-42366")
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let fingerprints = results.compactMap {
            ($0["partialFingerprints"] as? [String: String])?[SARIFReportWriter.fingerprintKey]
        }
        #expect(Set(fingerprints).count == results.count)
    }

    @Test func everyRuleHasUniqueTags() throws {
        let rules = try Self.rules(try Self.run(ReportFixture.alpineApplication.report))
        for rule in rules {
            let tags = try #require((rule["properties"] as? [String: Any])?["tags"] as? [String])
            #expect(Set(tags).count == tags.count, "\(tags)")
        }
        let setuid = try #require(rules.first { $0["id"] as? String == "PLM-SECRET-FS-SETUID" })
        #expect((setuid["properties"] as? [String: Any])?["tags"] as? [String] == ["security", "secret", "filesystem"])
        let token = try #require(rules.first { $0["id"] as? String == "PLM-SECRET-GITHUB-PAT" })
        #expect((token["properties"] as? [String: Any])?["tags"] as? [String] == ["security", "secret"])
        #expect((token["properties"] as? [String: Any])?["security-severity"] as? String == "9.5")
    }

    @Test(
        "Locates a secret at its file and line, or at a relative URI for the configuration and history",
        arguments: [
            ("PLM-SECRET-AWS-SECRET-ACCESS-KEY", "app/.aws/credentials", 3),
            ("PLM-SECRET-CERTIFICATE-EXPIRED", "app/certs/dev%20server.pem", 1),
            ("PLM-SECRET-GENERIC-PASSWORD", "config%3AEnv", 3), ("PLM-SECRET-SLACK-WEBHOOK", "config%3ALabels", 1),
            ("PLM-SECRET-NPM-TOKEN", "config%3ACmd", 1), ("PLM-SECRET-GITHUB-PAT", "history%3A3", 1),
        ])
    func secretLocations(ruleID: String, uri: String, startLine: Int) throws {
        let results = try Self.results(try Self.run(ReportFixture.alpineApplication.report))
        let result = try #require(results.first { $0["ruleId"] as? String == ruleID })
        let location = try #require(
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((location["artifactLocation"] as? [String: String])?["uri"] == uri)
        #expect((location["region"] as? [String: Int])?["startLine"] == startLine)
    }

    @Test func aRecoverableSecretSaysSoAndNamesItsLayer() throws {
        let results = try Self.results(try Self.run(ReportFixture.alpineApplication.report))
        let result = try #require(results.first { $0["ruleId"] as? String == "PLM-SECRET-AWS-SECRET-ACCESS-KEY" })
        #expect(result["level"] as? String == "error")
        let text = try #require((result["message"] as? [String: String])?["text"])
        #expect(text.hasPrefix("AWS secret access key in /app/.aws/credentials: ****(40)\n"))
        #expect(text.contains("it can still be recovered from the image"))
        #expect(text.contains("Layer: 1 sha256:6c6d"))
        let properties = try #require(result["properties"] as? [String: Any])
        #expect(properties["deletedButRecoverable"] as? Bool == true)
        #expect(properties["category"] as? String == "secret")
        #expect(properties["source"] as? String == "file")
        let visible = try #require(results.first { $0["ruleId"] as? String == "PLM-SECRET-FS-SETUID" })
        #expect((visible["properties"] as? [String: Any])?["deletedButRecoverable"] == nil)
    }

    @Test(
        "Writes the trust verdict as the JSON report does, in the run's properties",
        arguments: [ReportFixture.registrySigned, ReportFixture.registryUnsigned])
    func trustVerdictInRunProperties(fixture: ReportFixture) throws {
        let run = try Self.run(fixture.report)
        let properties = try #require(run["properties"] as? [String: Any])
        let trust = try #require(properties["trust"])
        let json = try #require(
            try TestSupport.jsonObject(JSONReportWriter().render(fixture.report))["trust"])
        let serialize = { (value: Any) throws -> Data in
            try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        }
        #expect(try serialize(trust) == serialize(json))
    }

    @Test func trustRulesPointAtTheTrustPageAndCarrySupplyChainTags() throws {
        let run = try Self.run(ReportFixture.registryUnsigned.report)
        let rules = try Self.rules(run)
        #expect(rules.map { $0["id"] as? String } == ["PLM-TRUST-SIGNATURE-MISSING", "PLM-TRUST-UNPINNED"])
        for rule in rules {
            let help = try #require((rule["help"] as? [String: Any])?["text"] as? String)
            #expect(help.contains("docs/rules/trust.md"))
            let tags = try #require((rule["properties"] as? [String: Any])?["tags"] as? [String])
            #expect(tags == ["security", "supply-chain", "trust"])
        }
        let results = try Self.results(run)
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1])
        #expect(results.map { $0["level"] as? String } == ["error", "note"])
        #expect(results.map { ($0["properties"] as? [String: Any])?["category"] as? String } == ["trust", "trust"])
    }

    @Test func writesNoTrustPropertyForOtherSources() throws {
        for fixture in ReportFixture.all where fixture.report.trust == nil {
            let properties = try #require(try Self.run(fixture.report)["properties"] as? [String: Any])
            #expect(properties["trust"] == nil, "\(fixture.name)")
        }
    }
}
