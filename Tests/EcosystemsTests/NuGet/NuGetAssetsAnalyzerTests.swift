import PackageAnalysis
import ScanModel
import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct NuGetAssetsAnalyzerTests {
    @Test(
        "Matches OSV NuGet advisories by lower-case name with NuGet ordering",
        arguments: [("12.0.3", true), ("13.0.1", false), ("13.0.1.0", false), ("13.0.1-beta1", true)])
    func matching(version: String, isAffected: Bool) throws {
        let matcher = try #require(Ecosystem.nuget.matcher)
        let package = Self.nuget("Newtonsoft.Json", version, at: "app/App.deps.json")
        #expect(
            matcher.queries(for: package, operatingSystem: nil) == [
                AdvisoryQuery(ecosystem: "NuGet", name: "newtonsoft.json")
            ])
        let affected = AffectedPackage(
            ecosystem: "NuGet", name: "Newtonsoft.Json",
            ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("13.0.1")])])
        let decision = matcher.decision(for: package, against: affected)
        if case .affected = decision { #expect(isAffected) } else { #expect(decision == .notAffected && !isAffected) }
    }

    @Test func isRegisteredInTheCatalog() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.nuget))
        #expect(EcosystemCatalog.analyzers.contains { $0.identity.name == "nuget-assets" })
        #expect(EcosystemCatalog.matchers.contains { $0.ecosystem == .nuget })
    }

    static func nuget(_ name: String, _ version: String, at path: String) -> InstalledPackage {
        InstalledPackage(name: name, version: version, ecosystem: .nuget, path: ImagePath(path))
    }

    static func analyze(_ text: String, at path: String) async throws -> AnalysisResult {
        try await NuGetAssetsAnalyzer().analyze(AnalyzedFile(path: ImagePath(path), contents: Array(text.utf8)))
    }

    @Test(
        "Is interested in dependency and lock files only",
        arguments: [
            ("app/MyApp.deps.json", true), ("src/MyApp/packages.lock.json", true), ("app/.deps.json", false),
            ("app/MyApp.runtimeconfig.json", false), ("app/package-lock.json", false),
        ])
    func interest(path: String, isInterested: Bool) {
        #expect(NuGetAssetsAnalyzer().isInterested(in: ImagePath(path)) == isInterested)
    }

    @Test func readsThePackageLibrariesOfADependencyFile() async throws {
        let deps = """
            {
              "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
              "targets": {".NETCoreApp,Version=v8.0": {}},
              "libraries": {
                "MyApp/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                "Newtonsoft.Json/13.0.1": {"type": "package", "serviceable": true, "path": "newtonsoft.json/13.0.1"},
                "System.Text.Encodings.Web/4.7.1": {"type": "package"},
                "Microsoft.AspNetCore.App/8.0.0": {"type": "reference"},
                "Broken": {"type": "package"}
              }
            }
            """
        let path = "app/MyApp.deps.json"
        let result = try await Self.analyze(deps, at: path)
        #expect(
            result.packages == [
                Self.nuget("Newtonsoft.Json", "13.0.1", at: path),
                Self.nuget("System.Text.Encodings.Web", "4.7.1", at: path),
            ])
        #expect(result.warnings == ["/app/MyApp.deps.json: library 'Broken' is not 'Name/Version'; skipped."])
    }

    @Test func readsEveryFrameworkOfALockFileOnce() async throws {
        let lock = """
            {
              "version": 1,
              "dependencies": {
                "net6.0": {
                  "Serilog": {"type": "Direct", "requested": "[2.10.0, )", "resolved": "2.10.0", "contentHash": "x"},
                  "System.Memory": {"type": "Transitive", "resolved": "4.5.4"},
                  "MyLib": {"type": "Project"}
                },
                "net8.0": {
                  "Serilog": {"type": "Direct", "requested": "[2.10.0, )", "resolved": "2.10.0"},
                  "System.Memory": {"type": "CentralTransitive", "requested": "[4.5.5, )", "resolved": "4.5.5"},
                  "Unresolved": {"type": "Direct"}
                }
              }
            }
            """
        let path = "src/packages.lock.json"
        let result = try await Self.analyze(lock, at: path)
        #expect(
            result.packages == [
                Self.nuget("Serilog", "2.10.0", at: path), Self.nuget("System.Memory", "4.5.4", at: path),
                Self.nuget("System.Memory", "4.5.5", at: path),
            ])
        #expect(result.warnings == ["/src/packages.lock.json: 'Unresolved' (net8.0) has no resolved version; skipped."])
    }

    @Test(
        "Throws on files that are not JSON objects",
        arguments: ["app/App.deps.json", "src/packages.lock.json"])
    func malformed(path: String) async {
        await #expect(throws: NuGetAssetsError.notJSONObject(file: "/\(path)")) {
            try await Self.analyze("{\"libraries\": ", at: path)
        }
        await #expect(throws: NuGetAssetsError.notJSONObject(file: "/\(path)")) {
            try await Self.analyze("[1, 2]", at: path)
        }
    }

    @Test func warnsWhenTheMapIsMissing() async throws {
        let result = try await Self.analyze("{\"runtimeTarget\": {}}", at: "app/App.deps.json")
        #expect(result == AnalysisResult(warnings: ["/app/App.deps.json: no 'libraries' map; no packages read."]))
    }

    @Test func makesNuGetPackageURLs() {
        let package = Self.nuget("Newtonsoft.Json", "13.0.1", at: "app/App.deps.json")
        #expect(
            PackageURLFactory.purl(for: package, operatingSystem: nil).description == "pkg:nuget/Newtonsoft.Json@13.0.1"
        )
    }
}
