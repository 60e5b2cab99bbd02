import BinaryFormats
import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import Ecosystems

/// Makes zlib streams (RFC 1950) of stored deflate blocks, as cargo-auditable's compressed JSON without compression.
enum StoredZlib {
    static func stream(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var chunks = stride(from: 0, to: bytes.count, by: 65_535).map { bytes[$0..<min($0 + 65_535, bytes.count)] }
        if chunks.isEmpty { chunks = [[]] }
        for (index, chunk) in chunks.enumerated() {
            output.append(index == chunks.count - 1 ? 1 : 0)
            let length = UInt16(chunk.count)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += chunk
        }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        return output + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }
}

struct CargoAuditableDependenciesTests {
    static let path = ImagePath("usr/local/bin/rg")

    static let dependencies = """
        {"packages":[{"name":"rg","version":"14.0.3","source":"local","kind":"runtime","root":true,"dependencies":[1]},
        {"name":"regex","version":"1.10.2","source":"crates.io","kind":"runtime"},
        {"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"}]}
        """
    static let expected = [
        InstalledPackage(name: "regex", version: "1.10.2", ecosystem: .cargo, path: path),
        InstalledPackage(name: "cc", version: "1.0.83", ecosystem: .cargo, path: path),
    ]

    /// The three formats' binaries, each with `section` where cargo-auditable puts `.dep-v0`: a non-allocated ELF
    /// section, a read-only PE section, a section of the Mach-O `__DATA` segment.
    static func binaries(dependencySection section: [UInt8]) -> [[UInt8]] {
        [
            ELFBuilder(sections: [
                ELFBuilder.Section(name: ".text", flags: 0x6, contents: [0x90, 0x90, 0xC3]),
                ELFBuilder.Section(name: ".dep-v0", flags: 0, contents: section),
            ]).build(),
            PEBuilder(sections: [
                .init(name: ".text", characteristics: PEBuilder.Section.code, virtualAddress: 0x1000, contents: [0xC3]),
                .init(
                    name: ".dep-v0", characteristics: PEBuilder.Section.readOnlyData, virtualAddress: 0x2000,
                    contents: section),
            ]).build(),
            GoBinaryFixture.machO(dataSections: [
                .init(name: "__data", contents: [1]), .init(name: ".dep-v0", contents: section),
            ]),
        ]
    }

    static func analyze(_ bytes: [UInt8]) async throws -> AnalysisResult {
        try await ExecutableDependencyAnalyzer().analyze(AnalyzedFile(path: path, contents: bytes, mode: 0o755))
    }

    @Test(
        "Reads the crates of the dependency section in ELF, PE and Mach-O binaries",
        arguments: binaries(dependencySection: StoredZlib.stream(Array(dependencies.utf8))))
    func readsTheCrates(binary: [UInt8]) async throws {
        let result = try await Self.analyze(binary)
        #expect(result.packages == Self.expected)
        #expect(result.warnings.isEmpty)
    }

    @Test func readsTheSectionOnlyInTheMachODataSegment() async throws {
        let section = StoredZlib.stream(Array(Self.dependencies.utf8))
        let elsewhere = MachOBuilder(segments: [
            .init(name: "__TEXT", address: 0x1000, protection: 5, sections: [.init(name: ".dep-v0", contents: section)])
        ])
        #expect(try await Self.analyze(elsewhere.build()) == AnalysisResult())
    }

    @Test func readsAGoBinaryThatAlsoCarriesCrates() async throws {
        let blob = GoBinaryFixture.inlineBlob(goVersion: "go1.21.3", moduleInfo: nil)
        let binary = GoBinaryFixture.machO(dataSections: [
            .init(name: "__go_buildinfo", contents: blob),
            .init(name: ".dep-v0", contents: StoredZlib.stream(Array(Self.dependencies.utf8))),
        ])
        let result = try await Self.analyze(binary)
        #expect(
            result.packages
                == [InstalledPackage(name: "stdlib", version: "1.21.3", ecosystem: .golang, path: Self.path)]
                + Self.expected)
    }

    @Test func readsTheFirstSliceOfAUniversalBinaryThatHasTheSection() async throws {
        let section = StoredZlib.stream(Array(Self.dependencies.utf8))
        let universal = MachOBuilder.universal([
            (0x0100_0007, GoBinaryFixture.machO(dataSections: [.init(name: "__data", contents: [1])])),
            (0x0100_000C, GoBinaryFixture.machO(dataSections: [.init(name: ".dep-v0", contents: section)])),
            (0x0100_0007, GoBinaryFixture.machO(dataSections: [.init(name: ".dep-v0", contents: section)])),
        ])
        #expect(try await Self.analyze(universal).packages == Self.expected)
    }

    @Test func ignoresBinariesWithoutTheSectionAndFilesThatAreNotExecutables() async throws {
        let plain = ELFBuilder(sections: [ELFBuilder.Section(name: ".text", contents: [0xC3])]).build()
        #expect(try await Self.analyze(plain) == AnalysisResult())
        #expect(try await Self.analyze(Array("#!/bin/sh\n".utf8)) == AnalysisResult())
    }

    @Test(
        "Warns about a damaged dependency section",
        arguments: [
            ([0x78, 0x01, 0x01, 0x05], "the stream ends early"),
            ([0x00, 0x00, 0x00, 0x00], "zlib status"),
            ([], "the stream ends early"),
        ] as [([UInt8], String)])
    func damagedSection(section: [UInt8], reason: String) async throws {
        for binary in Self.binaries(dependencySection: section) {
            let result = try await Self.analyze(binary)
            #expect(result.packages.isEmpty)
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.contains(reason) == true)
        }
    }

    @Test func warnsAboutASectionOutsideTheFile() async throws {
        let binary = Self.binaries(dependencySection: [1, 2, 3, 4])[1]
        var patched = binary
        let entry = PEBuilder().sectionTableOffset + 40  // .dep-v0
        patched.replaceSubrange((entry + 20)..<(entry + 24), with: [0x00, 0x00, 0x00, 0x7F])  // PointerToRawData
        let result = try await Self.analyze(patched)
        #expect(
            result.warnings == [
                "/usr/local/bin/rg: "
                    + "\(BinaryFormatError.sectionOutOfBounds(name: ".dep-v0", offset: 0x7F00_0000, size: 4, fileSize: binary.count))"
            ])
    }

    @Test func rejectsJSONOfAnotherShape() {
        #expect(throws: CargoError.malformedDependencyJSON) {
            try CargoAuditableDependencies.result(
                compressedDependencies: StoredZlib.stream(Array("{\"crates\":[]}".utf8)), path: Self.path)
        }
    }

    @Test func boundsTheInflatedSize() {
        let large = [UInt8](repeating: 0x20, count: CargoAuditableDependencies.maximumJSONSize + 1)
        #expect(throws: CargoError.dependenciesTooLarge(limit: CargoAuditableDependencies.maximumJSONSize)) {
            try CargoAuditableDependencies.result(compressedDependencies: StoredZlib.stream(large), path: Self.path)
        }
    }

    @Test func keepsTheAnalyzerContract() async {
        let section = StoredZlib.stream(Array(Self.dependencies.utf8))
        let samples = Self.binaries(dependencySection: section).map {
            AnalyzedFile(path: Self.path, contents: $0, mode: 0o755)
        }
        #expect(await AnalyzerConformance.violations(of: ExecutableDependencyAnalyzer(), samples: samples) == [])
    }
}
