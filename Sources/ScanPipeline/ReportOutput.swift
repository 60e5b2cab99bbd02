import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes rendered reports to standard output or to a file.
public enum ReportOutput {
    /// Why a report could not be written.
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let reason):
                "Cannot write the report to '\(path)': \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)."
            }
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a reader never sees half a
    /// report and an interrupted run leaves the previous file intact.
    public static func write(_ bytes: [UInt8], toFile path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.cannotWrite(path: path, reason: "\((error as NSError).localizedDescription)")
        }
        // rename(2) replaces the target in one step, whether or not it exists.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Writes `bytes` to standard output.
    public static func writeToStandardOutput(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
