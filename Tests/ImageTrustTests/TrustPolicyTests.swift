import Foundation
import Testing

@testable import ImageTrust

struct TrustPolicyTests {
    private let policy = TrustPolicy(rules: [
        .init(prefix: "reg.io", keys: ["registry.pub"]),
        .init(prefix: "reg.io/team", requireSignature: true, keys: ["team.pub"]),
        .init(prefix: "reg.io/team/app/", keys: ["app.pub"]),
    ])

    @Test(
        "Matches prefixes on path-component boundaries, longest first",
        arguments: [
            ("reg.io", "team/app", "reg.io/team/app/"),
            ("reg.io", "team/app/worker", "reg.io/team/app/"),
            ("reg.io", "team/tool", "reg.io/team"),
            ("reg.io", "team", "reg.io/team"),
            ("reg.io", "teammate/app", "reg.io"),
            ("REG.IO", "team/tool", "reg.io/team"),
            ("reg.io:5000", "team/app", nil),
            ("other.io", "team/app", nil),
        ] as [(String, String, String?)])
    func matchesPrefixes(registry: String, repository: String, expected: String?) {
        #expect(policy.rule(forRegistry: registry, repository: repository)?.prefix == expected)
    }

    @Test func allowsEveryRegistryWhenTheListIsEmptyAndOnlyListedOnesOtherwise() {
        #expect(TrustPolicy().allows(registry: "anything.io"))
        let strict = TrustPolicy(allowedRegistries: ["registry.example.com", "127.0.0.1:5000"])
        #expect(strict.allows(registry: "Registry.Example.com"))
        #expect(strict.allows(registry: "127.0.0.1:5000"))
        #expect(!strict.allows(registry: "127.0.0.1"))
        #expect(!strict.allows(registry: "docker.io"))
    }

    @Test func parsesTheTrustSectionAndLeavesOtherSectionsAlone() throws {
        let yaml = """
            hardening:
              disabledRules: [PLM-IMAGE-NO-HEALTHCHECK]
            trust:
              allowedRegistries: [registry.example.com, "127.0.0.1:5000"]
              requireDigest: true
              rules:
                - prefix: registry.example.com/team/
                  requireSignature: true
                  keys: [keys/team.pub]
                - prefix: registry.example.com
            """
        let parsed = try TrustPolicy.parse(yaml, path: "plimsoll.yaml")
        #expect(
            parsed
                == TrustPolicy(
                    allowedRegistries: ["registry.example.com", "127.0.0.1:5000"], requireDigest: true,
                    rules: [
                        .init(prefix: "registry.example.com/team/", requireSignature: true, keys: ["keys/team.pub"]),
                        .init(prefix: "registry.example.com"),
                    ]))
    }

    @Test func aFileWithoutATrustSectionHasNoPolicy() throws {
        #expect(try TrustPolicy.parse("hardening: {}\n", path: "plimsoll.yaml") == nil)
        #expect(try TrustPolicy.parse("", path: "plimsoll.yaml") == nil)
    }

    @Test(
        "Names the file and the unknown key",
        arguments: [
            ("trust:\n  requireDigests: true\n", "trust.requireDigests"),
            (
                "trust:\n  rules:\n    - prefix: reg.io\n      requireSignatures: true\n",
                "trust.rules[0].requireSignatures"
            ),
        ])
    func namesUnknownKeys(yaml: String, key: String) {
        #expect(throws: TrustError.unknownPolicyKey(path: "conf/plimsoll.yaml", key: key)) {
            try TrustPolicy.parse(yaml, path: "conf/plimsoll.yaml")
        }
    }

    @Test(
        "Names the field of a wrongly typed value",
        arguments: [
            ("trust:\n  requireDigest: maybe\n", "trust.requireDigest must be Bool"),
            ("trust:\n  rules:\n    - requireSignature: true\n", "trust.rules[0].prefix is missing"),
            ("trust:\n  rules:\n    - prefix: /\n", "trust.rules[0].prefix is empty"),
            ("trust: [1, 2]\n", "trust must be a mapping"),
        ])
    func namesWronglyTypedFields(yaml: String, reason: String) {
        #expect(throws: TrustError.unreadablePolicy(path: "plimsoll.yaml", reason: reason)) {
            try TrustPolicy.parse(yaml, path: "plimsoll.yaml")
        }
    }

    @Test func loadingResolvesKeyPathsAgainstTheFilesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plimsoll.yaml")
        try Data("trust:\n  rules:\n    - prefix: reg.io\n      keys: [keys/team.pub, /etc/plimsoll/ca.pub]\n".utf8)
            .write(to: file)
        let policy = try #require(try TrustPolicy.loading(configurationFile: file.path))
        #expect(
            policy.rules.first?.keys == [
                folder.appendingPathComponent("keys/team.pub").standardizedFileURL.path, "/etc/plimsoll/ca.pub",
            ])
        let missing = folder.appendingPathComponent("missing.yaml").path
        #expect(throws: TrustError.unreadablePolicy(path: missing, reason: "the file cannot be read")) {
            try TrustPolicy.loading(configurationFile: missing)
        }
    }
}
