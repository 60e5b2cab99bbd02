import Foundation
import ScannerTesting
import Testing

/// Runs the built `plimsoll` executable, as a user would.
struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("plimsoll")
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func printsItsVersion() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func scansAnArchiveToJSON() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("debian.tar", ImageFixture.tar(debianImage().classicDockerArchiveFiles()))
        let result = try run([
            "scan", "docker-archive:" + path, "--format", "json", "--output", directory.path + "/r.json",
        ])
        #expect(result.status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/r.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((report["packages"] as? [Any])?.count == 5)
        #expect(report["schemaVersion"] as? Int == 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func aCorruptImageIsOneLineAndStatusTwo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("garbage.tar", Array(repeating: 0x41, count: 4096))
        let result = try run(["scan", path])
        #expect(result.status == 2)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains(path))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func aFormatTheCommandDoesNotWriteIsAUsageError() throws {
        let result = try run(["sbom", "dir:/nonexistent", "--format", "table"])
        #expect(result.status == 64)
        #expect(result.error.contains("plimsoll scan --format table"))
    }

    /// Writes OSV records for `debianImage()` as JSON files, the form `plimsoll db import` takes.
    func writeAdvisories(in directory: TemporaryDirectory) throws -> String {
        let records = [
            """
            {"id":"DSA-5500-1","modified":"2024-01-02T00:00:00Z","aliases":["CVE-2023-4911"],"summary":"glibc flaw",
             "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"}],
             "affected":[{"package":{"ecosystem":"Debian:12","name":"glibc"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.36-9+deb12u5"}]}]}]}
            """,
            """
            {"id":"DEBIAN-CVE-2024-2222","modified":"2024-01-02T00:00:00Z","aliases":["CVE-2024-2222"],
             "affected":[{"package":{"ecosystem":"Debian:12","name":"curl"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}],
               "database_specific":{"severity":"low"}}]}
            """,
        ]
        for (index, record) in records.enumerated() {
            try directory.write("osv/record-\(index).json", Array(record.utf8))
        }
        return directory.path + "/osv"
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func importsAdvisoriesScansAndFailsOnSeverity() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path + "/advisories.db"
        let imported = try run(["db", "import", try writeAdvisories(in: directory), "--db", database])
        #expect(imported.status == 0)
        let image = try directory.write("debian.tar", ImageFixture.tar(debianImage().classicDockerArchiveFiles()))
        let report = directory.path + "/report.json"
        let scanned = try run([
            "scan", image, "--db", database, "--offline", "--format", "json", "--output", report, "--fail-on", "high",
        ])
        #expect(scanned.status == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: report))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ids = (json["vulnerabilities"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["CVE-2023-4911", "CVE-2024-2222"])
        let lowOnly = try run(["scan", image, "--db", database, "--offline", "--severity", "low", "--fail-on", "high"])
        #expect(lowOnly.status == 0)
        #expect(lowOnly.output.contains("CVE-2024-2222"))
        #expect(!lowOnly.output.contains("CVE-2023-4911"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func withoutADatabaseOfflineTheInventoryStillComes() throws {
        let directory = try TemporaryDirectory()
        let image = try directory.write("debian.tar", ImageFixture.tar(debianImage().classicDockerArchiveFiles()))
        let result = try run(["scan", image, "--db", directory.path + "/none.db", "--offline", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.error.contains("vulnerabilities were not checked"))
        #expect(result.output.contains("\"libc6\""))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
    func versionCompareReadsPairsFromStandardInput() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["version", "compare", "--scheme", "dpkg"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("1.0~rc1\t1.0\n1:0.9\t2.0\n1.0\t1.0-0\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "-1\n1\n0\n")
        #expect(process.terminationStatus == 0)
    }
}
