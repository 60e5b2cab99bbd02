import ContainerImage
import Foundation
import ReportWriters
import ScanModel
import ScannerTesting
import Testing

@testable import ScanPipeline

/// A Debian image in two layers: the base, then `apt-get install curl` that also upgrades libc6.
func debianImage(compression: Compression = .gzip) -> ImageFixture {
    let osRelease = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian

        """
    func stanza(_ name: String, _ version: String, source: String? = nil, arch: String = "amd64") -> String {
        var text = "Package: \(name)\nStatus: install ok installed\nPriority: required\nArchitecture: \(arch)\n"
        if let source { text += "Source: \(source)\n" }
        text += "Version: \(version)\nDescription: \(name)\n multi-line\n description\n\n"
        return text
    }
    var base = TarBuilder()
    base.add("etc/", .directory, mode: 0o755)
    base.add("etc/os-release", .symbolicLink("../usr/lib/os-release"))
    base.add("usr/lib/", .directory, mode: 0o755)
    base.file("usr/lib/os-release", osRelease)
    base.file("etc/debian_version", "12.4\n")
    base.add("var/lib/dpkg/", .directory, mode: 0o755)
    base.file(
        "var/lib/dpkg/status",
        stanza("base-files", "12.4+deb12u4") + stanza("libc6", "2.36-9+deb12u3", source: "glibc")
            + stanza("bash", "5.2.15-2+b2", source: "bash (5.2.15-2)")
            + "Package: removed-tool\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n\n")
    base.file("var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib/x86_64-linux-gnu/libc.so.6\n")
    base.file("root/.bash_history", "secret\n")
    var top = TarBuilder()
    top.file(
        "var/lib/dpkg/status",
        stanza("base-files", "12.4+deb12u4") + stanza("libc6", "2.36-9+deb12u4", source: "glibc")
            + stanza("bash", "5.2.15-2+b2", source: "bash (5.2.15-2)")
            + stanza("curl", "7.88.1-10+deb12u5") + stanza("tzdata", "2024a-0+deb12u1", arch: "all"))
    top.file("root/.wh..bash_history", "")
    return ImageFixture(
        layers: [
            .init(base, compression: compression, createdBy: "ADD rootfs.tar.xz /"),
            .init(top, compression: compression, createdBy: "RUN apt-get update && apt-get install -y curl"),
        ], tag: "example/debian:12")
}

func alpineImage() -> ImageFixture {
    var layer = TarBuilder()
    layer.file("etc/alpine-release", "3.19.1\n")
    layer.file(
        "etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
    layer.file(
        "lib/apk/db/installed",
        """
        C:Q1abc=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        L:MIT
        o:musl
        F:lib
        R:ld-musl-x86_64.so.1

        C:Q1def=
        P:busybox-binsh
        V:1.36.1-r15
        A:x86_64
        L:GPL-2.0-only
        o:busybox
        F:bin
        R:sh


        """)
    return ImageFixture(
        layers: [.init(layer, compression: .zstd, createdBy: "ADD alpine-minirootfs.tar.gz /")], tag: "alpine:3.19")
}

private let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_735_689_600) }

struct ImageScannerTests {
    private func scan(_ fixture: ImageFixture, layout: (ImageFixture) -> [(String, [UInt8])] = { $0.ociLayoutFiles() })
        async throws -> ScanReport
    {
        let directory = try TemporaryDirectory()
        let path = try directory.write("image.tar", ImageFixture.tar(layout(fixture)))
        var report = try await ImageScanner(clock: fixedClock).scan(ScanOptions(target: path))
        report.target.name = "image.tar"
        return report
    }

    @Test func aDebianImageHasItsPackagesAttributedToTheirLayers() async throws {
        let report = try await scan(debianImage())
        let byName = Dictionary(uniqueKeysWithValues: report.packages.map { ($0.name, $0) })
        #expect(report.packages.map(\.name) == ["base-files", "bash", "curl", "libc6", "tzdata"])
        #expect(byName["base-files"]?.layer?.index == 0)
        #expect(byName["bash"]?.layer?.index == 0)
        #expect(byName["libc6"]?.layer?.index == 1)  // upgraded in the second layer
        #expect(byName["libc6"]?.source == SourcePackage(name: "glibc", version: "2.36-9+deb12u4"))
        #expect(byName["curl"]?.layer?.createdBy == "RUN apt-get update && apt-get install -y curl")
        #expect(
            byName["libc6"]?.purl.description
                == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc")
        #expect(report.target.operatingSystem?.id == "debian")
        #expect(report.target.operatingSystem?.versionID == "12")
        #expect(report.target.operatingSystem?.codename == "bookworm")
    }

    @Test("Every layout gives the same packages", arguments: [0, 1, 2])
    func everyLayoutAgrees(layout: Int) async throws {
        let layouts: [(ImageFixture) -> [(String, [UInt8])]] = [
            { $0.ociLayoutFiles() }, { $0.classicDockerArchiveFiles() }, { $0.modernDockerArchiveFiles() },
        ]
        let fixture = debianImage(compression: .gzip)
        let reference = try await scan(fixture)
        let report = try await scan(fixture, layout: layouts[layout])
        #expect(report.packages.map(\.purl) == reference.packages.map(\.purl))
        #expect(report.packages.map { $0.layer?.diffID } == reference.packages.map { $0.layer?.diffID })
    }

    @Test func anAlpineImageWithZstdLayers() async throws {
        let report = try await scan(alpineImage())
        #expect(report.packages.map(\.name) == ["busybox-binsh", "musl"])
        #expect(report.packages.first?.source?.name == "busybox")
        #expect(
            report.packages.first?.purl.description.hasPrefix("pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64")
                == true)
        #expect(report.target.operatingSystem?.id == "alpine")
    }

    @Test("The JSON report matches its golden", arguments: ["debian-two-layers.json"])
    func jsonGolden(name: String) async throws {
        // Uncompressed layers: a gzip stream's bytes could differ with another zlib, and with them the digests.
        let report = try await scan(debianImage(compression: .none))
        let json = String(decoding: try ReportFormat.json.writer.render(report), as: UTF8.self)
        #expect(json == (try Golden.expected(json, name: name, folder: Golden.folder())))
    }

    @Test func aDistrolessImageIsRecognised() async throws {
        var layer = TarBuilder()
        layer.file(
            "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\"Distroless\"\n")
        layer.file(
            "var/lib/dpkg/status.d/libssl3",
            "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n\n")
        layer.file("var/lib/dpkg/status.d/libssl3.md5sums", "abc  usr/lib/x86_64-linux-gnu/libssl.so.3\n")
        let report = try await scan(ImageFixture(layers: [.init(layer)]))
        #expect(report.packages.map(\.name) == ["libssl3"])
        #expect(report.target.operatingSystem?.isDistroless == true)
    }

    @Test func aMalformedStatusFileIsAWarningAndAPartialResult() async throws {
        var layer = TarBuilder()
        layer.file(
            "var/lib/dpkg/status",
            "Package: good\nStatus: install ok installed\nVersion: 1\n\nPackage: broken\nStatus: install ok installed\n\n"
        )
        let report = try await scan(ImageFixture(layers: [.init(layer)]))
        #expect(report.packages.map(\.name) == ["good"])
        #expect(report.warnings.contains { $0.contains("var/lib/dpkg/status") })
    }

    /// A Debian base with a pip-installed package and a Debian-packaged Python module in a second layer.
    private func debianWithPython() -> ImageFixture {
        var fixture = debianImage()
        var app = TarBuilder()
        app.file(
            "usr/local/lib/python3.11/site-packages/requests-2.19.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.0\n")
        app.file(
            "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\n")
        app.file("var/lib/dpkg/info/python3-yaml.list", "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info\n")
        fixture.layers.append(.init(app, createdBy: "RUN pip install requests==2.19.0"))
        return fixture
    }

    @Test(
        "--package-types keeps only the selected types",
        arguments: [
            ("os", ["base-files", "bash", "curl", "libc6", "tzdata"]),
            ("pypi", ["requests"]),
            ("library", ["requests"]),
            ("deb,pypi", ["base-files", "bash", "curl", "libc6", "requests", "tzdata"]),
        ])
    func packageTypes(words: String, expected: [String]) async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("image.tar", ImageFixture.tar(debianWithPython().ociLayoutFiles()))
        let options = ScanOptions(target: path, packageTypes: try PackageTypeSelection(parsing: [words]))
        let report = try await ImageScanner(clock: fixedClock).scan(options)
        // The Debian-owned PyYAML stays out even when the dpkg packages are not reported.
        #expect(report.packages.map(\.name).sorted() == expected)
        #expect(report.target.operatingSystem?.id == "debian")
    }

    @Test func anOSOnlyScanRunsNoLanguageAnalyzer() {
        let scanner = ImageScanner()
        let options = ScanOptions(target: "x", packageTypes: try! PackageTypeSelection(parsing: ["os"]))
        let names = scanner.engine(for: options, sourceKind: "oci-layout").analyzers.map(\.identity.name)
        #expect(Set(names) == ["dpkg-status", "dpkg-file-list", "apk-database", "rpm-database", "os-release"])
    }
}
