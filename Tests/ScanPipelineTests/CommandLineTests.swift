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
}
