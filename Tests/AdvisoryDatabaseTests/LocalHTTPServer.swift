import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Python's `http.server` serving a folder on 127.0.0.1 at a free port, for tests of `db update`; never the
/// internet.
final class LocalHTTPServer {
    /// `python3` is missing, or the server did not start.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let root: URL
    let baseURL: String
    private let process: Process
    private let log: URL

    /// Starts serving `root`.
    init(serving root: URL) throws {
        self.root = root
        log = root.deletingLastPathComponent().appendingPathComponent("server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Port 0: the kernel picks a free port, which the server prints.
        process.arguments = [
            "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root.path,
        ]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var port: String?
        while port == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"port (\d+)"#, options: .regularExpression) {
                port = String(text[range].dropFirst("port ".count))
            } else {
                usleep(20_000)
            }
        }
        guard let port else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw Unavailable(description: "python3 -m http.server did not start")
        }
        baseURL = "http://127.0.0.1:\(port)"
    }

    deinit { stop() }

    /// Stops the server.
    ///
    /// SIGKILL, because a process started from a Dispatch thread inherits that thread's blocked SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The paths requested so far, in order (`/PyPI/all.zip`).
    var requestedPaths: [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "\"GET ") else { return nil }
            let rest = line[start.upperBound...]
            return rest.split(separator: " ").first.map(String.init)
        }
    }

    /// Writes a file under the served folder.
    func write(_ path: String, _ bytes: [UInt8]) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Whether `python3` can be started here.
    static var isAvailable: Bool {
        ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains { directory in
            FileManager.default.isExecutableFile(atPath: "\(directory)/python3")
        } ?? false
    }

    /// A port on 127.0.0.1 where nothing listens: bound, then closed.
    static func closedPort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : 9
    }
}
