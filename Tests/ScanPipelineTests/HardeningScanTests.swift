import Foundation
import Hardening
import ReportWriters
import ScanModel
import ScannerTesting
import Testing

@testable import ScanPipeline

private let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_910_400) }  // 2026-11-29

struct HardeningScanTests {
    /// An Alpine 3.19 image (past its end of life on 2026-11-29) whose second layer deletes a 12 MiB file of the
    /// first, adds a fixed-address executable and a root-owned set-user-ID file, and was built with `curl | sh`.
    static var image: ImageFixture {
        var base = TarBuilder()
        base.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
        base.add("var/cache/big.bin", .file([UInt8](repeating: 7, count: 12 << 20)))
        var app = TarBuilder()
        app.add("var/cache/.wh.big.bin", .file([]))
        var executable = ELFBuilder(
            sections: [ELFBuilder.Section(name: ".text", flags: 0x6, address: 0x401000, contents: [0xC3])],
            segments: [
                ELFBuilder.Segment(flags: 5, sections: [".text"]),
                ELFBuilder.Segment(type: 0x6474_e551, flags: 6, sections: [".text"]),
            ])
        executable.fileType = 2
        app.add("usr/local/bin/app", .file(executable.build()), mode: 0o755)
        app.add("usr/local/bin/helper", .file(Array("#!/bin/sh\n".utf8)), mode: 0o4755)
        return ImageFixture(
            layers: [
                ImageFixture.Layer(base, createdBy: "/bin/sh -c #(nop) ADD file:abc in / "),
                ImageFixture.Layer(app, createdBy: "/bin/sh -c curl -fsSL https://get.example.com | sh"),
            ])
    }

    private func scan(_ options: (String) -> ScanOptions) async throws -> ScanReport {
        let directory = try TemporaryDirectory()
        let path = try directory.write("image.tar", ImageFixture.tar(Self.image.ociLayoutFiles()))
        return try await ImageScanner(clock: fixedClock).scan(options(path))
    }

    @Test func configScannerReportsImageBaseAndBinaryFindings() async throws {
        let report = try await scan { ScanOptions(target: $0, hardening: HardeningOptions()) }
        let rules = Set((report.hardening ?? []).map(\.ruleID))
        #expect(
            rules.isSuperset(of: [
                "PLM-IMAGE-ROOT-USER", "PLM-IMAGE-NO-HEALTHCHECK", "PLM-IMAGE-HISTORY-PIPE-TO-SHELL",
                "PLM-IMAGE-WASTED-LAYER-BYTES", "PLM-IMAGE-BASE-END-OF-LIFE", "PLM-BINARY-NO-PIE",
                "PLM-SECRET-FS-SETUID",
            ]))
        let waste = try #require(report.hardening?.first { $0.ruleID == "PLM-IMAGE-WASTED-LAYER-BYTES" })
        #expect(waste.layer?.index == 0)
        #expect(waste.message.contains("/var/cache/big.bin"))
        #expect(report.baseImage?.kind == .minimal)
        #expect(report.baseImage?.status == .endOfLife)
        #expect(report.baseImage?.endOfLife == "2025-11-01")
    }

    @Test func setuidIsReportedOnceWhenTheSecretScannerAlsoRuns() async throws {
        let report = try await scan {
            ScanOptions(target: $0, secrets: SecretOptions(), hardening: HardeningOptions())
        }
        #expect(!(report.hardening ?? []).contains { $0.ruleID == "PLM-SECRET-FS-SETUID" })
        #expect((report.secrets ?? []).contains { $0.ruleID == "PLM-SECRET-FS-SETUID" })
    }

    @Test func withoutTheConfigScannerTheReportHasNoHardening() async throws {
        let report = try await scan { ScanOptions(target: $0) }
        #expect(report.hardening == nil)
        #expect(report.baseImage == nil)
        let json = String(decoding: try JSONReportWriter().render(report), as: UTF8.self)
        #expect(!json.contains("\"hardening\""))
    }

    @Test func binaryChecksCanBeTurnedOff() async throws {
        let report = try await scan { ScanOptions(target: $0, hardening: HardeningOptions(checksBinaries: false)) }
        #expect(!(report.hardening ?? []).contains { $0.category == .binary })
        #expect((report.hardening ?? []).contains { $0.ruleID == "PLM-IMAGE-ROOT-USER" })
    }

    @Test func writersCarryTheFindings() async throws {
        let configuration = HardeningConfiguration(disabledRules: ["PLM-IMAGE-NO-HEALTHCHECK"])
        let report = try await scan {
            ScanOptions(target: $0, hardening: HardeningOptions(configuration: configuration))
        }
        #expect(!(report.hardening ?? []).contains { $0.ruleID == "PLM-IMAGE-NO-HEALTHCHECK" })
        let json = String(decoding: try JSONReportWriter().render(report), as: UTF8.self)
        #expect(json.contains("\"PLM-IMAGE-ROOT-USER\""))
        #expect(json.contains("\"kind\": \"minimal\""))
        let table = String(decoding: try TableReportWriter().render(report), as: UTF8.self)
        #expect(table.contains("Base image: minimal, Alpine Linux v3.19, end of life 2025-11-01 (end of life)"))
        #expect(table.contains("PLM-BINARY-NO-PIE"))
        let sarif = String(decoding: try SARIFReportWriter().render(report), as: UTF8.self)
        #expect(sarif.contains("\"PLM-IMAGE-HISTORY-PIPE-TO-SHELL\""))
        #expect(sarif.contains("usr/local/bin/app"))
    }
}
