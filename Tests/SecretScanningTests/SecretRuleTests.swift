import Foundation
import ScanModel
import Testing

@testable import SecretScanning

struct SecretRuleTests {
    static let scanner = SecretScanner()

    @Test("Every built-in rule finds its planted secret", arguments: PlantedSecret.all)
    func findsPlantedSecret(sample: PlantedSecret) {
        let result = Self.scanner.scan(bytes: Array(sample.text.utf8), path: sample.path)
        #expect(result.findings.map(\.ruleID) == [sample.ruleID])
        #expect(result.findings.allSatisfy { $0.line != nil && $0.category == .secret && $0.source == .file })
    }

    @Test("No finding shows more than four characters of its secret", arguments: PlantedSecret.all)
    func masksTheSecret(sample: PlantedSecret) throws {
        let result = Self.scanner.scan(bytes: Array(sample.text.utf8), path: sample.path)
        let finding = try #require(result.findings.first)
        let shown = "\(finding)"
        let secret = Array(sample.secret)
        #expect(!shown.contains(sample.secret))
        for start in 0...(secret.count - 5) {
            let window = String(secret[start..<(start + 5)])
            #expect(!shown.contains(window), "'\(window)' of the secret is shown: \(finding.match)")
        }
    }

    @Test func everyBuiltInRuleHasAPlantedSecret() {
        #expect(Set(PlantedSecret.all.map(\.ruleID)) == Set(SecretRuleSet.builtInRules.map(\.id)))
    }

    @Test func ruleIDsAreUniqueAndNamespaced() {
        let ids =
            SecretRuleSet.builtInRules.map(\.id) + SensitiveFiles.all.map(\.id) + FilesystemHygiene.all.map(\.id)
            + [CertificateInspector.expired.id, CertificateInspector.weakKey.id]
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("PLM-SECRET-") })
    }

    @Test func reportsTheLineOfEachFinding() {
        var random = RandomText(seed: 7)
        let first = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let second = "npm" + "_" + random.string(RandomText.alphanumeric, 36)
        let text = "# tokens\n\nA=\(first)\nB=1\n\nC=\(second)\n"
        let result = Self.scanner.scan(bytes: Array(text.utf8), path: ImagePath("app/env"))
        #expect(result.findings.map(\.line) == [3, 6])
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-GITHUB-PAT", "PLM-SECRET-NPM-TOKEN"])
    }

    @Test func deduplicatesIdenticalFindingsOnOneLine() {
        var random = RandomText(seed: 8)
        let token = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let text = "a=\(token) b=\(token)\n"
        let result = Self.scanner.scan(bytes: Array(text.utf8), path: ImagePath("app/env"))
        #expect(result.findings.count == 1)
    }

    @Test func aSpecificRuleWinsOverTheGenericOneForTheSameValue() {
        var random = RandomText(seed: 9)
        let token = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let result = Self.scanner.scan(bytes: Array("password = \"\(token)\"".utf8), path: ImagePath("app/a.ini"))
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-GITHUB-PAT"])
    }

    @Test func scansConfigurationTextWithItsSource() {
        var random = RandomText(seed: 10)
        let password = random.string(RandomText.alphanumeric, 17) + "7"
        let result = Self.scanner.scan(
            text: "MYSQL_ROOT_PASSWORD=\(password)", source: .environment, path: ImagePath("config/Env"))
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-GENERIC-PASSWORD"])
        #expect(result.findings.first?.source == .environment)
        #expect(result.findings.first?.match == "MYSQL_ROOT_PASSWORD=" + SecretRedaction.mask(password))
    }

    @Test func pathScopedRulesApplyOnlyToTheirFiles() {
        let netrc = PlantedSecret.all.first { $0.ruleID == "PLM-SECRET-NETRC-PASSWORD" }
        let text = Array((netrc?.text ?? "").utf8)
        #expect(!Self.scanner.scan(bytes: text, path: ImagePath("root/.netrc")).findings.isEmpty)
        #expect(Self.scanner.scan(bytes: text, path: ImagePath("root/notes.txt")).findings.isEmpty)
    }

    @Test(
        "Masks long values by prefix and length, short ones whole",
        arguments: [
            ("abcdefghijklmnopqrst", "abcd****(20)"), ("short-secret", "****"), ("", "****"),
        ])
    func masking(secret: String, expected: String) {
        #expect(SecretRedaction.mask(secret) == expected)
    }

    @Test("Shannon entropy", arguments: [("aaaa", 0.0), ("abab", 1.0), ("abcd", 2.0), ("abcdefgh", 3.0)])
    func entropy(text: String, expected: Double) {
        #expect(abs(Entropy.shannon(Array(text.utf8)) - expected) < 1e-9)
    }
}

struct SecretRuleDocumentationTests {
    @Test func everyRuleIsDocumented() throws {
        let documentation = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rules/secrets.md")
        let text = try String(contentsOf: documentation, encoding: .utf8)
        let ids =
            SecretRuleSet.builtInRules.map(\.id) + SensitiveFiles.all.map(\.id) + FilesystemHygiene.all.map(\.id)
            + [CertificateInspector.expired.id, CertificateInspector.weakKey.id]
        for id in ids { #expect(text.contains("| `\(id)` |"), "\(id) is missing from docs/rules/secrets.md") }
    }
}
