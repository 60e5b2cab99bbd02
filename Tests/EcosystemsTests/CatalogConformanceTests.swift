import Foundation
import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import Ecosystems

/// Every analyzer the catalog runs keeps the `AnalyzerConformance` contract on a realistic sample of its input, and
/// on truncated and damaged copies of it (issue 4: each analyzer passes the conformance suite).
struct CatalogConformanceTests {
    /// One sample file per analyzer identity name, built in code.
    static func samples() throws -> [String: AnalyzedFile] {
        func text(_ path: String, _ contents: String) -> AnalyzedFile {
            AnalyzedFile(path: ImagePath(path), contents: Array(contents.utf8))
        }
        return [
            "dpkg-status": text(
                "var/lib/dpkg/status",
                "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\n"
                    + "Version: 2.36-9+deb12u4\nDescription: GNU C Library\n shared libraries\n\n"
                    + "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n"),
            "dpkg-file-list": text("var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib\n/lib/x86_64-linux-gnu/libc.so.6\n"),
            "apk-database": text(
                "lib/apk/db/installed",
                "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\n"),
            "rpm-database": AnalyzedFile(
                path: ImagePath("var/lib/rpm/Packages.db"),
                contents: RPMTestNDB.database(blobs: [RPMTestHeader.package().blob])),
            "os-release": text("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"),
            "python-package": text(
                "usr/local/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\nLicense: Apache 2.0\n\nBody\n"),
            "node-package": text(
                "app/node_modules/express/package.json",
                #"{"name": "express", "version": "4.18.2", "license": "MIT", "dependencies": {"qs": "6.11.0"}}"#),
            "node-lockfile": text(
                "app/package-lock.json",
                #"{"name": "app", "lockfileVersion": 3, "packages": {"": {"name": "app"}, "#
                    + #""node_modules/qs": {"version": "6.11.0"}, "node_modules/jest": {"version": "29.7.0", "dev": true}}}"#
            ),
            "executable-dependencies": AnalyzedFile(
                path: ImagePath("usr/local/bin/server"), contents: GoBinaryFixture.inlineBinary(goVersion: "go1.21.3"),
                mode: 0o755),
            "cargo-lock": text(
                "src/app/Cargo.lock",
                "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"serde\"\n"
                    + "version = \"1.0.193\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"),
            "java-archive": AnalyzedFile(
                path: ImagePath("app/lib/app.jar"),
                contents: try JarBuilder.archive([
                    ("META-INF/MANIFEST.MF", Array("Manifest-Version: 1.0\nImplementation-Version: 1.0\n".utf8)),
                    JarBuilder.pomProperties("org.apache.logging.log4j", "log4j-core", "2.14.1"),
                ])),
            "gem-specification": text(
                "usr/local/bundle/specifications/rack-2.2.8.gemspec",
                GemSpecificationAnalyzerTests.rackSpecification),
            "gemfile-lock": text(
                "app/Gemfile.lock",
                "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n    rails (7.1.2)\n      rack (>= 2.2.4)\n\n"
                    + "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rails\n"),
            "composer-package": text(
                "var/www/html/vendor/composer/installed.json",
                #"{"packages": [{"name": "monolog/monolog", "version": "3.5.0", "version_normalized": "3.5.0.0"}]}"#),
            "nuget-assets": text(
                "app/app.deps.json",
                #"{"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"}, "targets": {".NETCoreApp,Version=v8.0": {"#
                    + #""Newtonsoft.Json/13.0.1": {"runtime": {"lib/net6.0/Newtonsoft.Json.dll": {}}}}}, "#
                    + #""libraries": {"Newtonsoft.Json/13.0.1": {"type": "package"}}}"#),
            "python-requirements": text("srv/app/requirements.txt", "requests==2.19.1\nflask>=2\n"),
            "python-lockfile": text(
                "srv/app/poetry.lock",
                "[[package]]\nname = \"requests\"\nversion = \"2.19.1\"\ncategory = \"main\"\n\n[[package]]\n"
                    + "name = \"pytest\"\nversion = \"7.4.0\"\ncategory = \"dev\"\n"),
            "go-module-file": text(
                "src/app/go.mod",
                "module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/google/uuid v1.3.0\n)\n"),
        ]
    }

    static var catalogAnalyzers: [any Analyzer] { EcosystemCatalog.analyzers(for: .all, sourceTree: true) }

    @Test func everyAnalyzerHasASample() throws {
        let missing = Set(Self.catalogAnalyzers.map(\.identity.name)).subtracting(try Self.samples().keys)
        #expect(missing.isEmpty, "analyzers without a conformance sample: \(missing.sorted())")
    }

    @Test("Keeps the analyzer contract", arguments: catalogAnalyzers.map(\.identity.name))
    func conformance(name: String) async throws {
        let analyzer = try #require(Self.catalogAnalyzers.first { $0.identity.name == name })
        let sample = try #require(try Self.samples()[name])
        let violations = await AnalyzerConformance.violations(of: analyzer, samples: [sample], corruptions: 50)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        // The sample is realistic: it gives what the analyzer exists to find.
        let result = try await analyzer.analyze(sample)
        #expect(!result.packages.isEmpty || result.operatingSystem != nil || !result.ownedFiles.isEmpty)
    }
}
