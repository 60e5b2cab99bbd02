import Foundation
import ReportWriters
import Testing

/// Compares every writer's output for every fixture with `Fixtures/Expected/<fixture>.<extension>`.
///
/// Run with `UPDATE_GOLDENS=1` to rewrite the expected files in the source tree after a deliberate change; review
/// the diff before committing it.
struct GoldenOutputTests {
    static let isUpdating = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"

    @Test("Matches the golden output", arguments: ReportFixture.all, ReportFormat.allCases)
    func matchesGolden(fixture: ReportFixture, format: ReportFormat) throws {
        let rendered = try format.writer.render(fixture.report)
        let fileName = "\(fixture.name).\(format.fileExtension)"
        if Self.isUpdating {
            let directory = TestSupport.sourceDirectory.appendingPathComponent("Fixtures/Expected")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(rendered).write(to: directory.appendingPathComponent(fileName))
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/Expected/\(fileName)", withExtension: nil),
            "No golden \(fileName); run the tests once with UPDATE_GOLDENS=1 and review the new file.")
        let expected = try [UInt8](Data(contentsOf: url))
        #expect(
            TestSupport.text(rendered) == TestSupport.text(expected),
            "\(fileName) differs from its golden; if the change is intended, rerun with UPDATE_GOLDENS=1.")
    }

    @Test("Renders the same bytes every time", arguments: ReportFormat.allCases)
    func isDeterministic(format: ReportFormat) throws {
        for fixture in ReportFixture.all {
            let first = try format.writer.render(fixture.report)
            let second = try format.writer.render(fixture.report)
            #expect(first == second, "\(fixture.name)")
        }
    }
}
