import Foundation
import ScanModel
import Testing

@testable import SecretScanning

struct SecretRuleSetTests {
    static let customRule = SecretConfiguration.CustomRule(
        id: "ACME-TOKEN", title: "ACME internal token", severity: .high, keywords: ["acme_"],
        pattern: #"acme_(?<secret>[a-z0-9]{24})\b"#)

    @Test func customRulesFindTheirSecretsAndMaskThem() throws {
        let ruleSet = try SecretRuleSet.configured(by: SecretConfiguration(rules: [Self.customRule]))
        var random = RandomText(seed: 31)
        let secret = random.string(RandomText.lower + RandomText.digits, 24)
        let result = SecretScanner(ruleSet: ruleSet).scan(
            bytes: Array("line one\nACME=acme_\(secret) # prod\n".utf8), path: ImagePath("app/env"))
        #expect(result.findings.map(\.ruleID) == ["ACME-TOKEN"])
        #expect(result.findings.first?.line == 2)
        #expect(result.findings.first?.match == SecretRedaction.mask(secret))
    }

    @Test func theFingerprintFollowsACustomRulesPattern() throws {
        var changed = Self.customRule
        changed.pattern = #"acme_(?<secret>[a-z0-9]{32})\b"#
        let first = try SecretRuleSet.configured(by: SecretConfiguration(rules: [Self.customRule]))
        let second = try SecretRuleSet.configured(by: SecretConfiguration(rules: [changed]))
        #expect(first.fingerprint != second.fingerprint)
        #expect(first.fingerprint != SecretRuleSet.builtIn.fingerprint)
    }

    @Test func disabledRulesAllowedPathsAndValuesSilenceFindings() throws {
        var random = RandomText(seed: 32)
        let token = "ghp" + "_" + random.string(RandomText.alphanumeric, 36)
        let text = Array("T=\(token)\n".utf8)
        let path = ImagePath("opt/app/fixtures/token.txt")
        #expect(!SecretScanner().scan(bytes: text, path: path).findings.isEmpty)
        for configuration in [
            SecretConfiguration(disabledRules: ["PLM-SECRET-GITHUB-PAT"]),
            SecretConfiguration(allowedPaths: ["opt/app/fixtures/**"]),
            SecretConfiguration(allowedValues: [String(token.suffix(10))]),
        ] {
            let scanner = SecretScanner(ruleSet: try SecretRuleSet.configured(by: configuration))
            #expect(scanner.scan(bytes: text, path: path).findings.isEmpty)
        }
    }

    @Test func rejectsInvalidConfigurations() {
        var duplicate = Self.customRule
        duplicate.id = "PLM-SECRET-JWT"
        #expect(throws: SecretScanningError.duplicateRuleID("PLM-SECRET-JWT")) {
            try SecretRuleSet.configured(by: SecretConfiguration(rules: [duplicate]))
        }
        var noKeywords = Self.customRule
        noKeywords.keywords = [""]
        #expect(throws: SecretScanningError.missingKeywords(ruleID: "ACME-TOKEN")) {
            try SecretRuleSet.configured(by: SecretConfiguration(rules: [noKeywords]))
        }
        var nested = Self.customRule
        nested.pattern = "acme_(a+)+b"
        #expect(throws: SecretScanningError.unsafePattern(ruleID: "ACME-TOKEN", fragment: "(a+)+")) {
            try SecretRuleSet.configured(by: SecretConfiguration(rules: [nested]))
        }
        var broken = Self.customRule
        broken.pattern = "acme_(["
        #expect(throws: (any Error).self) { try SecretRuleSet.configured(by: SecretConfiguration(rules: [broken])) }
        #expect(throws: SecretScanningError.unknownDisabledRule("PLM-SECRET-NOPE")) {
            try SecretRuleSet.configured(by: SecretConfiguration(disabledRules: ["PLM-SECRET-NOPE"]))
        }
    }

    @Test(
        "Finds nested quantifiers",
        arguments: [
            ("(a+)+", "(a+)+"), ("x(?:ab*)*y", "(?:ab*)*"), ("([a-z]+){2,}", "([a-z]+){"), ("a+b*", nil),
            ("[(+)]+", nil), (#"\(a+\)+"#, nil),
        ])
    func nestedQuantifiers(pattern: String, fragment: String?) {
        #expect(SecretMatcher.nestedQuantifier(in: pattern) == fragment)
    }

    @Test func decodesAConfigurationWithMissingFields() throws {
        let json =
            #"{"rules": [{"id": "X", "title": "X", "severity": "low", "keywords": ["x_"], "pattern": "x_[0-9]+"}]}"#
        let configuration = try JSONDecoder().decode(SecretConfiguration.self, from: Data(json.utf8))
        #expect(configuration.rules.map(\.severity) == [.low])
        #expect(configuration.usesBuiltInRules && configuration.usesBuiltInAllowList)
        #expect(configuration.disabledRules.isEmpty)
    }

    @Test(
        "Matches path globs",
        arguments: [
            ("*.pem", "etc/app/key.pem", true), ("*.pem", "key.pem", true), ("*.pem", "etc/key.pem.bak", false),
            ("etc/ssh/ssh_host_*_key", "etc/ssh/ssh_host_rsa_key", true),
            ("etc/ssh/ssh_host_*_key", "etc/ssh/sub/ssh_host_rsa_key", false),
            ("**/site-packages/**/tests/**", "usr/lib/python3/site-packages/jwt/tests/keys/a.pem", true),
            ("**/site-packages/**/tests/**", "usr/lib/python3/site-packages/jwt/keys.py", false),
            ("/opt/app/**", "opt/app/a/b", true), ("opt/?pp/x", "opt/app/x", true), ("opt/?pp/x", "opt/a/p/x", false),
        ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(PathPattern(pattern).matches(ImagePath(path)) == matches)
    }
}
