import ScanModel
import Testing

@testable import Hardening

struct ImageRulesTests {
    private func ruleIDs(_ facts: ImageFacts, configuration: HardeningConfiguration = HardeningConfiguration())
        -> [String]
    {
        ImageRules.findings(in: facts, configuration: configuration).map(\.ruleID)
    }

    @Test("Root users", arguments: [nil, "", "root", "0", "0:0", "root:wheel", " 0 "])
    func rootUserIsReported(user: String?) {
        #expect(ImageRootUserRule().findings(in: ImageFacts(user: user), configuration: .init()).count == 1)
    }

    @Test("Non-root users", arguments: ["app", "1000", "1000:1000", "nobody", "10"])
    func nonRootUserIsNotReported(user: String) {
        #expect(ImageRootUserRule().findings(in: ImageFacts(user: user), configuration: .init()).isEmpty)
    }

    @Test(
        "Credentials in Env",
        arguments: [
            ("DB_PASSWORD=s3cr3t-value", true), ("API_TOKEN=abcd1234", true), ("AWS_SECRET_ACCESS_KEY=wJalrXUtn", true),
            ("GITHUB_TOKEN=", false), ("DB_PASSWORD_FILE=/run/secrets/db", false), ("PATH=/usr/bin", false),
            ("GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5", false), ("API_KEY=changeme", false),
            ("TOKEN=${TOKEN}", false), ("KEYBOARD=us", false),
        ])
    func environmentCredentials(variable: String, isReported: Bool) {
        let findings = EnvironmentCredentialRule().findings(
            in: ImageFacts(environment: [variable]), configuration: .init())
        #expect(findings.count == (isReported ? 1 : 0))
        #expect(findings.allSatisfy { !$0.message.contains("=") || !$0.message.contains(variable) })
    }

    @Test func environmentValueTheSecretScannerReportedIsLeftToIt() {
        let facts = ImageFacts(
            environment: ["PATH=/bin", "API_TOKEN=abcd1234"], environmentLinesReportedAsSecrets: [2])
        #expect(EnvironmentCredentialRule().findings(in: facts, configuration: .init()).isEmpty)
    }

    @Test(
        "Fetch and execute",
        arguments: [
            ("/bin/sh -c curl -fsSL https://get.example.com | sh", true),
            ("RUN /bin/sh -c wget -qO- https://x.io/install.sh | bash -s -- --yes # buildkit", true),
            ("/bin/sh -c curl https://x | sudo bash", true),
            ("/bin/sh -c sh -c \"$(curl -fsSL https://x/install.sh)\"", true),
            ("/bin/sh -c curl -fsSLo /tmp/i.sh https://x && sha256sum -c sums && sh /tmp/i.sh", false),
            ("/bin/sh -c apt-get update | tee log", false),
        ])
    func pipeToShell(line: String, isReported: Bool) {
        #expect(HistoryPipeToShellRule.fetchesAndExecutes(line) == isReported)
    }

    @Test(
        "Secrets on the command line",
        arguments: [
            ("/bin/sh -c mysql -u root -pHunter2x db < dump.sql", true),
            ("/bin/sh -c app-setup --password=Hunter2x", true),
            ("RUN |1 NPM_TOKEN=npm_abcdefgh /bin/sh -c npm ci # buildkit", true),
            ("/bin/sh -c git clone https://user:Hunter2x@git.example.com/repo.git", true),
            ("/bin/sh -c curl -u admin:Hunter2x https://x", true),
            ("/bin/sh -c app-setup --password=$DB_PASSWORD", false),
            ("/bin/sh -c app-setup --password-file=/run/secrets/db", false),
            ("RUN |1 NPM_TOKEN=******** /bin/sh -c npm ci # buildkit", false),
            ("/bin/sh -c apt-get install -y python3-pip", false),
        ])
    func secretArguments(line: String, isReported: Bool) {
        #expect(HistorySecretArgumentRule.passesSecret(line) == isReported)
    }

    @Test(
        "Remote ADD",
        arguments: [
            ("ADD https://example.com/app.tar.gz /opt/ # buildkit", true),
            ("/bin/sh -c #(nop) ADD https://example.com/a.sh /a.sh", true),
            ("ADD --chown=1:1 https://example.com/app.tar.gz /opt/ # buildkit", true),
            ("ADD --checksum=sha256:abc https://example.com/app.tar.gz /opt/ # buildkit", false),
            (
                "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / ",
                false
            ),
        ])
    func remoteAdd(line: String, isReported: Bool) {
        #expect(HistoryRemoteAddRule.addsRemoteURL(line) == isReported)
    }

    @Test func historyFindingsNameTheStepAndLayer() throws {
        let layer = LayerReference(index: 1, createdBy: "curl x | sh")
        let facts = ImageFacts(history: [.init(index: 3, createdBy: "/bin/sh -c curl -sL https://x | sh", layer: layer)]
        )
        let finding = try #require(HistoryPipeToShellRule().findings(in: facts, configuration: .init()).first)
        #expect(finding.file == "history:3")
        #expect(finding.layer == layer)
    }

    static let wasteCases: [(wasted: Int64, total: Int64, isReported: Bool)] = [
        (12 << 20, 1 << 30, true), (5 << 20, 1 << 30, false), (3 << 20, 10 << 20, true), (512 << 10, 1 << 20, false),
    ]

    @Test("Wasted bytes thresholds", arguments: wasteCases)
    func wastedBytes(wasted: Int64, total: Int64, isReported: Bool) {
        let waste = ImageFacts.LayerWaste(
            layer: LayerReference(index: 0), wastedBytes: wasted,
            largestFiles: [.init(path: ImagePath("var/cache/big.bin"), size: wasted)])
        let findings = WastedLayerBytesRule().findings(
            in: ImageFacts(waste: [waste], totalFileBytes: total), configuration: .init())
        #expect(findings.count == (isReported ? 1 : 0))
        #expect(findings.allSatisfy { $0.message.contains("/var/cache/big.bin") })
    }

    @Test(
        "Health check", arguments: [(nil as [String]?, true), (["NONE"], true), (["CMD", "curl", "-f", "x"], false)])
    func healthcheck(test: [String]?, isReported: Bool) {
        let findings = ImageMissingHealthcheckRule().findings(in: ImageFacts(healthcheck: test), configuration: .init())
        #expect(findings.count == (isReported ? 1 : 0))
    }

    @Test("Exposed SSH", arguments: [(["22/tcp"], 1), (["8080/tcp", "22"], 1), (["2222/tcp", "443/tcp"], 0)])
    func exposedSSH(ports: [String], expected: Int) {
        #expect(
            ImageExposedSSHRule().findings(in: ImageFacts(exposedPorts: ports), configuration: .init()).count
                == expected)
    }

    @Test func requiredLabelsMissingOrEmptyAreReported() {
        let configuration = HardeningConfiguration(requiredLabels: ["org.opencontainers.image.source", "owner", "team"])
        let facts = ImageFacts(labels: ["owner": "platform", "team": ""])
        let findings = MissingLabelRule().findings(in: facts, configuration: configuration)
        #expect(findings.map(\.message).map { $0.contains("org.opencontainers.image.source") } == [true, false])
        #expect(findings.count == 2)
    }

    @Test func configurationDisablesRulesAndOverridesSeverities() {
        let facts = ImageFacts(user: "root", exposedPorts: ["22/tcp"])
        let configuration = HardeningConfiguration(
            disabledRules: ["PLM-IMAGE-NO-HEALTHCHECK"], severities: ["PLM-IMAGE-EXPOSED-SSH": .critical])
        let findings = ImageRules.findings(in: facts, configuration: configuration)
        #expect(!findings.contains { $0.ruleID == "PLM-IMAGE-NO-HEALTHCHECK" })
        #expect(findings.first { $0.ruleID == "PLM-IMAGE-EXPOSED-SSH" }?.severity == .critical)
        #expect(ruleIDs(facts).contains("PLM-IMAGE-NO-HEALTHCHECK"))
    }
}
