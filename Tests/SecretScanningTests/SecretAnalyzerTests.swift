import Foundation
import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import SecretScanning

/// `SecretAnalyzer` as the analysis engine uses it, including the conformance every analyzer meets.
struct SecretAnalyzerTests {
    static let analyzer = SecretAnalyzer(now: Date(timeIntervalSince1970: 1_767_225_600))

    static func analyze(_ path: String, _ text: String) async throws -> AnalysisResult {
        try await analyzer.analyze(AnalyzedFile(path: ImagePath(path), contents: Array(text.utf8)))
    }

    @Test func identityIsStableForTheBuiltInRulesAndChangesWithConfiguration() throws {
        #expect(Self.analyzer.identity == AnalyzerIdentity(name: "secret", version: 1))
        let configured = try SecretRuleSet.configured(by: SecretConfiguration(disabledRules: ["PLM-SECRET-JWT"]))
        let other = SecretAnalyzer(ruleSet: configured)
        #expect(other.identity.name.hasPrefix("secret+"))
        #expect(other.identity != Self.analyzer.identity)
    }

    @Test(
        "Is interested in every file but a few trees and binary formats",
        arguments: [
            ("etc/shadow", true), ("app/config.yaml", true), ("root/.ssh/id_rsa", true), ("opt/app/client.p12", true),
            ("usr/share/doc/bash/README", false), ("usr/share/man/man1/ls.1", false), ("proc/1/environ", false),
            ("usr/share/zoneinfo/UTC", false), ("usr/lib/libc.so", false), ("app/logo.png", false),
            ("usr/lib/python3/site-packages/jwt/tests/keys/testkey_rsa.priv", false), ("", false),
        ])
    func interest(path: String, isInterested: Bool) {
        #expect(Self.analyzer.isInterested(in: ImagePath(path)) == isInterested)
        #expect(Self.analyzer.isInterested(in: ImagePath(path)) == Self.analyzer.isInterested(in: ImagePath(path)))
    }

    @Test func conformsToTheAnalyzerContract() async throws {
        #expect(!Self.analyzer.identity.name.isEmpty)
        #expect(Self.analyzer.maximumFileSize == 10 << 20)
        #expect(SecretAnalyzer(maximumFileSize: 1 << 20).maximumFileSize == 1 << 20)
        // Empty, binary and random inputs give results, never errors.
        #expect(try await Self.analyze("app/empty", "") == AnalysisResult())
        var random = RandomText(seed: 21)
        let noise = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let result = try await Self.analyzer.analyze(AnalyzedFile(path: ImagePath("app/blob"), contents: noise))
        #expect(result.packages.isEmpty && result.operatingSystem == nil && result.ownedFiles.isEmpty)
        // The same input gives the same result.
        let sample = try #require(PlantedSecret.all.first)
        let first = try await Self.analyze(sample.path.description, sample.text)
        let second = try await Self.analyze(sample.path.description, sample.text)
        #expect(first == second)
        #expect(first.secrets.count == 1)
    }

    @Test func runsThroughTheAnalysisEngine() async throws {
        var random = RandomText(seed: 22)
        let token = "glpat" + "-" + random.string(RandomText.alphanumeric, 20)
        let entries: [(LayerEntry, [UInt8])] = [
            (
                LayerEntry(path: ImagePath("app/deploy.sh"), kind: .regularFile, size: 60),
                Array("export T=\(token)\n".utf8)
            ),
            (
                LayerEntry(path: ImagePath("usr/share/doc/x/README"), kind: .regularFile, size: 60),
                Array("T=\(token)\n".utf8)
            ),
        ]
        let engine = AnalysisEngine(analyzers: [Self.analyzer])
        let analysis = try await engine.analyze(layer: LayerReference(index: 0)) { MemoryLayerStream(entries) }
        let secrets = analysis.files.flatMap { file -> [SecretFinding] in
            if case .succeeded(_, let result) = file.outcome { return result.secrets }
            return []
        }
        #expect(secrets.map(\.path) == [ImagePath("app/deploy.sh")])
        #expect(secrets.map(\.ruleID) == ["PLM-SECRET-GITLAB-TOKEN"])
    }

    @Test func anSSHKeyFileIsReportedOnceAsASensitiveFile() async throws {
        var random = RandomText(seed: 23)
        let key =
            "-----BEGIN OPENSSH PRIVATE KEY-----\n" + random.pemBody(lines: 5) + "\n-----END OPENSSH PRIVATE KEY-----\n"
        let result = try await Self.analyze("root/.ssh/id_ed25519", key)
        #expect(result.secrets.map(\.ruleID) == ["PLM-SECRET-FILE-SSH-PRIVATE-KEY"])
        let elsewhere = try await Self.analyze("opt/app/deploy.key", key)
        #expect(elsewhere.secrets.map(\.ruleID) == ["PLM-SECRET-PRIVATE-KEY-OPENSSH"])
    }

    @Test func reportsCertificatesShadowAndTextTogether() async throws {
        let shadow = try await Self.analyze("etc/shadow", "root::19000:0:99999:7:::\n")
        #expect(shadow.secrets.map(\.ruleID) == ["PLM-SECRET-FILE-SHADOW-EMPTY-PASSWORD"])
        let certificate = try CertificateInspectorTests.selfSigned(
            name: "x", notAfter: Date(timeIntervalSince1970: 1_700_000_000))
        let pem = try CertificateInspectorTests.pem(certificate)
        let result = try await Self.analyzer.analyze(AnalyzedFile(path: ImagePath("opt/tls.crt"), contents: pem))
        #expect(result.secrets.map(\.ruleID) == ["PLM-SECRET-CERTIFICATE-EXPIRED"])
    }

    @Test func capNotesBecomeWarnings() async throws {
        let result = try await Self.analyze("app/big.txt", String(repeating: "token=", count: 20_000))
        #expect(
            result.warnings == [
                "/app/big.txt: PLM-SECRET-GENERIC-SECRET: stopped after 10000 keyword occurrences; later ones were not checked"
            ])
    }
}
