import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct TrustVerdictWriterTests {
    static let digest = Digest(algorithm: .sha256, encoded: String(repeating: "ab", count: 32))

    static func verdict(status: SignatureStatus, detail: String = "verified with key sha256:k") -> TrustVerdict {
        TrustVerdict(
            reference: "reg.io/team/app:1", manifestDigest: digest, isPinned: false, signatureStatus: status,
            signatures: [
                SignatureCheck(
                    location: "tag sha256-ab.sig", format: "cosign simple signing", key: "sha256:k",
                    failure: status == .verified ? nil : .wrongKey, detail: detail)
            ],
            message: "reg.io/team/app:1 is not pinned by digest")
    }

    @Test func theTableSaysTheOutcomeAndALinePerSignatureAndFinding() {
        let finding = HardeningFinding(
            ruleID: "PLM-TRUST-UNPINNED", category: .trust, title: "Unpinned", severity: .low, message: "pin it")
        let text = String(
            decoding: TrustVerdictWriter(format: .table).render(
                Self.verdict(status: .verified), findings: [finding], isTrusted: true), as: UTF8.self)
        #expect(text.hasPrefix("VERIFIED: reg.io/team/app:1\n"))
        #expect(text.contains("  - tag sha256-ab.sig [cosign simple signing]: verified: verified with key sha256:k"))
        #expect(text.contains("PLM-TRUST-UNPINNED (low): pin it"))
    }

    @Test func registryTextCannotDrawOnTheTerminal() {
        let text = String(
            decoding: TrustVerdictWriter(format: .table).render(
                Self.verdict(status: .invalid, detail: "bad\u{1B}[31m\nline"), findings: [], isTrusted: false),
            as: UTF8.self)
        #expect(text.hasPrefix("NOT TRUSTED: "))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("wrong-key: bad?[31m?line"))
    }

    @Test func theJSONIsTheReportsTrustObject() throws {
        let verdict = Self.verdict(status: .invalid)
        let json = TrustVerdictWriter(format: .json).render(verdict, findings: [], isTrusted: false)
        #expect(json == verdict.jsonValue.serialized(sortingKeys: true))
        #expect(try JSONDecoder().decode(TrustVerdict.self, from: Data(json)) == verdict)
    }
}
