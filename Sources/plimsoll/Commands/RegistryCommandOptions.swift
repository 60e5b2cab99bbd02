import ArgumentParser
import Foundation
import ScanPipeline

/// How to reach a registry, for targets that name an image in one.
struct RegistryCommandOptions: ParsableArguments {
    @Option(help: "The user name for the registry; the password is read from standard input (--password-stdin).")
    var username: String?

    @Flag(help: "Read the registry password (or token) from standard input; needs --username.")
    var passwordStdin = false

    @Option(
        name: .customLong("insecure-registry"),
        help: ArgumentHelp(
            "A registry (host[:port]) reached without TLS verification, or over plain HTTP; repeatable. Registries "
                + "on loopback use plain HTTP anyway.", valueName: "host"))
    var insecureRegistries: [String] = []

    @Option(
        help: ArgumentHelp(
            "Keep verified layer blobs in this folder, by digest, so later scans of the same layers read no network.",
            valueName: "dir"))
    var blobCache: String?

    @Option(help: "Seconds a registry request may take (and a blob transfer may stall) before it fails.")
    var registryTimeout = 60

    func validate() throws {
        if passwordStdin && username == nil { throw ValidationError("--password-stdin needs --username.") }
        if username != nil && !passwordStdin {
            throw ValidationError("--username needs --password-stdin: passwords are never taken on the command line.")
        }
        guard registryTimeout > 0 else { throw ValidationError("--registry-timeout must be at least 1 second.") }
    }

    /// The settings, with the password read from standard input when asked.
    func settings() throws -> RegistrySettings {
        var password: String?
        if passwordStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard var text = String(data: data, encoding: .utf8) else {
                throw ValidationError("--password-stdin: standard input is not UTF-8 text.")
            }
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else { throw ValidationError("--password-stdin: standard input is empty.") }
            password = text
        }
        return RegistrySettings(
            username: username, password: password, insecureRegistries: insecureRegistries,
            blobCacheDirectory: blobCache, timeoutSeconds: registryTimeout)
    }
}
