import Foundation
import ReportWriters
import ScanModel
import Testing

/// Paths and helpers shared by the writer tests.
enum TestSupport {
    /// `Tests/ReportWritersTests` in the source tree, where goldens are rewritten when `UPDATE_GOLDENS=1`.
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = sourceDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The official schemas, as copied into the test bundle.
    static func schemasDirectory() throws -> URL {
        try #require(Bundle.module.url(forResource: "Schemas", withExtension: nil))
    }

    /// The parsed JSON object at the top of a rendered document.
    static func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes))
        return try #require(value as? [String: Any])
    }

    /// JSON text re-serialized compactly with sorted keys, to compare documents regardless of layout.
    static func canonicalJSON(_ bytes: [UInt8]) throws -> String {
        let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The same report with its packages in reverse order: writers must not depend on the scan's order.
    static func reversingPackages(_ report: ScanReport) -> ScanReport {
        var copy = report
        copy.packages.reverse()
        return copy
    }

    /// The same report with its findings, listed suppressed ones and secrets too, in reverse order.
    static func reversingFindings(_ report: ScanReport) -> ScanReport {
        var copy = report
        copy.vulnerabilities?.reverse()
        copy.suppressedVulnerabilities?.reverse()
        copy.secrets?.reverse()
        return copy
    }
}

/// Runs `scripts/validate-sboms.py` (Python with `jsonschema`) when the machine has it.
enum SchemaValidator {
    static let script = TestSupport.repositoryRoot.appendingPathComponent("scripts/validate-sboms.py")

    /// Whether CI is running us: there, a missing validator is a failure rather than a reason to skip.
    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Whether `python3` can import `jsonschema` and `referencing`.
    static let isAvailable: Bool = {
        guard let result = try? run(["python3", "-c", "import jsonschema, referencing"]) else { return false }
        return result.status == 0
    }()

    /// Validates `files` with the script; returns its exit status and everything it printed.
    static func validate(_ files: [URL]) throws -> (status: Int32, output: String) {
        let arguments = [
            "python3", script.path, "--schemas", try TestSupport.schemasDirectory().path,
            "--report-schema", TestSupport.repositoryRoot.appendingPathComponent("docs/report-schema-v1.json").path,
        ]
        return try run(arguments + files.map(\.path))
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
