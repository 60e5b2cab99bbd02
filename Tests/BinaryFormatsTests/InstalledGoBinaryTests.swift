import Foundation
import Testing

@testable import BinaryFormats

/// Reads Go binaries installed on this machine and compares with what `go version -m` prints for them.
///
/// Opt-in: each case runs only when its binary exists; the comparison also needs `go` on the PATH. The Docker client
/// was built in GOPATH mode (a `path` line, no modules); the others list hundreds of modules and replacements.
struct InstalledGoBinaryTests {
    static let dockerPath = ["/usr/bin/docker", "/usr/local/bin/docker"].first(where: isReadable)
    static let candidates = [
        "/usr/bin/docker", "/usr/local/bin/docker", "/usr/local/bin/terraform", "/usr/bin/kubectl",
        "/usr/bin/anthoscli", "/usr/lib/go/bin/go", "/usr/bin/skopeo",
    ].filter(isReadable)
    static let goTool = ["/usr/bin/go", "/usr/local/go/bin/go", "/usr/lib/go/bin/go"].first(where: isReadable)

    static func isReadable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }

    static func read(_ path: String) throws -> GoBuildInfo? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try GoBuildInfo.parse(.elf(ELFFile(Array(data))))
    }

    @Test(.enabled(if: dockerPath != nil))
    func readsTheDockerClient() throws {
        let info = try #require(try Self.read(Self.dockerPath ?? ""))
        #expect(info.goVersion.hasPrefix("go1."))
        #expect(info.path == "github.com/docker/cli/cmd/docker")
        #expect(info.settings.contains(GoBuildSetting(key: "GOOS", value: "linux")))
        #expect(info.problems.isEmpty)
    }

    @Test(.enabled(if: goTool != nil), arguments: candidates)
    func agreesWithGoVersionM(path: String) throws {
        let info = try #require(try Self.read(path))
        let printed = try Self.goVersionM(path)
        var lines = printed.split(separator: "\n").map(String.init)
        let first = lines.removeFirst()
        #expect(first == "\(path): \(info.goVersion)")
        var expected: [String] = []
        if let modulePath = info.path { expected.append("path\t\(modulePath)") }
        func moduleLines(_ keyword: String, _ module: GoModule) -> [String] {
            guard let replacement = module.replacement else {
                return ["\(keyword)\t\(module.path)\t\(module.version)\t\(module.checksum ?? "")"]
            }
            return [
                "\(keyword)\t\(module.path)\t\(module.version)",
                "=>\t\(replacement.path)\t\(replacement.version)\t\(replacement.checksum ?? "")",
            ]
        }
        if let main = info.mainModule { expected += moduleLines("mod", main) }
        for dependency in info.dependencies { expected += moduleLines("dep", dependency) }
        // `go version -m` indents every line with a tab and leaves an empty one after each replacement.
        let actual = lines.map { String($0.dropFirst()) }.filter { !$0.isEmpty && !$0.hasPrefix("build\t") }
        #expect(actual == expected)
        let settingKeys = lines.filter { $0.hasPrefix("\tbuild\t") }.compactMap {
            $0.dropFirst(7).split(separator: "=", maxSplits: 1).first.map(String.init)
        }
        #expect(settingKeys == info.settings.map(\.key))
        #expect(info.problems.isEmpty)
    }

    static func goVersionM(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: goTool ?? "go")
        process.arguments = ["version", "-m", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
