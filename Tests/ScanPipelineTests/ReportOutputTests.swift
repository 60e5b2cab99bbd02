import Foundation
import ScannerTesting
import Testing

@testable import ScanPipeline

struct ReportOutputTests {
    @Test func writesANewFileAndReplacesAnOldOne() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/report.json"
        try ReportOutput.write(Array("first".utf8), toFile: path)
        try ReportOutput.write(Array("second".utf8), toFile: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test func aMissingFolderIsAClearErrorAndLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/missing/report.json"
        #expect {
            try ReportOutput.write(Array("x".utf8), toFile: path)
        } throws: { error in
            guard case ReportOutput.WriteError.cannotWrite(let failed, _) = error else { return false }
            return failed == path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
