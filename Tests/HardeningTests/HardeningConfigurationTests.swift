import Foundation
import ScanModel
import Testing

@testable import Hardening

struct HardeningConfigurationTests {
    private func finding(_ id: String, _ severity: Severity = .medium) -> HardeningFinding {
        HardeningFinding(ruleID: id, category: .dockerfile, title: id, severity: severity, message: "m")
    }

    @Test func disablesRulesAndOverridesSeverities() {
        let configuration = HardeningConfiguration(
            disabledRules: ["PLM-DOCKERFILE-NO-HEALTHCHECK"], severities: ["PLM-DOCKERFILE-LATEST-TAG": .high])
        let result = configuration.applied(to: [
            finding("PLM-DOCKERFILE-NO-HEALTHCHECK"), finding("PLM-DOCKERFILE-LATEST-TAG"),
            finding("PLM-IMAGE-ROOT-USER"),
        ])
        #expect(result.map(\.ruleID) == ["PLM-DOCKERFILE-LATEST-TAG", "PLM-IMAGE-ROOT-USER"])
        #expect(result.map(\.severity) == [.high, .medium])
    }

    @Test(
        "Trusts references under a listed prefix only",
        arguments: [
            ("docker.io/library/python:3.12", true), ("docker.io/library", true), ("gcr.io/distroless/static", true),
            ("docker.io/libraryx/python", false), ("quay.io/evil/python", false),
        ])
    func trust(reference: String, isTrusted: Bool) {
        let configuration = HardeningConfiguration(trustedRegistries: ["docker.io/library", "gcr.io/distroless/"])
        #expect(configuration.isTrusted(reference: reference) == isTrusted)
        #expect(HardeningConfiguration().isTrusted(reference: reference))
    }

    @Test func decodesAnyFieldAbsent() throws {
        let decoded = try JSONDecoder().decode(
            HardeningConfiguration.self, from: Data(#"{"severities": {"PLM-X": "low"}}"#.utf8))
        #expect(decoded == HardeningConfiguration(severities: ["PLM-X": .low]))
    }
}
