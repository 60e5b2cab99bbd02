import Foundation
import ScannerTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `plimsoll` executable, beside the test bundle.
private let plimsollExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("plimsoll")

/// `plimsoll db …`, run as a user would, from the built executable.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: plimsollExecutable.path)))
struct DatabaseCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static var executable: URL { plimsollExecutable }

    /// Runs the executable with its output in files: a pipe's end, inherited by a process started at the same
    /// moment by another test (such as a long-lived HTTP server), would keep a read from ever seeing its end.
    func run(_ arguments: [String]) throws -> Run {
        let directory = try TemporaryDirectory()
        let outputPath = directory.path + "/stdout"
        let errorPath = directory.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: try String(contentsOfFile: outputPath, encoding: .utf8),
            error: try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    @Test func statusOfAMissingDatabaseIsOneLineAndStatusTwo() throws {
        let directory = try TemporaryDirectory()
        let result = try run(["db", "status", "--db", directory.path + "/none.db"])
        #expect(result.status == 2)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains("plimsoll db update"))
    }

    @Test func importThenStatusThenQuery() throws {
        let directory = try TemporaryDirectory()
        for (name, bytes) in OSVFixture.liveRecords { try directory.write("records/\(name)", bytes) }
        try directory.write("records/broken.json", Array("{".utf8))
        let database = directory.path + "/advisories.db"
        let imported = try run(["db", "import", "--db", database, directory.path + "/records"])
        #expect(imported.status == 0)
        #expect(imported.output.contains("Imported 6 records, 1 malformed."))
        #expect(imported.error.contains("records/broken.json: not valid JSON"))

        let status = try run(["db", "status", "--db", database, "--json"])
        #expect(status.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        #expect(json["advisoryCount"] as? Int == 6)
        #expect((json["recordCounts"] as? [String: Int])?["Debian:12"] == 1)

        let text = try run(["db", "status", "--db", database])
        #expect(text.output.contains("Advisories:   6"))

        let query = try run(["db", "query", "--db", database, "--ecosystem", "PyPI", "DJANGO"])
        #expect(query.status == 0)
        #expect(query.output.hasPrefix("PYSEC-2024-68\tPyPI\tDJANGO\tCVE-2024-41990"))
    }

    @Test func anUnreachableServerIsOneLineAndStatusTwo() throws {
        let directory = try TemporaryDirectory()
        let port = LocalHTTPServer.closedPort()
        let result = try run([
            "db", "update", "--db", directory.path + "/a.db", "--ecosystem", "PyPI", "--base-url",
            "http://127.0.0.1:\(port)",
        ])
        #expect(result.status == 2)
        let lines = result.error.split(separator: "\n")
        #expect(lines.last?.hasPrefix("plimsoll: Cannot reach http://127.0.0.1:\(port)/PyPI/modified_id.csv") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/a.db"))
    }

    @Test func killingAnImportHalfwayLeavesThePreviousDatabase() throws {
        let directory = try TemporaryDirectory()
        for (name, bytes) in OSVFixture.liveRecords { try directory.write("records/\(name)", bytes) }
        let database = directory.path + "/advisories.db"
        #expect(try run(["db", "import", "--db", database, directory.path + "/records"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        for index in 0..<200 {
            try directory.write(
                "more/r\(index).json",
                OSVFixture.json(OSVFixture.simple(id: "MORE-\(index)", ecosystem: "npm", name: "m\(index)")))
        }
        // A named pipe as the last input: the import stores the folder's records, then blocks reading the pipe.
        let pipe = directory.path + "/pipe.json"
        #expect(mkfifo(pipe, 0o600) == 0)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["db", "import", "--db", database, directory.path + "/more", pipe]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Opening the pipe for writing without blocking succeeds once the import has it open for reading.
        var writer: Int32 = -1
        let deadline = Date().addingTimeInterval(60)
        while writer < 0, Date() < deadline, process.isRunning {
            writer = open(pipe, O_WRONLY | O_NONBLOCK)
            if writer < 0 { usleep(10_000) }
        }
        #expect(writer >= 0)
        let temporary = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(".advisories.db.tmp-") }
        #expect(temporary.count == 1)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if writer >= 0 { close(writer) }

        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        let query = try run(["db", "query", "--db", database, "--ecosystem", "npm", "m1"])
        #expect(query.status == 0)
        #expect(query.output.isEmpty)
        // The next import removes what the killed one left.
        #expect(try run(["db", "import", "--db", database, directory.path + "/records"]).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix(".advisories.db.") }.isEmpty)
    }
}
