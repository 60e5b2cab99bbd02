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

struct CargoAuditableBinaryAnalyzerTests {
    static let path = ImagePath("usr/local/bin/rg")

    static let dependencies = """
        {"packages":[{"name":"rg","version":"14.0.3","source":"local","kind":"runtime","root":true,"dependencies":[1]},
        {"name":"regex","version":"1.10.2","source":"crates.io","kind":"runtime"},
        {"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"}]}
        """

    static func binary(dependencySection: [UInt8]) -> [UInt8] {
        ELFBuilder(sections: [
            ELFBuilder.Section(name: ".text", flags: 0x6, contents: [0x90, 0x90, 0xC3]),
            ELFBuilder.Section(name: ".dep-v0", flags: 0, contents: dependencySection),
        ]).build()
    }

    static func analyze(_ bytes: [UInt8]) async throws -> AnalysisResult {
        try await CargoAuditableBinaryAnalyzer().analyze(AnalyzedFile(path: path, contents: bytes, mode: 0o755))
    }

    @Test func readsTheCratesOfTheDependencySection() async throws {
        let result = try await Self.analyze(
            Self.binary(dependencySection: StoredZlib.stream(Array(Self.dependencies.utf8))))
        #expect(
            result.packages == [
                InstalledPackage(name: "regex", version: "1.10.2", ecosystem: .cargo, path: Self.path),
                InstalledPackage(name: "cc", version: "1.0.83", ecosystem: .cargo, path: Self.path),
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test func ignoresBinariesWithoutTheSectionAndFilesThatAreNotELF() async throws {
        let plain = ELFBuilder(sections: [ELFBuilder.Section(name: ".text", contents: [0xC3])]).build()
        #expect(try await Self.analyze(plain) == AnalysisResult())
        #expect(try await Self.analyze(Array("#!/bin/sh\n".utf8)) == AnalysisResult())
    }

    @Test(
        "Warns about a damaged dependency section",
        arguments: [
            ([0x78, 0x01, 0x01, 0x05], "the stream ends early"),
            ([0x00, 0x00, 0x00, 0x00], "zlib status"),
        ] as [([UInt8], String)])
    func damagedSection(section: [UInt8], reason: String) async throws {
        let result = try await Self.analyze(Self.binary(dependencySection: section))
        #expect(result.packages.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains(reason) == true)
    }

    @Test func rejectsJSONOfAnotherShape() {
        #expect(throws: CargoError.malformedDependencyJSON) {
            try CargoAuditableBinaryAnalyzer.result(
                compressedDependencies: StoredZlib.stream(Array("{\"crates\":[]}".utf8)), path: Self.path)
        }
    }

    @Test func boundsTheInflatedSize() {
        let large = [UInt8](repeating: 0x20, count: CargoAuditableBinaryAnalyzer.maximumDependencyJSONSize + 1)
        #expect(throws: CargoError.dependenciesTooLarge(limit: CargoAuditableBinaryAnalyzer.maximumDependencyJSONSize))
        {
            try CargoAuditableBinaryAnalyzer.result(compressedDependencies: StoredZlib.stream(large), path: Self.path)
        }
    }

    @Test func choosesExecutablesAsTheGoBinaryAnalyzerDoes() {
        #expect(CargoAuditableBinaryAnalyzer().isInterested(in: ImagePath("usr/bin/rg")))
        #expect(!CargoAuditableBinaryAnalyzer().isInterested(in: ImagePath("usr/lib/libfoo.so")))
    }
}
