import ScanModel
import Testing

@testable import SecretScanning

/// Inputs built to make a scanner slow or wrong: they must finish (no timing is asserted) with capped results.
struct HostileInputTests {
    static let path = ImagePath("app/hostile.txt")

    @Test func aFiftyMegabyteLineWithoutNewlines() {
        var random = RandomText(seed: 11)
        let token = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20) + Array(" \(token) ".utf8)
        let result = SecretScanner().scan(bytes: bytes, path: Self.path)
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-GITHUB-PAT"])
        #expect(result.findings.first?.line == 1)
    }

    @Test func aMillionKeywordOccurrencesAreCappedAndNoted() {
        let bytes = Array(String(repeating: "password=", count: 1_000_000).utf8)
        let result = SecretScanner().scan(bytes: bytes, path: Self.path)
        #expect(result.findings.isEmpty)
        #expect(result.notes.contains { $0.hasPrefix("PLM-SECRET-GENERIC-PASSWORD: stopped after 10000") })
    }

    @Test func findingsAreCappedPerRule() {
        var random = RandomText(seed: 12)
        var text = ""
        for _ in 0..<1_000 { text += "ghp" + "_" + random.string(RandomText.alphanumeric, 36) + "\n" }
        let result = SecretScanner().scan(bytes: Array(text.utf8), path: Self.path)
        #expect(result.findings.count == SecretScanLimits().maximumFindingsPerRule)
        #expect(result.notes.contains { $0.contains("more than 100 findings") })
    }

    @Test func findingsAreCappedPerFile() {
        var random = RandomText(seed: 13)
        var text = ""
        for index in 0..<300 {
            text +=
                "ghp" + "_" + random.string(RandomText.alphanumeric, 36) + " npm" + "_"
                + random.string(RandomText.alphanumeric, 36) + " gho" + "_" + random.string(RandomText.alphanumeric, 36)
                + " \(index)\n"
        }
        let limits = SecretScanLimits(maximumFindingsPerRule: 1_000, maximumFindingsPerFile: 250)
        let result = SecretScanner(limits: limits).scan(bytes: Array(text.utf8), path: Self.path)
        #expect(result.findings.count == 250)
        #expect(result.notes.contains { $0.contains("stopped at 250 findings") })
    }

    @Test func invalidUTF8AroundASecret() throws {
        var random = RandomText(seed: 14)
        let token = "npm" + "_" + random.string(RandomText.alphanumeric, 36)
        let bytes: [UInt8] = [0xFF, 0xFE, 0xC0, 0x20] + Array(token.utf8) + [0x20, 0x80, 0xBF, 0xED, 0xA0, 0x80, 0x0A]
        let result = SecretScanner().scan(bytes: bytes, path: Self.path)
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-NPM-TOKEN"])
        #expect(try #require(result.findings.first).match == "npm_****(40)")
    }

    @Test func invalidUTF8InsideAValueIsMaskedToo() {
        let bytes = Array("DB_PASSWORD=\"".utf8) + [0xFF, 0xFE] + Array("Zq8Lm2Xp9Rt4Wz1K\"".utf8)
        let result = SecretScanner().scan(bytes: bytes, path: Self.path)
        #expect(result.findings.map(\.ruleID) == ["PLM-SECRET-GENERIC-PASSWORD"])
        #expect(result.findings.allSatisfy { !$0.match.contains("Zq8Lm") })
    }

    @Test(
        "Runs that would make a backtracking regex explode finish",
        arguments: [
            "password=\"" + String(repeating: "a", count: 1 << 20),
            "-----BEGIN RSA PRIVATE KEY-----" + String(repeating: "A", count: 4 << 20),
            "eyJ" + String(repeating: "a", count: 1 << 20) + "." + String(repeating: "eyJa.", count: 100_000),
            "postgres://" + String(repeating: ":", count: 1 << 20) + "@",
            String(repeating: "sig=", count: 200_000) + "sv=",
            String(repeating: "ghp_", count: 500_000),
            String(repeating: "T3BlbkFJ", count: 200_000),
            String(repeating: "\"service_account\"", count: 100_000),
            String(repeating: "a:a@", count: 300_000) + "://",
        ])
    func pathologicalRuns(text: String) {
        let result = SecretScanner().scan(bytes: Array(text.utf8), path: Self.path)
        #expect(result.findings.count <= SecretScanLimits().maximumFindingsPerFile)
    }

    @Test func binaryFilesAreNotScanned() {
        var random = RandomText(seed: 15)
        let token = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01] + Array(token.utf8)
        let result = SecretScanner().scan(bytes: bytes, path: Self.path)
        #expect(result.isBinary)
        #expect(result.findings.isEmpty)
    }
}
