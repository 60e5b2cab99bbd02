import ContainerImage
import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import ScanPipeline

/// A small project checked out on disk: a Python service, a Go API, and a web front end.
private let sourceTree: [(String, String)] = [
    (
        "requirements.txt",
        """
        # Production requirements.
        flask==3.0.2 \\
            --hash=sha256:3232e0e9c850d781933cf0207523d1ece087eb8d87b23777ae38456e2fbe7c6e
        requests>=2.31
        -r requirements/base.txt
        """
    ),
    ("requirements/base.txt", "itsdangerous==2.1.2\n"),
    (
        "poetry.lock",
        """
        [[package]]
        name = "flask"
        version = "3.0.2"
        category = "main"
        optional = false
        python-versions = ">=3.8"

        [[package]]
        name = "pytest"
        version = "8.1.1"
        category = "dev"
        optional = false
        python-versions = ">=3.8"

        [metadata]
        lock-version = "1.1"
        python-versions = "^3.11"
        content-hash = "0a1b"
        """
    ),
    (
        "api/go.mod",
        """
        module github.com/example/shop/api

        go 1.22

        require (
        \tgithub.com/gin-gonic/gin v1.9.1
        \tgolang.org/x/net v0.21.0 // indirect
        )

        replace golang.org/x/net => golang.org/x/net v0.23.0
        """
    ),
    (
        "api/go.sum",
        """
        github.com/gin-gonic/gin v1.9.0 h1:OjyFBKICoexlu99ctXNR2gg+c5pKrKMuyjgARg9qeY8=
        github.com/gin-gonic/gin v1.9.1 h1:4idEAncQnU5cB7BeOkPtxjfCSye0AAm1R0RVIqJ+Jmg=
        golang.org/x/net v0.21.0 h1:AQyQV4dYCvJ7vGmJyKki9+PBdyvhkSd8EIx/qb0AYv4=
        golang.org/x/net v0.23.0 h1:7EYJ93RZ9vYSZAIb2x3lnuvqO5zneoD6IvWjuhfxjTs=
        """
    ),
    (
        "tools/go.sum",
        """
        golang.org/x/tools v0.19.0 h1:tfGCXNR1OsFG+sVdLAitlpjAvD/I6dHDKnYrpEZUHkw=
        golang.org/x/tools v0.19.0/go.mod h1:qoJWxmGSIBmAeriMx19ogtrEPrGtDbPK634QFIcLAhc=
        golang.org/x/mod v0.16.0/go.mod h1:hTbmBsO62+eylJbnUtE2MGJUyE7QWk4xUqPFrRgJ+7c=
        """
    ),
    (
        "web/package-lock.json",
        """
        {
          "name": "web", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": { "name": "web", "version": "1.0.0" },
            "node_modules/react": { "version": "18.2.0", "license": "MIT" },
            "node_modules/jest": { "version": "29.7.0", "dev": true }
          }
        }
        """
    ),
    // Files of installed dependencies, which describe those dependencies' own projects.
    (".venv/lib/python3.12/site-packages/somelib/requirements.txt", "numpy==1.26.4\n"),
    ("web/node_modules/left-pad/requirements.txt", "six==1.16.0\n"),
    ("vendor/github.com/x/y/go.mod", "module github.com/x/y\nrequire github.com/z/z v1.0.0\n"),
]

private func summary(_ report: ScanReport, _ types: Set<EcosystemID>) -> [String] {
    report.packages.filter { types.contains($0.type) }.map {
        "\($0.type.rawValue):\($0.name)@\($0.version)" + ($0.isDevelopment ? " (dev)" : "")
    }
}

struct SourceTreeScanTests {
    @Test func aSourceTreeScanReadsProjectFilesAndMarksDevelopmentPackages() async throws {
        let directory = try TemporaryDirectory()
        for (path, text) in sourceTree { try directory.write(path, Array(text.utf8)) }
        let report = try await ImageScanner().scan(ScanOptions(target: "dir:" + directory.path))
        let expected = [
            "golang:github.com/gin-gonic/gin@v1.9.1", "golang:golang.org/x/net@v0.23.0",
            "golang:golang.org/x/tools@v0.19.0", "npm:jest@29.7.0 (dev)", "npm:react@18.2.0", "pypi:flask@3.0.2",
            "pypi:itsdangerous@2.1.2", "pypi:pytest@8.1.1 (dev)",
        ]
        #expect(summary(report, [.pypi, .golang, .npm]).sorted() == expected)
        let flask = try #require(report.packages.first { $0.name == "flask" })
        // One package, found in both files: production, since requirements.txt carries no mark and poetry says main.
        #expect(flask.paths == [ImagePath("poetry.lock"), ImagePath("requirements.txt")])
        #expect(flask.purl.description == "pkg:pypi/flask@3.0.2")
        let tools = try #require(report.packages.first { $0.name == "golang.org/x/tools" })
        #expect(tools.paths == [ImagePath("tools/go.sum")])
        #expect(tools.purl.description == "pkg:golang/golang.org/x/tools@v0.19.0")
        #expect(report.warnings.isEmpty)
    }

    @Test func theSameFilesInAnImageAreNotReadByTheSourceTreeAnalyzers() async throws {
        var layer = TarBuilder()
        for (path, text) in sourceTree { layer.file("srv/app/" + path, text) }
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "image.tar", ImageFixture.tar(ImageFixture(layers: [.init(layer)]).ociLayoutFiles()))
        let report = try await ImageScanner().scan(ScanOptions(target: path))
        #expect(summary(report, [.pypi, .golang]).isEmpty)
        // package-lock.json is read in images too, by the image analyzer.
        #expect(summary(report, [.npm]) == ["npm:jest@29.7.0 (dev)", "npm:react@18.2.0"])
    }
}
