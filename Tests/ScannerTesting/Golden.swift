import Foundation

/// Compares output with a golden file kept beside the tests; `UPDATE_GOLDENS=1` rewrites the file instead.
public enum Golden {
    /// Returns the golden's text, after rewriting it when `UPDATE_GOLDENS` is set.
    public static func expected(_ actual: String, name: String, folder: String) throws -> String {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("Fixtures/Expected/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The folder of the calling test file.
    public static func folder(of file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().path
    }
}
