import Foundation
import ScanModel
import Testing

@testable import ReportWriters

/// Development dependencies and file-name guesses, in every format that lists packages.
struct PackageMarksTests {
    /// The Debian fixture with `bash` a development dependency and `libc6` a low-confidence guess.
    private var report: ScanReport {
        var report = ReportFixture.debian.report
        for index in report.packages.indices {
            if report.packages[index].name == "bash" { report.packages[index].isDevelopment = true }
            if report.packages[index].name == "libc6" { report.packages[index].confidence = .low }
        }
        return report
    }

    @Test func jsonWritesTheMarksOnlyWhereTheyApplyAndReadsThemBack() throws {
        let bytes = try JSONReportWriter().render(report)
        let object = try TestSupport.jsonObject(bytes)
        let packages = try #require(object["packages"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: packages.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["bash"]?["development"] as? Bool == true)
        #expect(byName["libc6"]?["confidence"] as? String == "low")
        #expect(byName["base-files"]?["development"] == nil)
        #expect(byName["base-files"]?["confidence"] == nil)
        let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(bytes))
        #expect(decoded.packages.first { $0.name == "bash" }?.isDevelopment == true)
        #expect(decoded.packages.first { $0.name == "libc6" }?.confidence == .low)
        #expect(decoded.packages.first { $0.name == "base-files" }?.confidence == .high)
    }

    @Test func cycloneDXGivesDevelopmentDependenciesTheOptionalScope() throws {
        let object = try TestSupport.jsonObject(CycloneDXReportWriter().render(report))
        let components = try #require(object["components"] as? [[String: Any]])
        let bash = try #require(components.first { $0["name"] as? String == "bash" })
        #expect(bash["scope"] as? String == "optional")
        let properties = try #require(bash["properties"] as? [[String: String]])
        #expect(properties.contains(["name": "plimsoll:package:development", "value": "true"]))
        let libc = try #require(components.first { $0["name"] as? String == "libc6" })
        #expect(libc["scope"] == nil)
        #expect(
            (libc["properties"] as? [[String: String]])?.contains([
                "name": "plimsoll:package:confidence", "value": "low",
            ])
                == true)
    }

    @Test func spdxSaysSoInTheSourceInformation() throws {
        let object = try TestSupport.jsonObject(SPDXReportWriter().render(report))
        let packages = try #require(object["packages"] as? [[String: Any]])
        let info = Dictionary(
            packages.map { ($0["name"] as? String ?? "", $0["sourceInfo"] as? String ?? "") },
            uniquingKeysWith: { first, _ in first })
        #expect(info["bash"]?.contains("A development dependency only.") == true)
        #expect(info["libc6"]?.contains("low confidence") == true)
        #expect(info["base-files"]?.contains("development") == false)
    }

    @Test func theTableMarksTheTypeColumn() throws {
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("bash ") && $0.contains("deb (dev)") })
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("libc6 ") && $0.contains("deb (guess)") })
    }
}
