import PackageAnalysis
import ScanModel
import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct ComposerPackageAnalyzerTests {
    static let installedPath = ImagePath("var/www/html/vendor/composer/installed.json")
    static let lockPath = ImagePath("var/www/html/composer.lock")

    static func analyze(_ text: String, at path: ImagePath = installedPath) async throws -> AnalysisResult {
        try await ComposerPackageAnalyzer().analyze(AnalyzedFile(path: path, contents: Array(text.utf8)))
    }

    static func summary(_ result: AnalysisResult) -> [String] { result.packages.map { "\($0.name)@\($0.version)" } }

    @Test(
        "Reads installed.json as Composer 1 and Composer 2 write it",
        arguments: [
            """
            [
              {"name": "monolog/monolog", "version": "2.9.1", "version_normalized": "2.9.1.0", "license": ["MIT"]},
              {"name": "symfony/console", "version": "v6.4.1", "type": "library", "license": ["MIT"]}
            ]
            """,
            """
            {
              "packages": [
                {"name": "monolog/monolog", "version": "2.9.1", "license": ["MIT"], "install-path": "../monolog/monolog"},
                {"name": "symfony/console", "version": "v6.4.1", "license": ["MIT"]}
              ],
              "dev": true,
              "dev-package-names": ["symfony/console"]
            }
            """,
        ])
    func readsInstalledJSON(text: String) async throws {
        let result = try await Self.analyze(text)
        #expect(Self.summary(result) == ["monolog/monolog@2.9.1", "symfony/console@v6.4.1"])
        // Composer 1 does not name its dev packages; Composer 2 does, in `dev-package-names`.
        let isComposer2 = text.contains("dev-package-names")
        #expect(result.packages.map(\.isDevelopment) == [false, isComposer2])
        #expect(result.packages.allSatisfy { $0.licenses == ["MIT"] && $0.ecosystem == .composer })
        #expect(result.warnings.isEmpty)
    }

    @Test func readsALockFileWithItsDevPackagesMarked() async throws {
        let text = """
            {
              "_readme": ["This file locks the dependencies of your project to a known state"],
              "content-hash": "0123456789abcdef",
              "packages": [
                {"name": "guzzlehttp/guzzle", "version": "7.8.1", "license": "MIT"},
                {"name": "nameless/version"},
                {"version": "1.0.0"}
              ],
              "packages-dev": [
                {"name": "phpunit/phpunit", "version": "10.5.3"},
                {"name": "guzzlehttp/guzzle", "version": "7.8.1"}
              ],
              "minimum-stability": "stable"
            }
            """
        let result = try await Self.analyze(text, at: Self.lockPath)
        #expect(Self.summary(result) == ["guzzlehttp/guzzle@7.8.1", "phpunit/phpunit@10.5.3"])
        // A package in both lists is installed without --dev, so it is a production package.
        #expect(result.packages.map(\.isDevelopment) == [false, true])
        #expect(result.packages.first?.licenses == ["MIT"])
        #expect(
            result.warnings == [
                "var/www/html/composer.lock: 'nameless/version' has no version; skipped",
                "var/www/html/composer.lock: package 3 has no name; skipped",
            ])
    }

    @Test(
        "Reports malformed files",
        arguments: [
            (
                #"{"packages": [{"name": "a/b""#,
                ComposerPackageError.malformedJSON(
                    reason: "the JSON ends early; the file is truncated")
            ),
            (#"{"packages": {}}"#, .missingPackageList),
            (#""just a string""#, .missingPackageList),
        ])
    func malformed(text: String, expected: ComposerPackageError) async {
        await #expect(throws: expected) { try await Self.analyze(text) }
    }

    @Test(
        "Is interested in Composer's installed list and project lock files",
        arguments: [
            ("var/www/html/vendor/composer/installed.json", true),
            ("app/lib/composer/installed.json", true),
            ("var/www/html/composer.lock", true),
            ("var/www/html/vendor/laravel/framework/composer.lock", false),
            ("var/www/html/vendor/composer/installed.php", false),
            ("var/www/html/installed.json", false),
            ("var/www/html/composer.json", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(ComposerPackageAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test(
        "Writes composer package URLs in lower case",
        arguments: [
            ("symfony/console", "v6.4.1", "pkg:composer/symfony/console@v6.4.1"),
            ("Laravel/Framework", "10.40.0", "pkg:composer/laravel/framework@10.40.0"),
        ])
    func packageURL(name: String, version: String, expected: String) {
        let package = InstalledPackage(name: name, version: version, ecosystem: .composer, path: Self.lockPath)
        #expect(PackageURLFactory.purl(for: package, operatingSystem: nil).description == expected)
    }

    @Test func matchesAdvisoriesByLowerCaseNameWithoutTheVPrefix() throws {
        let matcher = try #require(Ecosystem.packagist.matcher)
        let package = InstalledPackage(
            name: "Symfony/HTTP-Kernel", version: "v6.4.1", ecosystem: .composer, path: Self.lockPath)
        #expect(
            matcher.queries(for: package, operatingSystem: nil) == [
                AdvisoryQuery(ecosystem: "Packagist", name: "symfony/http-kernel")
            ])
        let affected = AffectedPackage(
            ecosystem: "Packagist", name: "symfony/http-kernel",
            ranges: [AffectedRange(type: .ecosystem, events: [.introduced("6.0.0"), .fixed("6.4.2")])],
            versions: ["6.4.1"])
        guard case .affected(let evidence) = matcher.decision(for: package, against: affected) else {
            Issue.record("v6.4.1 should be affected")
            return
        }
        #expect(evidence.explanation == "installed 6.4.1 is listed as affected")
        var fixed = package
        fixed.version = "v6.4.2"
        #expect(matcher.decision(for: fixed, against: affected) == .notAffected)
    }

    @Test func isRegistered() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.composer))
        #expect(EcosystemCatalog.analyzers.contains { $0.identity.name == "composer-package" })
    }
}
