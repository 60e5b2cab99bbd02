import ContainerImage
import Foundation
import ReportWriters
import ScanModel
import ScannerTesting
import Testing

@testable import ScanPipeline

/// A GitHub personal access token made at run time from a seed, so no complete token is ever committed.
struct PlantedToken: Sendable {
    /// The random part: what must never appear in a report.
    let body: String

    init(seed: UInt64) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var characters: [Character] = []
        for _ in 0..<36 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            characters.append(alphabet[Int(state % UInt64(alphabet.count))])
        }
        body = String(characters)
    }

    /// The whole token, as an image would hold it.
    var text: String { "ghp" + "_" + body }
}

private let gitHubRule = "PLM-SECRET-GITHUB-PAT"

private let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_735_689_600) }

/// What the second layer of a two-layer image does to a file of the first that holds a token.
enum LaterLayerChange: String, CaseIterable, Sendable {
    case deletesTheFile
    case rewritesItWithoutTheSecret
    case deletesItsFolder
    case makesItsFolderOpaque
    case leavesIt

    var hidesTheFile: Bool { self != .leavesIt }
}

struct SecretScanTests {
    private func scan(
        _ fixture: ImageFixture, secrets: SecretOptions? = SecretOptions(), reportsPackages: Bool = true
    ) async throws -> ScanReport {
        let directory = try TemporaryDirectory()
        let path = try directory.write("image.tar", ImageFixture.tar(fixture.ociLayoutFiles()))
        let options = ScanOptions(target: path, reportsPackages: reportsPackages, secrets: secrets)
        return try await ImageScanner(clock: fixedClock).scan(options)
    }

    private func findings(_ report: ScanReport, rule: String = gitHubRule) -> [SecretFinding] {
        (report.secrets ?? []).filter { $0.ruleID == rule }
    }

    @Test(
        "A secret a later layer hides is reported as recoverable, in the layer that holds it",
        arguments: LaterLayerChange.allCases)
    func hiddenSecretsAreRecoverable(change: LaterLayerChange) async throws {
        let token = PlantedToken(seed: 1)
        var base = TarBuilder()
        base.add("app/", .directory, mode: 0o755)
        base.file("app/settings.conf", "GITHUB_TOKEN=\(token.text)\n")
        var top = TarBuilder()
        switch change {
        case .deletesTheFile: top.file("app/.wh.settings.conf", "")
        case .rewritesItWithoutTheSecret: top.file("app/settings.conf", "GITHUB_TOKEN=\n")
        case .deletesItsFolder: top.file(".wh.app", "")
        case .makesItsFolderOpaque: top.file("app/.wh..wh..opq", "")
        case .leavesIt: top.file("app/other.conf", "debug = true\n")
        }
        let report = try await scan(ImageFixture(layers: [.init(base), .init(top, createdBy: "RUN cleanup")]))
        let finding = try #require(findings(report).first)
        #expect(findings(report).count == 1)
        #expect(finding.path == ImagePath("app/settings.conf"))
        #expect(finding.displayPath == "/app/settings.conf")
        #expect(finding.line == 1)
        #expect(finding.layer?.index == 0)
        #expect(finding.layer?.createdBy == "COPY . /")
        #expect(finding.isDeletedButRecoverable == change.hidesTheFile)
        #expect(finding.source == .file)
        #expect(!finding.match.contains(token.body))
    }

    @Test func theSameSecretInTwoLayersIsOneFindingTheVisibleCopy() async throws {
        let token = PlantedToken(seed: 2)
        var base = TarBuilder()
        base.file("app/settings.conf", "GITHUB_TOKEN=\(token.text)\n")
        var top = TarBuilder()
        top.file("app/settings.conf", "GITHUB_TOKEN=\(token.text)\n")
        let report = try await scan(ImageFixture(layers: [.init(base), .init(top, createdBy: "COPY again /")]))
        let found = findings(report)
        #expect(found.count == 1)
        #expect(found.first?.layer?.index == 1)
        #expect(found.first?.isDeletedButRecoverable == false)
    }

    @Test func aTokenRotatedInALaterLayerLeavesTheOldOneRecoverable() async throws {
        let old = PlantedToken(seed: 3)
        let new = PlantedToken(seed: 4)
        var base = TarBuilder()
        base.file("app/settings.conf", "GITHUB_TOKEN=\(old.text)\n")
        var top = TarBuilder()
        top.file("app/settings.conf", "GITHUB_TOKEN=\(new.text)\n")
        let report = try await scan(ImageFixture(layers: [.init(base), .init(top, createdBy: "COPY rotated /")]))
        // Both mask alike (`ghp_****(40)`), yet both are secrets an attacker can use: two findings.
        let found = findings(report).sorted { ($0.layer?.index ?? 0) < ($1.layer?.index ?? 0) }
        #expect(found.map { $0.layer?.index } == [0, 1])
        #expect(found.map(\.isDeletedButRecoverable) == [true, false])
    }

    /// Where a token is placed in the image configuration, and where the finding must say it is.
    struct ConfigurationPlacement: Sendable, CustomTestStringConvertible {
        let name: String
        let fixture: @Sendable (String) -> ImageFixture
        let path: String
        let line: Int?
        let source: SecretFinding.Source

        var testDescription: String { name }

        static let all: [ConfigurationPlacement] = [
            ConfigurationPlacement(
                name: "Env",
                fixture: { token in
                    ImageFixture(
                        layers: [.init(TarBuilder())],
                        environment: ["PATH=/usr/bin", "LANG=C", "GITHUB_TOKEN=" + token])
                }, path: "config:Env", line: 3, source: .environment),
            ConfigurationPlacement(
                name: "Labels, in key order",
                fixture: { token in
                    ImageFixture(
                        layers: [.init(TarBuilder())],
                        labels: ["zz.deploy-token": token, "org.opencontainers.image.title": "app", "a.b": "c"])
                }, path: "config:Labels", line: 3, source: .label),
            ConfigurationPlacement(
                name: "Cmd",
                fixture: { token in
                    ImageFixture(layers: [.init(TarBuilder())], command: ["/app/run", "--token", token])
                }, path: "config:Cmd", line: nil, source: .command),
            ConfigurationPlacement(
                name: "Entrypoint and Cmd",
                fixture: { token in
                    ImageFixture(
                        layers: [.init(TarBuilder())], entrypoint: ["/app/run", "--token", token], command: ["serve"])
                }, path: "config:Cmd", line: nil, source: .command),
        ]
    }

    @Test("A secret in the image configuration is found where it is", arguments: ConfigurationPlacement.all)
    func configurationSecrets(placement: ConfigurationPlacement) async throws {
        let token = PlantedToken(seed: 3)
        let report = try await scan(placement.fixture(token.text))
        let finding = try #require(findings(report).first)
        #expect(findings(report).count == 1)
        #expect(finding.displayPath == placement.path)
        #expect(finding.line == placement.line)
        #expect(finding.source == placement.source)
        #expect(finding.layer == nil)
        #expect(finding.isDeletedButRecoverable == false)
        let json = String(decoding: try JSONReportWriter().render(report), as: UTF8.self)
        #expect(json.contains("\"path\": \"\(placement.path)\""))
        #expect(!json.contains(token.body))
    }

    /// A two-layer image whose second build step, and an `ENV` step without a layer, carry tokens.
    private func imageWithTokensInItsHistory(_ layerToken: PlantedToken, _ environmentToken: PlantedToken)
        -> ImageFixture
    {
        var base = TarBuilder()
        base.file("etc/hostname", "app\n")
        var top = TarBuilder()
        top.file("app/run.sh", "#!/bin/sh\nexec /app/server\n")
        return ImageFixture(
            layers: [
                .init(base, createdBy: "ADD rootfs.tar /"),
                .init(top, createdBy: "RUN git clone https://x:\(layerToken.text)@example.com/app.git /app"),
            ],
            emptyLayerHistory: [
                "/bin/sh -c #(nop) ENV A=B", "/bin/sh -c #(nop) ENV GITHUB_TOKEN=\(environmentToken.text)",
            ])
    }

    @Test func aTokenInTheHistoryIsAFindingWithTheEntrysIndex() async throws {
        let (layerToken, environmentToken) = (PlantedToken(seed: 4), PlantedToken(seed: 5))
        let report = try await scan(imageWithTokensInItsHistory(layerToken, environmentToken))
        let history = (report.secrets ?? []).filter { $0.source == .history && $0.ruleID == gitHubRule }
        // History: two entries without a layer (0, 1), then the layers (2, 3).
        #expect(history.map(\.displayPath).sorted() == ["history:1", "history:3"])
        let fromLayer = try #require(history.first { $0.displayPath == "history:3" })
        #expect(fromLayer.layer?.index == 1)
        #expect(fromLayer.line == nil)
        #expect(fromLayer.layer?.createdBy?.contains(layerToken.body) == false)
        let fromEnvironment = try #require(history.first { $0.displayPath == "history:1" })
        #expect(fromEnvironment.layer == nil)
    }

    @Test(
        "A token in the history reaches no report, whether or not secrets are scanned",
        arguments: [true, false], ReportFormat.allCases)
    func historyIsMaskedInEveryReport(scansSecrets: Bool, format: ReportFormat) async throws {
        let (layerToken, environmentToken) = (PlantedToken(seed: 6), PlantedToken(seed: 7))
        let report = try await scan(
            imageWithTokensInItsHistory(layerToken, environmentToken), secrets: scansSecrets ? SecretOptions() : nil)
        #expect((report.secrets != nil) == scansSecrets)
        let createdBy = try #require(report.target.layers.last?.createdBy)
        #expect(createdBy.hasPrefix("RUN git clone https://x:"))
        #expect(!createdBy.contains(layerToken.body))
        let rendered = String(decoding: try format.writer.render(report), as: UTF8.self)
        #expect(!rendered.contains(layerToken.body), "\(format)")
        #expect(!rendered.contains(environmentToken.body), "\(format)")
    }

    /// A layer with a setuid-root program at `usr/bin/mount`, and optionally a dpkg file list naming it.
    private func imageWithSetuidProgram(listedAs listed: String?, mergedUsr: Bool) -> ImageFixture {
        var layer = TarBuilder()
        layer.add("usr/", .directory, mode: 0o755)
        layer.add("usr/bin/", .directory, mode: 0o755)
        if mergedUsr { layer.add("bin", .symbolicLink("usr/bin")) }
        layer.add("usr/bin/mount", .file(Array("\u{7F}ELF".utf8)), mode: 0o4755)
        if let listed { layer.file("var/lib/dpkg/info/mount.list", "/.\n/usr\n\(listed)\n") }
        return ImageFixture(layers: [.init(layer)])
    }

    @Test func aSetuidProgramNoPackageInstalledIsAFinding() async throws {
        let report = try await scan(imageWithSetuidProgram(listedAs: nil, mergedUsr: false))
        let finding = try #require(findings(report, rule: "PLM-SECRET-FS-SETUID").first)
        #expect(finding.path == ImagePath("usr/bin/mount"))
        #expect(finding.severity == .high)
        #expect(finding.category == .filesystem)
        #expect(finding.layer?.index == 0)
    }

    @Test(
        "A setuid program a dpkg file list names is the distribution's",
        arguments: [("/usr/bin/mount", false), ("/bin/mount", true)])
    func packagedSetuidProgramsAreNotFindings(listed: String, mergedUsr: Bool) async throws {
        let report = try await scan(imageWithSetuidProgram(listedAs: listed, mergedUsr: mergedUsr))
        #expect(findings(report, rule: "PLM-SECRET-FS-SETUID").isEmpty)
        #expect(report.secrets != nil)
    }

    @Test("A secret in a file dpkg installed is reported only when asked for", arguments: [false, true])
    func secretsInPackagedFiles(includesOSPackageFiles: Bool) async throws {
        let token = PlantedToken(seed: 8)
        var layer = TarBuilder()
        layer.file("etc/tool/tool.conf", "GITHUB_TOKEN=\(token.text)\n")
        layer.file("var/lib/dpkg/info/tool.list", "/.\n/etc\n/etc/tool\n/etc/tool/tool.conf\n")
        let options = SecretOptions(includesOSPackageFiles: includesOSPackageFiles)
        let report = try await scan(ImageFixture(layers: [.init(layer)]), secrets: options)
        #expect(findings(report).map(\.path) == (includesOSPackageFiles ? [ImagePath("etc/tool/tool.conf")] : []))
    }

    @Test func filesOverTheSizeLimitAreCountedNotRead() async throws {
        let token = PlantedToken(seed: 9)
        let padding = String(repeating: "#", count: 100)
        var base = TarBuilder()
        base.file("app/big.conf", "GITHUB_TOKEN=\(token.text)\n\(padding)\n")
        base.file("app/bigger.conf", "\(padding)\(padding)\n")
        base.file("app/small.conf", "GITHUB_TOKEN=\(token.text)\n")
        var top = TarBuilder()
        top.file("app/huge.conf", String(repeating: "x", count: 500))
        let report = try await scan(
            ImageFixture(layers: [.init(base), .init(top)]), secrets: SecretOptions(maximumFileSize: 80))
        #expect(findings(report).map(\.path) == [ImagePath("app/small.conf")])
        let notes = report.warnings.filter { $0.contains("were not searched for secrets") }
        #expect(
            notes == [
                "layer 0: 2 file(s) larger than 80 bytes were not searched for secrets (--secret-max-file-size)",
                "layer 1: 1 file(s) larger than 80 bytes were not searched for secrets (--secret-max-file-size)",
            ])
    }

    @Test func withoutPackagesTheReportListsNone() async throws {
        let report = try await scan(debianImage(), reportsPackages: false)
        #expect(report.packages.isEmpty)
        #expect(report.secrets != nil)
        let inventory = try await scan(debianImage(), secrets: nil)
        #expect(inventory.packages.count == 5)
        #expect(inventory.secrets == nil)
    }

    @Test func findingsComeMostSevereFirst() async throws {
        let token = PlantedToken(seed: 10)
        var layer = TarBuilder()
        layer.file("srv/b.conf", "GITHUB_TOKEN=\(token.text)\n")
        layer.file("srv/a.conf", "GITHUB_TOKEN=\(token.text)\n")
        layer.add("srv/tool", .file([0x7F]), mode: 0o2755)
        let report = try await scan(ImageFixture(layers: [.init(layer)]))
        let secrets = try #require(report.secrets)
        #expect(secrets == secrets.sorted(by: SecretFinding.reportOrder))
        #expect(findings(report).map(\.displayPath) == ["/srv/a.conf", "/srv/b.conf"])
        #expect(findings(report, rule: "PLM-SECRET-FS-SETGID").map(\.displayPath) == ["/srv/tool"])
    }
}
