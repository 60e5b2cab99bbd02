import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct TableReportWriterTests {
    @Test func headerSummarizesTheImage() throws {
        let lines = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report)).split(separator: "\n")
        #expect(
            Array(lines.prefix(6)) == [
                "Target:    docker-archive:debian-12.tar",
                "Image ID:  4f1c4f1c4f1c",
                "OS:        Debian GNU/Linux 12 (bookworm)",
                "Platform:  linux/amd64",
                "Layers:    2",
                "Packages:  4",
            ])
    }

    @Test func rowsAreSortedByTypeThenNameWithSourceAndLayer() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report))
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("NAME") }
            .prefix { !$0.isEmpty }
        #expect(
            Array(rows) == [
                "NAME        VERSION           TYPE  SOURCE           LAYER",
                "base-files  12.4+deb12u5      deb   -                0 d1e2d1e2d1e2",
                "bash        5.2.15-2+b7       deb   bash (5.2.15-2)  0 d1e2d1e2d1e2",
                "libc6       2.36-9+deb12u4    deb   glibc            0 d1e2d1e2d1e2",
                "libssl3     3.0.11-1~deb12u2  deb   openssl          1 a7b8a7b8a7b8",
            ])
    }

    @Test func showsRPMEpochsInVersions() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rocky.report))
        #expect(text.contains("openssl-libs  1:3.0.7-25.el9_3  "))
    }

    @Test func truncatesLongCellsWithAnEllipsis() throws {
        var report = ReportFixture.debian.report
        report.packages[0].name = String(repeating: "n", count: 50)
        let text = TestSupport.text(try TableReportWriter(maximumColumnWidth: 12).render(report))
        #expect(text.contains("\nnnnnnnnnnnn…  "))
        #expect(!text.contains(String(repeating: "n", count: 13)))
    }

    @Test func neutralizesControlCharactersFromTheImage() throws {
        var report = ReportFixture.debian.report
        report.packages[0].name = "evil\u{1B}]0;pwned\u{07}"
        report.warnings = ["bad\u{1B}[2Jwarning"]
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil?]0;pwned?"))
        #expect(text.contains("  - bad?[2Jwarning"))
    }

    @Test func reportsNoPackagesAndIndentsMultiLineWarnings() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rootFilesystem.report))
        #expect(text.contains("Image ID:  -\nOS:        -\n"))
        #expect(text.contains("\nNo packages found.\n"))
        #expect(
            text.hasSuffix(
                "Warnings (2):\n  - var/lib/dpkg/status: line 12: a field continues before any field starts\n"
                    + "  - two entries for usr/bin/env in one layer;\n    the later one was used\n"))
    }

    @Test func linesHaveNoTrailingSpaces() throws {
        for fixture in ReportFixture.all {
            let text = TestSupport.text(try TableReportWriter().render(fixture.report))
            #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(fixture.name)")
        }
    }

    @Test func summarizesVulnerabilitiesAndTheDatabaseAfterThePackages() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report))
        #expect(
            text.contains(
                "libssl3     3.0.11-1~deb12u2  deb   openssl          1 a7b8a7b8a7b8\n\n"
                    + "Vulnerabilities: 5 (CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, NEGLIGIBLE: 1, UNKNOWN: 0)\n"
                    + "Advisory database: /root/.cache/plimsoll/advisories.sqlite, updated 2024-04-29T06:00:00Z "
                    + "(2 days before the scan)\n"))
    }

    @Test func groupsFindingsByPackageMostSevereFirst() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report))
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("PACKAGE") }
            .prefix { !$0.isEmpty }
        #expect(rows.first == "PACKAGE  VULNERABILITY ID  SEVERITY    INSTALLED         FIXED             TITLE")
        #expect(
            rows.dropFirst().map { $0.split(separator: " ", maxSplits: 3).prefix(3).joined(separator: " ") } == [
                "libssl3 CVE-2024-5535 CRITICAL", "libssl3 CVE-2023-5678 MEDIUM", "libc6 CVE-2024-2961 HIGH",
                "libc6 CVE-2010-4756 NEGLIGIBLE", "bash CVE-2022-3715 LOW",
            ])
        #expect(text.contains("bash     CVE-2022-3715     LOW         5.2.15-2          -                 bash: "))
    }

    @Test func listsSuppressedFindingsWithWhatHidThem() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report))
        #expect(text.contains("\nSuppressed: 2\n\nPACKAGE  VULNERABILITY ID  SEVERITY  INSTALLED "))
        #expect(text.contains("  ignore rule .plimsollignore   No setuid programs in this image (until…\n"))
        #expect(text.contains("  VEX vex/openssl.openvex.json  not_affected: vulnerable_code_not_in_ex…\n"))
        let wide = TestSupport.text(try TableReportWriter(maximumColumnWidth: 80).render(ReportFixture.debian.report))
        #expect(wide.contains("No setuid programs in this image (until 2024-12-31)\n"))
    }

    @Test func countsSuppressedFindingsThatAreNotListed() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.alpine.report))
        #expect(text.contains("\n\nSuppressed: 1 (listed with --show-suppressed)\n"))
        #expect(text.contains("Advisory database: /var/cache/plimsoll/advisories.sqlite (last update unknown)\n"))
        #expect(text.contains("\nzlib        CVE-2023-45853    UNKNOWN   1.3.1-r0    -           -\n"))
    }

    @Test func namesMultilibTwinsByArchitecture() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rocky.report))
        #expect(text.contains("\nglibc.i686    CVE-2024-2961     HIGH  "))
        #expect(text.contains("\nglibc.x86_64  CVE-2024-2961     HIGH  "))
        #expect(text.contains("(2 hours before the scan)\n"))
    }

    @Test func writesNoVulnerabilitySectionWithoutAVulnerabilityScan() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rootFilesystem.report))
        #expect(!text.contains("Vulnerabilities:"))
        #expect(!text.contains("Suppressed:"))
    }

    @Test func reportsAScanThatFoundNothing() throws {
        var report = ReportFixture.rootFilesystem.report
        report.vulnerabilities = []
        report.suppressedCount = 0
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(
            text.contains(
                "\nNo packages found.\n\nVulnerabilities: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0)\n"))
        #expect(!text.contains("PACKAGE"))
        #expect(!text.contains("Suppressed:"))
    }

    @Test func neutralizesControlCharactersFromTheAdvisoryDatabase() throws {
        var report = ReportFixture.debian.report
        report.vulnerabilities?[0].title = "evil\u{1B}[31mred"
        report.vulnerabilities?[0].id = "CVE-\u{9B}1"
        report.advisoryDatabase?.path = "/tmp/\u{1B}]0;db"
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("evil?[31mred"))
        #expect(text.contains("CVE-?1"))
        #expect(text.contains("Advisory database: /tmp/?]0;db"))
    }

    @Test(
        "Says how old the database was when the scan ran",
        arguments: [
            (0, "less than an hour before the scan"), (3_599, "less than an hour before the scan"),
            (3_600, "1 hour before the scan"), (86_399, "23 hours before the scan"), (86_400, "1 day before the scan"),
            (10 * 86_400 + 5, "10 days before the scan"), (-60, "after the scan started"),
        ])
    func databaseAge(seconds: Int, expected: String) {
        #expect(TableReportWriter.age(seconds: seconds) == expected)
    }

    @Test("Does not depend on the order findings were made in", arguments: ReportFixture.all)
    func isIndependentOfFindingOrder(fixture: ReportFixture) throws {
        let writer = TableReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingFindings(fixture.report)))
    }

    @Test func listsSecretsMostSevereFirstAfterTheVulnerabilities() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.alpineApplication.report))
        let section = try #require(text.range(of: "\nSecrets and sensitive files: "))
        #expect(text[..<section.lowerBound].contains("CVE-2023-42366"))
        #expect(text[section.upperBound...].hasPrefix("9 found (4 critical, 3 high, 1 medium, 1 low).\n\nSEVERITY "))
        // The cells of each row: columns are padded with at least two spaces, and no cell holds two in a row.
        let rows = text[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("SEVERITY") }.prefix { !$0.isEmpty }
            .map {
                $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        #expect(
            rows == [
                ["SEVERITY", "RULE", "WHERE", "MATCH", "LAYER"],
                [
                    "CRITICAL", "PLM-SECRET-AWS-SECRET-ACCESS-KEY", "/app/.aws/credentials:3", "****(40)",
                    "1 (deleted, recoverable)",
                ],
                ["CRITICAL", "PLM-SECRET-FILE-SSH-PRIVATE-KEY", "/root/.ssh/id_ed25519", "OpenSSH private key", "1"],
                ["CRITICAL", "PLM-SECRET-NPM-TOKEN", "config:Cmd", "npm_****(40)", "-"],
                ["CRITICAL", "PLM-SECRET-GITHUB-PAT", "history:3", "ghp_****(40)", "2"],
                [
                    "HIGH", "PLM-SECRET-AWS-ACCESS-KEY-ID", "/app/.aws/credentials:2", "AKIA****(20)",
                    "1 (deleted, recoverable)",
                ],
                ["HIGH", "PLM-SECRET-FS-SETUID", "/usr/local/bin/su-exec", "mode 4755, uid 0, gid 0", "1"],
                ["HIGH", "PLM-SECRET-GENERIC-PASSWORD", "config:Env:3", "DB_PASSWORD=****", "-"],
                [
                    "MEDIUM", "PLM-SECRET-SLACK-WEBHOOK", "config:Labels:1", "https://hooks.slack.com/services/****(4…",
                    "-",
                ],
                [
                    "LOW", "PLM-SECRET-CERTIFICATE-EXPIRED", "/app/certs/dev server.pem:1",
                    "CN=dev.example.com, expired 2023-06-30", "1",
                ],
            ])
    }

    @Test func saysWhenTheSecretScanFoundNothing() throws {
        var report = ReportFixture.rootFilesystem.report
        #expect(!TestSupport.text(try TableReportWriter().render(report)).contains("Secrets"))
        report.secrets = []
        #expect(
            TestSupport.text(try TableReportWriter().render(report)).contains(
                "\nNo packages found.\n\nSecrets and sensitive files: none found.\n"))
    }

    @Test func neutralizesControlCharactersInSecretPlaces() throws {
        var report = ReportFixture.alpineApplication.report
        report.secrets?[2].path = ImagePath("app/evil\u{1B}[2J.pem")
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("/app/evil?[2J.pem"))
    }

    @Test(
        "States the trust verdict after the header, then one row per signature",
        arguments: [
            (
                ReportFixture.registrySigned,
                [
                    "Trust: signature verified (1 of 2 signatures; key sha256:ef56ef56ef56…; policy "
                        + "registry.example.com/team), pinned by digest",
                    "",
                    "SIGNATURE                                 RESULT     DETAIL",
                    "tag sha256-ab12ab12ab12ab12ab12ab12ab12…  verified   Verified with the policy's key over thi…",
                    "referrer sha256:0a0b0a0b0a0b0a0b0a0b0a0…  wrong-key  Well formed, but no key the policy trus…",
                ]
            ),
            (
                ReportFixture.registryUnsigned,
                [
                    "Trust: NOT TRUSTED — signature missing (none found for \(ReportFixture.digest("ab12")); policy "
                        + "registry.example.com/team), not pinned"
                ]
            ),
        ])
    func trustSection(fixture: ReportFixture, expected: [String]) throws {
        let text = TestSupport.text(try TableReportWriter().render(fixture.report))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[5] == "Packages:  1")
        #expect(lines[6] == "")
        #expect(Array(lines[7..<(7 + expected.count)]) == expected)
        #expect(lines[7 + expected.count] == "")
        #expect(lines[8 + expected.count].hasPrefix("NAME "))
    }

    @Test(
        "Says what the signature check concluded in one line",
        arguments: [
            (SignatureStatus.notChecked, "digest \(ReportFixture.digest("ab12")) (not pinned; signatures not checked)"),
            (
                .invalid,
                "NOT TRUSTED — signature invalid (none of 1 signature verified: digest-mismatch), not pinned"
            ),
        ])
    func trustSummary(status: SignatureStatus, expected: String) {
        let signatures =
            status == .invalid
            ? [
                SignatureCheck(
                    location: "tag x.sig", format: "cosign simple signing", failure: .digestMismatch, detail: "d")
            ]
            : []
        let verdict = TrustVerdict(
            reference: "registry.example.com/team/app:1.4", manifestDigest: ReportFixture.digest("ab12"),
            isPinned: false, signatureStatus: status, signatures: signatures, message: "m")
        #expect(verdict.summary == expected)
    }

    @Test func flagsADigestThatDidNotVerify() throws {
        var verdict = try #require(ReportFixture.registrySigned.report.trust)
        verdict.isDigestVerified = false
        #expect(verdict.summary.hasPrefix("NOT TRUSTED — a manifest or blob did not match its digest; signature "))
    }

    @Test func neutralizesControlCharactersFromTheRegistry() throws {
        var report = ReportFixture.registrySigned.report
        report.trust?.signatures[0].location = "tag \u{1B}[2Jx.sig"
        report.trust?.signatures[1].detail = "bad\u{9B}31mkey"
        report.trust?.policy = "evil\u{07}policy"
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("tag ?[2Jx.sig"))
        #expect(text.contains("bad?31mkey"))
        #expect(text.contains("policy evil?policy"))
    }

    @Test("Writes no trust line for images that were not pulled from a registry")
    func leavesOutTrustForOtherSources() throws {
        for fixture in ReportFixture.all where fixture.report.trust == nil {
            let text = TestSupport.text(try TableReportWriter().render(fixture.report))
            #expect(!text.contains("Trust:"), "\(fixture.name)")
        }
    }
}
