import Foundation

/// A user name and secret for a registry.
///
/// Its description never shows the secret.
public struct RegistryCredential: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var secret: String
    /// Whether `secret` is an identity (refresh) token, used with the OAuth2 refresh grant rather than Basic auth.
    public var isIdentityToken: Bool

    public init(username: String, secret: String, isIdentityToken: Bool = false) {
        self.username = username
        self.secret = secret
        self.isIdentityToken = isIdentityToken
    }

    public var description: String { "credential for \(isIdentityToken ? "an identity token" : username)" }

    /// `Basic base64(user:secret)`.
    var basicAuthorization: String {
        "Basic " + Data("\(username):\(secret)".utf8).base64EncodedString()
    }
}

/// Where registry credentials come from: the command line or environment first, then Podman's and Skopeo's
/// `auth.json` (`REGISTRY_AUTH_FILE`, else `$XDG_RUNTIME_DIR/containers/auth.json`), then the Docker configuration
/// (`credHelpers` for the host, then `credsStore`, then `auths`), the order containers/image reads them in.
public struct RegistryCredentialStore: Sendable {
    /// `--username` with `--password-stdin`, or `PLIMSOLL_REGISTRY_USERNAME`/`PLIMSOLL_REGISTRY_PASSWORD`.
    public var explicit: RegistryCredential?
    /// The folder holding `config.json`: `$DOCKER_CONFIG`, else `~/.docker`; `nil` to not read one.
    public var dockerConfigDirectory: String?
    /// Podman's `auth.json` (the same format as Docker's `config.json`), read before Docker's; `nil` for none.
    public var containersAuthFile: String?
    /// The `PATH` to find `docker-credential-NAME` helpers on.
    public var searchPath: String

    public init(
        explicit: RegistryCredential? = nil, dockerConfigDirectory: String? = nil, containersAuthFile: String? = nil,
        searchPath: String = ""
    ) {
        self.explicit = explicit
        self.dockerConfigDirectory = dockerConfigDirectory
        self.containersAuthFile = containersAuthFile
        self.searchPath = searchPath
    }

    /// The store a command-line run uses: explicit credentials, or those of the environment, and Docker's configuration.
    public static func fromEnvironment(
        explicit: RegistryCredential?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RegistryCredentialStore {
        var credential = explicit
        if credential == nil, let user = environment["PLIMSOLL_REGISTRY_USERNAME"],
            let password = environment["PLIMSOLL_REGISTRY_PASSWORD"]
        {
            credential = RegistryCredential(username: user, secret: password)
        }
        let directory =
            environment["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.docker" }
        let authFile =
            environment["REGISTRY_AUTH_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 + "/containers/auth.json" }
        return RegistryCredentialStore(
            explicit: credential, dockerConfigDirectory: directory, containersAuthFile: authFile,
            searchPath: environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// The credential for `registry`, or `nil` to pull anonymously.
    ///
    /// - Throws: `RegistryError.unreadableCredentials` for a configuration file that exists and cannot be parsed,
    ///   `RegistryError.credentialHelperFailed` for a helper that cannot be run.
    public func credential(for registry: String) throws(RegistryError) -> RegistryCredential? {
        if let explicit { return explicit }
        if let path = containersAuthFile, FileManager.default.fileExists(atPath: path),
            let found = try credential(for: registry, inFile: path)
        {
            return found
        }
        guard let directory = dockerConfigDirectory else { return nil }
        let path = directory + "/config.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try credential(for: registry, inFile: path)
    }

    /// The credential a Docker-format configuration file gives for `registry`.
    private func credential(for registry: String, inFile path: String) throws(RegistryError) -> RegistryCredential? {
        let configuration = try DockerConfigFile.load(path: path)
        let host = DockerConfigFile.normalizedHost(registry)
        if let helper = configuration.credHelpers?.first(where: { DockerConfigFile.normalizedHost($0.key) == host })?
            .value
        {
            return try CredentialHelper(name: helper, searchPath: searchPath).credential(for: registry)
        }
        if let store = configuration.credsStore, !store.isEmpty,
            let found = try CredentialHelper(name: store, searchPath: searchPath).credential(for: registry)
        {
            return found
        }
        guard let entry = configuration.auths?.first(where: { DockerConfigFile.normalizedHost($0.key) == host })?.value
        else { return nil }
        return try entry.credential(path: path)
    }
}

/// Docker's `config.json`: the parts that hold registry credentials.
struct DockerConfigFile: Decodable {
    struct AuthEntry: Decodable {
        var auth: String?
        var username: String?
        var password: String?
        var identitytoken: String?

        func credential(path: String) throws(RegistryError) -> RegistryCredential? {
            if let token = identitytoken, !token.isEmpty {
                return RegistryCredential(username: username ?? "<token>", secret: token, isIdentityToken: true)
            }
            if let auth, !auth.isEmpty {
                guard let data = Data(base64Encoded: auth), let text = String(data: data, encoding: .utf8),
                    let colon = text.firstIndex(of: ":")
                else {
                    throw .unreadableCredentials(path: path, reason: "an 'auth' value is not base64 of user:password")
                }
                return RegistryCredential(
                    username: String(text[..<colon]), secret: String(text[text.index(after: colon)...]))
            }
            if let username, let password { return RegistryCredential(username: username, secret: password) }
            return nil
        }
    }

    var auths: [String: AuthEntry]?
    var credHelpers: [String: String]?
    var credsStore: String?

    static func load(path: String) throws(RegistryError) -> DockerConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableCredentials(path: path, reason: "it cannot be read")
        }
        guard data.count <= 4 << 20 else { throw .unreadableCredentials(path: path, reason: "it is over 4 MiB") }
        do {
            return try JSONDecoder().decode(DockerConfigFile.self, from: data)
        } catch {
            throw .unreadableCredentials(path: path, reason: "it is not valid JSON")
        }
    }

    /// The host of a config key or registry: `https://index.docker.io/v1/` and `docker.io` are both Docker Hub.
    static func normalizedHost(_ key: String) -> String {
        var host = Substring(key.lowercased())
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        switch host {
        case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com": return "docker.io"
        default: return String(host)
        }
    }
}

/// A `docker-credential-NAME` program: given the server URL on standard input, it prints
/// `{"ServerURL","Username","Secret"}`.
struct CredentialHelper {
    var name: String
    var searchPath: String

    func credential(for registry: String) throws(RegistryError) -> RegistryCredential? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw .credentialHelperFailed(helper: name, reason: "the name is not a plain program name")
        }
        let program = "docker-credential-" + name
        guard
            let executable = searchPath.split(separator: ":").map({ "\($0)/\(program)" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { throw .credentialHelperFailed(helper: name, reason: "\(program) is not on PATH") }
        let serverURL = registry == ImageReference.dockerHub ? "https://index.docker.io/v1/" : registry
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["get"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .credentialHelperFailed(helper: name, reason: "it cannot be started")
        }
        input.fileHandleForWriting.write(Data(serverURL.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // A helper that has nothing for this server exits non-zero ("credentials not found in native keychain").
        guard process.terminationStatus == 0 else { return nil }
        struct Answer: Decodable {
            var username: String?
            var secret: String?

            enum CodingKeys: String, CodingKey {
                case username = "Username", secret = "Secret"
            }
        }
        guard data.count <= 1 << 20, let answer = try? JSONDecoder().decode(Answer.self, from: data) else {
            throw .credentialHelperFailed(helper: name, reason: "its answer is not the JSON a credential helper prints")
        }
        guard let secret = answer.secret, !secret.isEmpty else { return nil }
        let username = answer.username ?? ""
        return RegistryCredential(username: username, secret: secret, isIdentityToken: username == "<token>")
    }
}
