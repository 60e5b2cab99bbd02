import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct NodePackageAnalyzerTests {
    static let expressPath = ImagePath("usr/src/app/node_modules/express/package.json")

    static func analyze(_ text: String, at path: ImagePath = expressPath) async throws -> AnalysisResult {
        try await NodePackageAnalyzer().analyze(AnalyzedFile(path: path, contents: Array(text.utf8)))
    }

    @Test func readsAnInstalledManifest() async throws {
        let manifest = """
            {
              "name": "express",
              "description": "Fast, unopinionated, minimalist web framework",
              "version": "4.18.2",
              "author": "TJ Holowaychuk <tj@vision-media.ca>",
              "license": "MIT",
              "dependencies": { "accepts": "~1.3.8", "body-parser": "1.20.1" },
              "keywords": ["express", "framework", "sinatra", "web", "http", "rest", "restful", "router", "app", "api"],
              "engines": { "node": ">= 0.10.0" },
              "_private": null, "_size": 1.5e3, "_escaped": "caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\\\ \\/"
            }
            """
        let result = try await Self.analyze(manifest)
        #expect(
            result.packages == [
                InstalledPackage(
                    name: "express", version: "4.18.2", ecosystem: .npm, licenses: ["MIT"], path: Self.expressPath)
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test(
        "Reads every form of license",
        arguments: [
            (#""license": "(MIT OR Apache-2.0)""#, ["(MIT OR Apache-2.0)"]),
            (#""license": {"type": "BSD-3-Clause", "url": "https://example.com"}"#, ["BSD-3-Clause"]),
            (#""licenses": [{"type": "MIT"}, {"type": "GPL-2.0"}]"#, ["MIT", "GPL-2.0"]),
            (#""licenses": ["ISC"]"#, ["ISC"]),
            (#""license": """#, []),
            (#""private": true"#, []),
        ])
    func licenses(field: String, expected: [String]) throws {
        let text = #"{"name": "x", "version": "1.0.0", "# + field + "}"
        #expect(try NodePackageAnalyzer.package(from: Array(text.utf8), path: Self.expressPath).licenses == expected)
    }

    @Test func readsScopedAndNestedPackages() async throws {
        let scoped = ImagePath("app/node_modules/@babel/core/package.json")
        let nested = ImagePath("app/node_modules/@babel/core/node_modules/semver/package.json")
        let core = try await Self.analyze(#"{"name": "@babel/core", "version": "7.23.0"}"#, at: scoped)
        let semver = try await Self.analyze(#"{"name": "semver", "version": "6.3.1"}"#, at: nested)
        #expect(core.packages.map(\.name) == ["@babel/core"])
        #expect(semver.packages.map(\.version) == ["6.3.1"])
        #expect(semver.packages.first?.path == nested)
    }

    @Test(
        "Is interested only in the manifests of installed packages",
        arguments: [
            ("app/node_modules/express/package.json", true),
            ("app/node_modules/@babel/core/package.json", true),
            ("app/node_modules/a/node_modules/b/package.json", true),
            ("app/node_modules/a/node_modules/@scope/b/package.json", true),
            ("usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json", true),
            ("app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json", true),
            ("app/node_modules/test/package.json", true),
            ("app/node_modules/a/node_modules/fixtures/package.json", true),
            ("app/package.json", false),
            ("app/node_modules/package.json", false),
            ("app/node_modules/@babel/package.json", false),
            ("app/node_modules/express/lib/package.json", false),
            ("app/node_modules/.bin/package.json", false),
            ("app/node_modules/resolve/test/resolver/node_modules/dep/package.json", false),
            ("app/node_modules/@scope/a/fixtures/node_modules/b/package.json", false),
            ("app/node_modules/a/__tests__/node_modules/@s/b/package.json", false),
            ("app/node_modules/express/package.json.bak", false),
            ("app/package-lock.json", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(NodePackageAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test(
        "Reports malformed manifests",
        arguments: [
            ("", NodePackageError.malformedJSON(reason: "the JSON ends early; the file is truncated")),
            (
                #"{"name": "x", "version": "1.0.0""#,
                .malformedJSON(reason: "the JSON ends early; the file is truncated")
            ),
            (#"{"name": "x",, }"#, .malformedJSON(reason: "the JSON has an unexpected character at byte 13")),
            (#"{"name": "x"} {}"#, .malformedJSON(reason: "the JSON has content after its end, at byte 14")),
            (#"{"name": "\q"}"#, .malformedJSON(reason: "the JSON has an invalid escape sequence at byte 10")),
            (#"["express", "4.18.2"]"#, .notAnObject),
            (#"{"version": "1.0.0"}"#, .missingName),
            (#"{"name": "half", "version": 1}"#, .missingVersion(name: "half")),
        ])
    func malformed(text: String, expected: NodePackageError) {
        #expect(throws: expected) {
            try NodePackageAnalyzer.package(from: Array(text.utf8), path: Self.expressPath)
        }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONTreeError.tooDeep(offset: 256)) { try JSONTree.parse(Array(deep.utf8)) }
        let garbage = (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 9) }
        #expect(throws: NodePackageError.self) {
            try NodePackageAnalyzer.package(from: garbage, path: Self.expressPath)
        }
    }

    @Test func theEngineReportsAManifestOverTheLimitWithoutReadingIt() async throws {
        let hugePath = ImagePath("app/node_modules/huge/package.json")
        let manifest = Array(#"{"name": "express", "version": "4.18.2"}"#.utf8)
        let entries: [(LayerEntry, [UInt8])] = [
            (LayerEntry(path: hugePath, kind: .regularFile, size: 100 << 20), []),
            (LayerEntry(path: Self.expressPath, kind: .regularFile, size: Int64(manifest.count)), manifest),
        ]
        let engine = AnalysisEngine(analyzers: EcosystemCatalog.analyzers)
        let analysis = try await engine.analyze(layer: LayerReference(index: 0)) { MemoryLayerStream(entries) }
        #expect(
            analysis.files.contains(
                AnalyzedFileOutcome(
                    path: hugePath,
                    outcome: .failed(
                        NodePackageAnalyzer().identity, path: hugePath,
                        reason: "file is 104857600 bytes, over the 4194304-byte limit"))))
        let read = analysis.files.first { $0.path == Self.expressPath }
        guard case .succeeded(_, let result) = read?.outcome else {
            Issue.record("express was not read: \(String(describing: read))")
            return
        }
        #expect(result.packages.map(\.name) == ["express"])
    }

    @Test(
        "Writes npm package URLs with the scope as namespace",
        arguments: [
            ("@babel/core", "7.23.0", "pkg:npm/%40babel/core@7.23.0"),
            ("@Angular/Animations", "12.3.1", "pkg:npm/%40angular/animations@12.3.1"),
            ("lodash", "4.17.21", "pkg:npm/lodash@4.17.21"),
            ("JSONStream", "1.3.5", "pkg:npm/jsonstream@1.3.5"),
            ("tslib", "2.6.2+build.1", "pkg:npm/tslib@2.6.2%2Bbuild.1"),
        ])
    func packageURL(name: String, version: String, expected: String) {
        let package = InstalledPackage(name: name, version: version, ecosystem: .npm, path: Self.expressPath)
        #expect(PackageURLFactory.purl(for: package, operatingSystem: nil).description == expected)
    }

    @Test func matchesAdvisoriesByLowerCaseNameAndNPMOrdering() throws {
        let matcher = try #require(Ecosystem.npm.matcher)
        let package = InstalledPackage(name: "JSONStream", version: "1.3.1", ecosystem: .npm, path: Self.expressPath)
        #expect(
            matcher.queries(for: package, operatingSystem: nil) == [AdvisoryQuery(ecosystem: "npm", name: "jsonstream")]
        )
        let affected = AffectedPackage(
            ecosystem: "npm", name: "jsonstream",
            ranges: [AffectedRange(type: .semver, events: [.introduced("0"), .fixed("1.3.2")])])
        #expect(isAffected(matcher.decision(for: package, against: affected)))
        var fixed = package
        fixed.version = "1.3.10"
        #expect(matcher.decision(for: fixed, against: affected) == .notAffected)
        var prerelease = package
        prerelease.version = "1.3.2-beta.1"
        #expect(isAffected(matcher.decision(for: prerelease, against: affected)))
    }

    @Test func isRegistered() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.npm))
        let names = EcosystemCatalog.analyzers.map(\.identity.name)
        #expect(names.contains("node-package") && names.contains("node-lockfile"))
    }
}

/// Returns whether the verdict is `affected`, whatever the evidence.
private func isAffected(_ decision: MatchDecision) -> Bool {
    if case .affected = decision { return true }
    return false
}
