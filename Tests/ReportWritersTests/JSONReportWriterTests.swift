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
        #expect(decoded == expected)
    }

    @Test func writesTheVersionedTopLevelShape() throws {
        let object = try TestSupport.jsonObject(JSONReportWriter().render(ReportFixture.debian.report))
        #expect(object.keys.sorted() == ["createdAt", "packages", "scanner", "schemaVersion", "target", "warnings"])
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
}
