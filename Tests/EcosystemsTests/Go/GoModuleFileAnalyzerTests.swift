import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct GoModuleFileAnalyzerTests {
    static let modPath = ImagePath("src/api/go.mod")
    static let sumPath = ImagePath("src/api/go.sum")

    static func summary(_ result: AnalysisResult) -> [String] { result.packages.map { "\($0.name)@\($0.version)" } }

    /// A go.mod as Go 1.22 writes it, with every directive.
    static let goMod = """
        // The API server.
        module github.com/example/api

        go 1.22.1

        toolchain go1.22.3

        godebug default=go1.21

        require (
        \tgithub.com/gin-gonic/gin v1.9.1
        \tgithub.com/google/uuid v1.6.0
        \tgolang.org/x/net v0.21.0 // indirect
        \tgithub.com/example/internal v0.0.0-00010101000000-000000000000
        \tgithub.com/pkg/errors v0.9.1
        \t"github.com/quoted/module" v1.0.0
        \tgithub.com/docker/docker v24.0.7+incompatible // indirect
        )

        require gopkg.in/yaml.v3 v3.0.1

        replace github.com/example/internal => ../internal

        replace golang.org/x/net v0.21.0 => golang.org/x/net v0.23.0

        replace (
        \tgithub.com/pkg/errors => github.com/example/errors v0.9.2-fork
        \tgithub.com/google/uuid v1.5.0 => github.com/google/uuid v1.5.1
        )

        exclude github.com/gin-gonic/gin v1.9.0

        retract (
        \tv1.0.0 // Published accidentally.
        \t[v1.0.1, v1.0.5]
        )
        """

    @Test func readsRequirementsWithReplacementsApplied() {
        let result = GoModuleFileAnalyzer.moduleResult(Array(Self.goMod.utf8), path: Self.modPath)
        #expect(
            Self.summary(result) == [
                "github.com/gin-gonic/gin@v1.9.1", "github.com/google/uuid@v1.6.0", "golang.org/x/net@v0.23.0",
                "github.com/example/errors@v0.9.2-fork", "github.com/quoted/module@v1.0.0",
                "github.com/docker/docker@v24.0.7+incompatible", "gopkg.in/yaml.v3@v3.0.1",
            ])
        #expect(result.packages.allSatisfy { $0.ecosystem == .golang && $0.path == Self.modPath && !$0.isDevelopment })
        #expect(result.warnings.isEmpty)
        #expect(!result.packages.contains { $0.name == "stdlib" || $0.name == "github.com/example/api" })
    }

    @Test func claimsTheGoSumBesideIt() async throws {
        let file = AnalyzedFile(path: Self.modPath, contents: Array("module x\nrequire a.b/c v1.0.0\n".utf8))
        #expect(try await GoModuleFileAnalyzer().analyze(file).ownedFiles == [Self.sumPath])
    }

    @Test func unreadableLinesAreOneWarning() {
        let text = "module x\nrequire (\n\ta.b/c\n\td.e/f v1.0.0\n)\n\u{1}\u{2}garbage\nreplace a => \n"
        let result = GoModuleFileAnalyzer.moduleResult(Array(text.utf8), path: Self.modPath)
        #expect(Self.summary(result) == ["d.e/f@v1.0.0"])
        #expect(
            result.warnings == [
                "/src/api/go.mod:3: a require directive without a module path and version (and 2 more lines); skipped"
            ])
    }

    @Test(
        "Splits go.mod lines into tokens",
        arguments: [
            ("require a.b/c v1.0.0 // indirect", ["require", "a.b/c", "v1.0.0"]),
            ("require(", ["require", "("]), (")", [")"]), ("// only a comment", []),
            ("replace a => b v1", ["replace", "a", "=>", "b", "v1"]),
            ("\t\"quoted path\" `raw`", ["quoted path", "raw"]),
        ])
    func tokens(line: String, expected: [String]) {
        #expect(GoModuleFileAnalyzer.tokens(of: Array(line.utf8)[...]) == expected)
    }

    static let goSum = """
        github.com/gin-gonic/gin v1.9.0 h1:OjyFBKICoexlu99ctXNR2gg+c5pKrKMuyjgARg9qeY8=
        github.com/gin-gonic/gin v1.9.0/go.mod h1:W1Me9+hsUSyj3CePGrd1/QrKJMSJ1Tu/0hFEH89961k=
        github.com/gin-gonic/gin v1.9.1 h1:4idEAncQnU5cB7BeOkPtxjfCSye0AAm1R0RVIqJ+Jmg=
        github.com/gin-gonic/gin v1.9.1/go.mod h1:hPrL7YrpYKXt5YId3A/Tnip5kqbEAP+KLuI3SUcPTeU=
        github.com/go-playground/assert/v2 v2.2.0/go.mod h1:VDjEfimB/XKnb+ZQfWdccd7VUvScMdVu0Titje2rxJ4=
        golang.org/x/net v0.21.0 h1:AQyQV4dYCvJ7vGmJyKki9+PBdyvhkSd8EIx/qb0AYv4=
        """

    @Test func readsTheModuleContentsLinesOfAGoSum() {
        let result = GoModuleFileAnalyzer.sumResult(Array(Self.goSum.utf8), path: Self.sumPath)
        #expect(
            Self.summary(result) == [
                "github.com/gin-gonic/gin@v1.9.0", "github.com/gin-gonic/gin@v1.9.1", "golang.org/x/net@v0.21.0",
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test func aDamagedGoSumLineIsAWarning() {
        let text = "a.b/c v1.0.0 h1:x=\na.b/c v1.0.0\nd.e/f v2.0.0 sha256:y\n"
        let result = GoModuleFileAnalyzer.sumResult(Array(text.utf8), path: Self.sumPath)
        #expect(Self.summary(result) == ["a.b/c@v1.0.0"])
        #expect(
            result.warnings == ["/src/api/go.sum:2: not a 'module version h1:hash' line (and 1 more lines); skipped"])
    }

    @Test(
        "Conforms to the analyzer contract for go.mod and go.sum",
        arguments: [(modPath, goMod), (sumPath, goSum)])
    func conformance(path: ImagePath, sample: String) async throws {
        try await ProjectFileConformance.check(GoModuleFileAnalyzer(), path: path, sample: sample)
    }

    @Test(
        "Finds go.mod and go.sum outside module caches, vendor folders and test data",
        arguments: [
            ("go.mod", true), ("src/api/go.sum", true), ("root/go/pkg/mod/github.com/x/y@v1.0.0/go.mod", false),
            ("src/api/vendor/github.com/x/y/go.mod", false), ("src/api/testdata/mod/go.mod", false),
            ("src/api/go.work", false), ("src/api/go.mod.orig", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(GoModuleFileAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }
}
