import ScanModel
import ScanPipeline
import Testing

@testable import Hardening

struct DockerfileRuleTests {
    /// The rule IDs the linter reports for `text`, each once.
    private func ruleIDs(
        _ text: String, configuration: HardeningConfiguration = HardeningConfiguration(), hasDockerignore: Bool = true
    ) throws -> Set<String> {
        let findings = try Linter(configuration: configuration).findings(
            inText: text, path: "Dockerfile", hasDockerignore: hasDockerignore)
        return Set(findings.map(\.ruleID))
    }

    static let cases: [(rule: String, positive: String, negative: String)] = [
        (
            "PLM-DOCKERFILE-UNPINNED-BASE", "FROM python:3.12\n",
            "FROM python:3.12@sha256:" + String(repeating: "a", count: 64) + "\n"
        ),
        ("PLM-DOCKERFILE-LATEST-TAG", "FROM python\n", "FROM python:3.12\n"),
        ("PLM-DOCKERFILE-LATEST-TAG", "FROM python:latest\n", "FROM golang:1 AS b\nFROM b\n"),
        ("PLM-DOCKERFILE-ROOT-USER", "FROM a:1\n", "FROM a:1\nUSER app\n"),
        ("PLM-DOCKERFILE-ROOT-USER", "FROM a:1\nUSER app\nUSER 0:0\n", "FROM a:1 AS base\nUSER app\nFROM base\n"),
        ("PLM-DOCKERFILE-ROOT-USER", "FROM a:1\nUSER root\n", "FROM a:1\nUSER root\nRUN x\nUSER 1000\n"),
        (
            "PLM-DOCKERFILE-ADD-REMOTE-NO-CHECKSUM", "FROM a:1\nADD https://x.io/a.tgz /a\n",
            "FROM a:1\nADD --checksum=sha256:00 https://x.io/a.tgz /a\n"
        ),
        ("PLM-DOCKERFILE-ADD-INSTEAD-OF-COPY", "FROM a:1\nADD app.py /app/\n", "FROM a:1\nADD rootfs.tar.xz /\n"),
        (
            "PLM-DOCKERFILE-PIPE-TO-SHELL", "FROM a:1\nRUN curl -fsSL https://x.io/i.sh | bash -s --\n",
            "FROM a:1\nRUN curl -fsSL https://x.io/i.sh -o i.sh && sha256sum -c s && sh i.sh\n"
        ),
        (
            "PLM-DOCKERFILE-PIPE-TO-SHELL", "FROM a:1\nRUN wget -qO- https://x.io/i | tee /tmp/l | sudo sh\n",
            "FROM a:1\nRUN curl -s https://x.io/k | gpg --import\n"
        ),
        (
            "PLM-DOCKERFILE-SECRET-IN-ARG-ENV", "FROM a:1\nENV DB_PASSWORD=hunter2\n",
            "FROM a:1\nENV DB_PASSWORD_FILE=/run/secrets/db\n"
        ),
        ("PLM-DOCKERFILE-SECRET-IN-ARG-ENV", "ARG GITHUB_TOKEN=x\nFROM a:1\n", "FROM a:1\nARG GITHUB_TOKEN\n"),
        (
            "PLM-DOCKERFILE-SECRET-IN-ARG-ENV", "FROM a:1\nENV X=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
            "FROM a:1\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n"
        ),
        (
            "PLM-DOCKERFILE-APT-INSTALL-RECOMMENDS", "FROM a:1\nRUN apt-get install -y curl=1\n",
            "FROM a:1\nRUN apt-get install -y --no-install-recommends curl=1\n"
        ),
        (
            "PLM-DOCKERFILE-APT-LISTS-NOT-REMOVED", "FROM a:1\nRUN apt-get update && apt-get install -y x\n",
            "FROM a:1\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n"
        ),
        (
            // Found by the Hadolint comparison (vLLM's Dockerfile.rocm_72_base): a builder stage that is only
            // copied from ships no apt lists; one a later stage is built on does.
            "PLM-DOCKERFILE-APT-LISTS-NOT-REMOVED",
            "FROM a:1 AS base\nRUN apt-get update && apt-get install -y x\nFROM base\nUSER app\n",
            "FROM a:1 AS build\nRUN apt-get update && apt-get install -y x\nFROM a:1\nCOPY --from=build /o /o\n"
        ),
        (
            // vLLM's Dockerfile: a test stage built on another, both before the last stage.
            "PLM-DOCKERFILE-APT-LISTS-NOT-REMOVED",
            "FROM a:1 AS deps\nRUN apt-get update && apt-get install -y x\nFROM deps AS test\nFROM a:1\n",
            "FROM a:1 AS b\nRUN apt-get update && apt-get install -y x\nFROM a:1\nRUN --mount=from=b,target=/b ls\n"
        ),
        (
            "PLM-DOCKERFILE-UNPINNED-PACKAGES", "FROM a:1\nRUN apt-get install -y curl\n",
            "FROM a:1\nRUN apt-get install -y curl=8.5.0-2\n"
        ),
        (
            "PLM-DOCKERFILE-UNPINNED-PACKAGES", "FROM a:1\nRUN apk add --no-cache curl\n",
            "FROM a:1\nRUN apk add --no-cache --virtual .deps curl=8.5.0-r0\n"
        ),
        (
            "PLM-DOCKERFILE-UNPINNED-PACKAGES", "FROM a:1\nRUN pip install --no-cache-dir flask\n",
            "FROM a:1\nRUN pip install -r requirements.txt flask==3.0.0\n"
        ),
        (
            "PLM-DOCKERFILE-UNPINNED-PACKAGES", "FROM a:1\nRUN npm install -g yarn\n",
            "FROM a:1\nRUN npm install -g yarn@1.22.22 @angular/cli@17.0.0\n"
        ),
        (
            "PLM-DOCKERFILE-APT-UPGRADE", "FROM a:1\nRUN apt-get update && apt-get dist-upgrade -y\n",
            "FROM a:1\nRUN apt-get update\n"
        ),
        ("PLM-DOCKERFILE-SUDO", "FROM a:1\nRUN sudo apt-get update\n", "FROM a:1\nRUN echo sudo\n"),
        (
            "PLM-DOCKERFILE-CHMOD-777", "FROM a:1\nRUN chmod -R 777 /app\n",
            "FROM a:1\nRUN chmod 1777 /tmp && chmod 755 /app\n"
        ),
        ("PLM-DOCKERFILE-CHMOD-777", "FROM a:1\nRUN chmod a+rwx /app\n", "FROM a:1\nRUN chmod u+rwx /app\n"),
        ("PLM-DOCKERFILE-CHMOD-777", "FROM a:1\nCOPY --chmod=0777 a /a\n", "FROM a:1\nCOPY --chmod=0755 a /a\n"),
        ("PLM-DOCKERFILE-EXPOSE-SSH", "FROM a:1\nEXPOSE 80 22/tcp\n", "FROM a:1\nEXPOSE 2222 80\n"),
        ("PLM-DOCKERFILE-RELATIVE-WORKDIR", "FROM a:1\nWORKDIR app\n", "FROM a:1\nENV D=/srv\nWORKDIR $D/app\n"),
        ("PLM-DOCKERFILE-NO-HEALTHCHECK", "FROM a:1\n", "FROM a:1\nHEALTHCHECK NONE\n"),
        (
            "PLM-DOCKERFILE-MULTIPLE-CMD", "FROM a:1\nCMD [\"a\"]\nCMD [\"b\"]\n",
            "FROM a:1\nCMD [\"a\"]\nFROM b:1\nCMD [\"b\"]\n"
        ),
        ("PLM-DOCKERFILE-SHELL-FORM-ENTRYPOINT", "FROM a:1\nENTRYPOINT exec app\n", "FROM a:1\nENTRYPOINT [\"app\"]\n"),
        (
            "PLM-DOCKERFILE-COMPILERS-IN-SINGLE-STAGE", "FROM a:1\nRUN apt-get install -y build-essential\n",
            "FROM a:1\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n"
        ),
        (
            "PLM-DOCKERFILE-COMPILERS-IN-SINGLE-STAGE", "FROM a:1\nRUN apk add openjdk-17-jdk maven\n",
            "FROM a:1 AS b\nRUN apk add gcc\nFROM c:1\n"
        ),
    ]

    @Test("Each rule reports what it is about and only that", arguments: cases)
    func rule(rule: String, positive: String, negative: String) throws {
        #expect(try ruleIDs(positive).contains(rule))
        #expect(try !ruleIDs(negative).contains(rule))
    }

    @Test func reportsCopyOfTheWholeContextOnlyWithoutADockerignore() throws {
        let text = "FROM a:1\nCOPY . .\n"
        #expect(try ruleIDs(text, hasDockerignore: false).contains("PLM-DOCKERFILE-COPY-ALL-NO-DOCKERIGNORE"))
        #expect(try !ruleIDs(text, hasDockerignore: true).contains("PLM-DOCKERFILE-COPY-ALL-NO-DOCKERIGNORE"))
        #expect(
            try !ruleIDs("FROM a:1 AS b\nFROM c:1\nCOPY --from=b . .\n", hasDockerignore: false).contains(
                "PLM-DOCKERFILE-COPY-ALL-NO-DOCKERIGNORE"))
    }

    @Test(
        "Checks base images against the trusted registries, normalised",
        arguments: [
            ("FROM python:3\n", true), ("FROM gcr.io/distroless/static:nonroot\n", true),
            ("FROM quay.io/evil/python:3\n", false), ("FROM someone/python:3\n", false),
            ("FROM golang:1 AS b\nFROM b\n", true), ("FROM scratch\n", true),
        ])
    func trustedRegistries(text: String, isTrusted: Bool) throws {
        let configuration = HardeningConfiguration(trustedRegistries: ["docker.io/library", "gcr.io/distroless"])
        #expect(
            try ruleIDs(text, configuration: configuration).contains("PLM-DOCKERFILE-UNTRUSTED-REGISTRY") == !isTrusted)
    }

    @Test func reportsMissingRequiredLabels() throws {
        let configuration = HardeningConfiguration(requiredLabels: ["org.opencontainers.image.source"])
        #expect(try ruleIDs("FROM a:1\n", configuration: configuration).contains("PLM-DOCKERFILE-MISSING-LABEL"))
        #expect(
            try !ruleIDs(
                "FROM a:1\nLABEL org.opencontainers.image.source=\"https://x\"\n", configuration: configuration
            )
            .contains("PLM-DOCKERFILE-MISSING-LABEL"))
    }

    @Test func ignoreCommentsSuppressOnlyTheirRulesOnTheirInstruction() throws {
        let text = """
            FROM a:1
            # plimsoll:ignore=PLM-DOCKERFILE-SUDO
            RUN sudo make
            RUN sudo make install # plimsoll:ignore=PLM-DOCKERFILE-CHMOD-777
            """
        let findings = try Linter().findings(inText: text, path: "Dockerfile", hasDockerignore: true)
        #expect(findings.filter { $0.ruleID == "PLM-DOCKERFILE-SUDO" }.map(\.line) == [4])
    }

    @Test func appliesTheConfiguration() throws {
        let configuration = HardeningConfiguration(
            disabledRules: ["PLM-DOCKERFILE-NO-HEALTHCHECK"], severities: ["PLM-DOCKERFILE-LATEST-TAG": .critical])
        let findings = try Linter(configuration: configuration).findings(
            inText: "FROM python\n", path: "x/Dockerfile", hasDockerignore: true)
        #expect(!findings.contains { $0.ruleID == "PLM-DOCKERFILE-NO-HEALTHCHECK" })
        let latest = try #require(findings.first { $0.ruleID == "PLM-DOCKERFILE-LATEST-TAG" })
        #expect(latest.severity == .critical)
        #expect(latest.file == "x/Dockerfile")
        #expect(latest.line == 1)
        #expect(latest.category == .dockerfile)
    }

    @Test func loadsTheHardeningSectionOfAConfigurationFile() throws {
        let yaml = "hardening:\n  disabledRules: [PLM-DOCKERFILE-SUDO]\n  trustedRegistries: [docker.io/library]\n"
        let configuration = try LintConfigurationFile.parse(yaml, path: "plimsoll.yaml")
        #expect(configuration.disabledRules == ["PLM-DOCKERFILE-SUDO"])
        #expect(configuration.trustedRegistries == ["docker.io/library"])
        #expect(throws: LintConfigurationFile.LoadError.self) {
            try LintConfigurationFile.parse("hardening: [1", path: "bad.yaml")
        }
    }

    @Test func everyRuleHasAUniqueDocumentedLookingID() {
        let ids = DockerfileRuleSet.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("PLM-DOCKERFILE-") })
    }

    @Test(
        "Recognises Dockerfile names",
        arguments: [
            ("Dockerfile", true), ("Dockerfile.dev", true), ("api.Dockerfile", true), ("api.dockerfile", true),
            ("Containerfile", true), ("Dockerfile.dockerignore", false), ("dockerfile.go", false), ("README", false),
        ])
    func names(name: String, isDockerfile: Bool) {
        #expect(LintFileDiscovery.isDockerfileName(name) == isDockerfile)
    }
}
