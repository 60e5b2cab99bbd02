import ContainerImage
import Foundation
import NIOCore

/// The command line's registry settings, turned into the options the registry client takes.
public struct RegistrySettings: Sendable {
    /// `--username`; the password comes with it, from standard input.
    public var username: String?
    public var password: String?
    /// `--insecure-registry HOST[:PORT]`, repeatable.
    public var insecureRegistries: [String]
    /// `--blob-cache DIR`.
    public var blobCacheDirectory: String?
    /// `--registry-timeout SECONDS`.
    public var timeoutSeconds: Int

    public init(
        username: String? = nil, password: String? = nil, insecureRegistries: [String] = [],
        blobCacheDirectory: String? = nil, timeoutSeconds: Int = 60
    ) {
        self.username = username
        self.password = password
        self.insecureRegistries = insecureRegistries
        self.blobCacheDirectory = blobCacheDirectory
        self.timeoutSeconds = timeoutSeconds
    }

    /// The registry options: explicit credentials first, then `PLIMSOLL_REGISTRY_USERNAME`/`…_PASSWORD`, then
    /// Docker's configuration.
    public func options(environment: [String: String] = ProcessInfo.processInfo.environment) -> RegistryOptions {
        let explicit = username.map { RegistryCredential(username: $0, secret: password ?? "") }
        return RegistryOptions(
            credentials: .fromEnvironment(explicit: explicit, environment: environment),
            insecureRegistries: Set(insecureRegistries), timeout: .seconds(Int64(max(1, timeoutSeconds))),
            blobCacheDirectory: blobCacheDirectory)
    }
}
