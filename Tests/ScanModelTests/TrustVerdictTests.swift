import Foundation
import ScanModel
import Testing

struct TrustVerdictTests {
    static let manifest = Digest(algorithm: .sha256, encoded: String(repeating: "ab12", count: 16))

    static let verdicts: [TrustVerdict] = [
        TrustVerdict(
            reference: "registry.example.com/team/app@\(manifest)", manifestDigest: manifest,
            indexDigest: Digest(algorithm: .sha256, encoded: String(repeating: "cd34", count: 16)), isPinned: true,
            signatureStatus: .verified,
            signatures: [
                SignatureCheck(
                    location: "tag sha256-\(manifest.encoded).sig", format: "cosign simple signing",
                    key: "sha256:" + String(repeating: "ef56", count: 16), detail: "Verified."),
                SignatureCheck(
                    location: "referrer sha256:" + String(repeating: "0a0b", count: 16), format: "sigstore bundle",
                    key: "sha256:" + String(repeating: "ef56", count: 16), failure: .wrongKey,
                    detail: "No trusted key verifies it."),
            ],
            policy: "registry.example.com/team", message: "Signed by a trusted key."),
        TrustVerdict(
            reference: "registry.example.com/team/app:1.4", manifestDigest: manifest, isPinned: false,
            isDigestVerified: false, signatureStatus: .missing, message: "No signature."),
    ]

    @Test("Encodes the JSON report's member names and decodes them back", arguments: verdicts)
    func roundTrip(verdict: TrustVerdict) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(verdict)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["pinned"] as? Bool == verdict.isPinned)
        #expect(object["digestVerified"] as? Bool == verdict.isDigestVerified)
        #expect(object["isPinned"] == nil && object["isDigestVerified"] == nil)
        #expect((object["indexDigest"] != nil) == (verdict.indexDigest != nil))
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0["verified"] as? Bool } == verdict.signatures.map(\.isVerified))
        #expect(signatures.map { $0["failure"] as? String } == verdict.signatures.map { $0.failure?.rawValue })
        #expect(try JSONDecoder().decode(TrustVerdict.self, from: data) == verdict)
    }

    @Test func writesSignatureStatusAndFailureAsTheirRawValues() throws {
        let data = try JSONEncoder().encode(Self.verdicts[0])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"signatureStatus\":\"verified\""))
        #expect(text.contains("\"failure\":\"wrong-key\""))
        let missing = String(decoding: try JSONEncoder().encode(Self.verdicts[1]), as: UTF8.self)
        #expect(missing.contains("\"signatureStatus\":\"missing\""))
    }
}

struct HardeningFindingTests {
    @Test func decodesTheJSONReportsRuleIdMember() throws {
        let finding = HardeningFinding(
            ruleID: "PLM-TRUST-UNPINNED", category: .trust, title: "Image not pinned by digest", severity: .low,
            message: "registry.example.com/team/app:1.4 names a tag.")
        let data = try JSONEncoder().encode(finding)
        #expect(String(decoding: data, as: UTF8.self).contains("\"ruleId\":\"PLM-TRUST-UNPINNED\""))
        #expect(try JSONDecoder().decode(HardeningFinding.self, from: data) == finding)
    }
}
