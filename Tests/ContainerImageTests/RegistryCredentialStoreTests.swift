import ContainerImage
import Foundation
import Testing

struct RegistryCredentialStoreTests {
    /// A folder holding `config.json` with `contents`.
    func configurationDirectory(_ contents: String) throws -> String {
        let directory = NSTemporaryDirectory() + "plimsoll-docker-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try contents.write(toFile: directory + "/config.json", atomically: true, encoding: .utf8)
        return directory
    }

    static func auth(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func readsAuthsEntriesByHostWhateverTheKeySpelling() throws {
        let directory = try configurationDirectory(
            """
            {"auths": {"https://index.docker.io/v1/": {"auth": "\(Self.auth("hub:pa:ss"))"},
                       "http://reg.example.com:5000/v2/": {"auth": "\(Self.auth("me:secret"))"},
                       "ghcr.io": {"username": "u", "password": "p"},
                       "token.example": {"identitytoken": "refresh-me"}}}
            """)
        let store = RegistryCredentialStore(dockerConfigDirectory: directory)
        let hub = try #require(try store.credential(for: "docker.io"))
        #expect(hub.username == "hub")
        #expect(hub.secret == "pa:ss")
        #expect(try store.credential(for: "reg.example.com:5000")?.secret == "secret")
        #expect(try store.credential(for: "ghcr.io")?.username == "u")
        #expect(try store.credential(for: "token.example")?.isIdentityToken == true)
        #expect(try store.credential(for: "other.example") == nil)
    }

    @Test func explicitCredentialsWinAndTheEnvironmentComesNext() throws {
        let explicit = RegistryCredential(username: "cli", secret: "s")
        let environment = [
            "PLIMSOLL_REGISTRY_USERNAME": "env", "PLIMSOLL_REGISTRY_PASSWORD": "e", "HOME": "/nonexistent",
        ]
        #expect(
            try RegistryCredentialStore.fromEnvironment(explicit: explicit, environment: environment).credential(
                for: "x.io")?.username == "cli")
        #expect(
            try RegistryCredentialStore.fromEnvironment(explicit: nil, environment: environment).credential(
                for: "x.io")?
                .username == "env")
        #expect(
            try RegistryCredentialStore.fromEnvironment(explicit: nil, environment: ["HOME": "/nonexistent"])
                .credential(for: "x.io") == nil)
    }

    @Test func podmansAuthFileIsReadBeforeDockersConfiguration() throws {
        let docker = try configurationDirectory(
            #"{"auths": {"x.io": {"auth": "\#(Self.auth("docker:d"))"}, "y.io": {"auth": "\#(Self.auth("docker:y"))"}}}"#
        )
        let podman = try configurationDirectory(#"{"auths": {"x.io": {"auth": "\#(Self.auth("podman:p"))"}}}"#)
        let environment = [
            "HOME": "/nonexistent", "DOCKER_CONFIG": docker, "REGISTRY_AUTH_FILE": podman + "/config.json",
        ]
        let store = RegistryCredentialStore.fromEnvironment(explicit: nil, environment: environment)
        #expect(try store.credential(for: "x.io")?.username == "podman")
        #expect(try store.credential(for: "y.io")?.username == "docker")
        let runtime = ["HOME": "/nonexistent", "XDG_RUNTIME_DIR": "/run/user/1000"]
        #expect(
            RegistryCredentialStore.fromEnvironment(explicit: nil, environment: runtime).containersAuthFile
                == "/run/user/1000/containers/auth.json")
    }

    @Test func aCredentialHelperIsAskedForItsHost() throws {
        let directory = try configurationDirectory(
            #"{"credHelpers": {"helped.example": "plimsollunit"}, "auths": {"helped.example": {"auth": "eDp5"}}}"#)
        let helper = directory + "/docker-credential-plimsollunit"
        try """
        #!/bin/sh
        read server
        if [ "$server" = "helped.example" ]; then
            echo '{"ServerURL":"helped.example","Username":"robot","Secret":"from-helper"}'
        else
            echo "credentials not found in native keychain"; exit 1
        fi
        """.write(toFile: helper, atomically: true, encoding: .utf8)
        chmod(helper, 0o755)
        let store = RegistryCredentialStore(dockerConfigDirectory: directory, searchPath: directory)
        let found = try #require(try store.credential(for: "helped.example"))
        #expect(found.username == "robot")
        #expect(found.secret == "from-helper")
        #expect(!found.description.contains("from-helper"))
    }

    @Test func aMissingHelperIsAClearError() throws {
        let directory = try configurationDirectory(#"{"credsStore": "nosuchhelper"}"#)
        let store = RegistryCredentialStore(dockerConfigDirectory: directory, searchPath: directory)
        #expect(
            throws: RegistryError.credentialHelperFailed(
                helper: "nosuchhelper", reason: "docker-credential-nosuchhelper is not on PATH")
        ) {
            try store.credential(for: "x.io")
        }
    }

    @Test(arguments: [#"{"auths": {"x.io": {"auth": "not base64!"}}}"#, "{not json"])
    func aBrokenConfigurationNamesTheFile(contents: String) throws {
        let directory = try configurationDirectory(contents)
        let store = RegistryCredentialStore(dockerConfigDirectory: directory)
        do {
            _ = try store.credential(for: "x.io")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(directory + "/config.json"))
        }
    }
}
