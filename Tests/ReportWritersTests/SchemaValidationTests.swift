import Foundation
import ReportWriters
import Testing

/// Validates the writers' output against the official schemas with `scripts/validate-sboms.py`.
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
            for format in [ReportFormat.cyclonedx, .spdxJSON, .json] {
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
}
