import ContainerImage
import ScanModel
import Testing

struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    @Test(arguments: [
        ("debian", "docker.io", "library/debian", "latest", false),
        ("debian:12", "docker.io", "library/debian", "12", false),
        ("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", false),
        ("docker.io/library/debian:12", "docker.io", "library/debian", "12", false),
        ("index.docker.io/library/debian", "docker.io", "library/debian", "latest", false),
        ("localhost:5000/x", "localhost:5000", "x", "latest", false),
        ("localhost/team/app:1", "localhost", "team/app", "1", false),
        ("registry.example.com/team/app:1.4", "registry.example.com", "team/app", "1.4", false),
        ("ghcr.io/org/app:v1.2.3-rc_1", "ghcr.io", "org/app", "v1.2.3-rc_1", false),
        ("registry:127.0.0.1:5400/a/b:c", "127.0.0.1:5400", "a/b", "c", false),
        ("docker://quay.io/x/y", "quay.io", "x/y", "latest", false),
    ])
    func parsesRegistryRepositoryAndTag(text: String, registry: String, repository: String, tag: String, _: Bool)
        throws
    {
        let reference = try ImageReference.parse(text)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == nil)
        #expect(!reference.isPinned)
    }

    @Test func aDigestPinsTheReferenceAndWinsOverTheTag() throws {
        let reference = try ImageReference.parse("reg.io/team/app:1.0@\(Self.digest)")
        #expect(reference.digest == Digest(Self.digest))
        #expect(reference.tag == "1.0")
        #expect(reference.isPinned)
        #expect(reference.manifestReference == Self.digest)
        #expect(reference.description == "reg.io/team/app:1.0@\(Self.digest)")
        let bare = try ImageReference.parse("reg.io/team/app@\(Self.digest)")
        #expect(bare.tag == nil)
    }

    @Test(arguments: [
        "", "Debian:12", "reg.io/team//app", "reg.io/app:-bad", "reg.io/app@sha256:abc",
        "reg.io/app:"
            + String(
                repeating: "t", count: 129), "reg.io/-app", "reg.io/app_", "reg io/app:1",
    ])
    func refusesMalformedReferences(text: String) {
        #expect(throws: RegistryError.self) { try ImageReference.parse(text) }
    }

    @Test(arguments: [
        ("localhost:5000", true), ("127.0.0.1:5400", true), ("127.1.2.3", true), ("[::1]:5000", true),
        ("localhost", true), ("128.0.0.1:5000", false), ("registry.example.com", false), ("docker.io", false),
        ("127.0.0.1.example.com", false),
    ])
    func loopbackRegistriesAreRecognised(registry: String, isLoopback: Bool) {
        #expect(ImageReference(registry: registry, repository: "x").isLoopback == isLoopback)
    }

    @Test func dockerHubIsReachedAtItsAPIHost() throws {
        #expect(try ImageReference.parse("debian").endpointHost == "registry-1.docker.io")
        #expect(try ImageReference.parse("ghcr.io/a/b").endpointHost == "ghcr.io")
    }

    @Test(arguments: [
        ("registry.example.com/team/app:1.4", true), ("localhost:5000/x", true), ("debian:12", true),
        ("images/app", false), ("app.tar", false), ("./debian:12", false), ("/tmp/x:1", false), ("debian", false),
        ("registry:debian", true),
    ])
    func bareTargetsReadAsReferencesOnlyWhenTheyLookLikeOne(text: String, expected: Bool) {
        #expect(ImageReference.looksLikeReference(text) == expected)
    }

    @Test func aBareReferenceTargetIsARegistryTarget() throws {
        let target = try ImageTarget.parse("registry.example.com/team/app:1.4")
        #expect(target.kind == .registry)
        #expect(try ImageTarget.parse("docker://reg.io/a:1").kind == .registry)
        #expect(try ImageTarget.parse("registry:reg.io/a:1").path == "reg.io/a:1")
    }
}

struct AuthenticationChallengeTests {
    @Test func parsesABearerChallengeWithQuotedCommas() throws {
        let challenge = try #require(
            AuthenticationChallenge(
                header:
                    #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push""#
            ))
        #expect(challenge.scheme == .bearer)
        #expect(challenge.parameters["realm"] == "https://auth.example.com/token")
        #expect(challenge.parameters["service"] == "registry.example.com")
        #expect(challenge.parameters["scope"] == "repository:a/b:pull,push")
    }

    @Test(arguments: [
        (#"Basic realm="Registry Realm""#, AuthenticationChallenge.Scheme.basic, String?("Registry Realm")),
        (#"bearer Realm=https://t.example/token , service=reg"#, .bearer, "https://t.example/token"),
        (#"Negotiate"#, .other("Negotiate"), String?.none),
    ])
    func parsesSchemesAndBareValues(header: String, scheme: AuthenticationChallenge.Scheme, realm: String?) throws {
        let challenge = try #require(AuthenticationChallenge(header: header))
        #expect(challenge.scheme == scheme)
        #expect(challenge.parameters["realm"] == realm)
    }

    @Test(arguments: ["", "   ", "=x"])
    func refusesEmptyHeaders(header: String) {
        #expect(AuthenticationChallenge(header: header) == nil)
    }
}
