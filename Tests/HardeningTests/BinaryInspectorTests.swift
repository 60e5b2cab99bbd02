import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import Hardening

struct BinaryInspectorTests {
    /// A 64-bit little-endian ELF file with a load segment, and optionally a GNU stack, a RELRO and a dynamic
    /// segment whose entries are given.
    static func elf(
        fileType: UInt16, stackFlags: UInt32?, relro: Bool, dynamic: [(Int64, UInt64)]?
    ) -> [UInt8] {
        var sections = [ELFBuilder.Section(name: ".text", flags: 0x6, address: 0x1000, contents: [0xC3])]
        var segments = [ELFBuilder.Segment(flags: 5, sections: [".text"])]
        if let dynamic {
            var writer = ByteWriter(isBigEndian: false)
            for (tag, value) in dynamic + [(0, 0)] {
                writer.u64(UInt64(bitPattern: tag))
                writer.u64(value)
            }
            sections.append(
                ELFBuilder.Section(name: ".dynamic", type: 6, flags: 0x3, address: 0x2000, contents: writer.bytes))
            segments.append(ELFBuilder.Segment(type: 2, flags: 6, sections: [".dynamic"]))
            if relro { segments.append(ELFBuilder.Segment(type: 0x6474_e552, flags: 4, sections: [".dynamic"])) }
        }
        if let stackFlags {
            segments.append(ELFBuilder.Segment(type: 0x6474_e551, flags: stackFlags, sections: [".text"]))
        }
        var builder = ELFBuilder(sections: sections, segments: segments)
        builder.fileType = fileType
        return builder.build()
    }

    private func rules(_ bytes: [UInt8]) throws -> [String] {
        try BinaryInspector.findings(in: bytes, path: ImagePath("usr/bin/app"), layer: nil).map(\.ruleID).sorted()
    }

    @Test func hardenedPIEHasNoFindings() throws {
        let bytes = Self.elf(fileType: 3, stackFlags: 6, relro: true, dynamic: [(24, 0), (30, 0x8)])
        #expect(try rules(bytes) == [])
    }

    @Test func fixedAddressExecutableIsNotPIE() throws {
        let bytes = Self.elf(fileType: 2, stackFlags: 6, relro: true, dynamic: [(30, 0x8)])
        #expect(try rules(bytes) == [BinaryRule.noPIE.id])
    }

    @Test("Executable stack", arguments: [UInt32(7), nil])
    func executableStack(flags: UInt32?) throws {
        let bytes = Self.elf(fileType: 3, stackFlags: flags, relro: true, dynamic: [(0x6fff_fffb, 0x1)])
        #expect(try rules(bytes) == [BinaryRule.executableStack.id])
    }

    @Test func relroWithoutBindNowIsPartial() throws {
        let bytes = Self.elf(fileType: 3, stackFlags: 6, relro: true, dynamic: [(1, 5)])
        #expect(try rules(bytes) == [BinaryRule.partialRELRO.id])
    }

    @Test func noRELROSegmentIsReported() throws {
        let bytes = Self.elf(fileType: 3, stackFlags: 6, relro: false, dynamic: [(24, 0)])
        #expect(try rules(bytes) == [BinaryRule.noRELRO.id])
    }

    @Test func staticExecutablesAreNotCheckedForRELRO() throws {
        let bytes = Self.elf(fileType: 2, stackFlags: 6, relro: false, dynamic: nil)
        #expect(try rules(bytes) == [BinaryRule.noPIE.id])
    }

    @Test func peWithoutASLRAndDEPIsReported() throws {
        var bytes = PEBuilder().build()
        // DllCharacteristics sits 70 bytes into the optional header, after the signature and the file header.
        let offset = PEBuilder.signatureOffset + 4 + 20 + 70
        bytes[offset] = 0x00
        bytes[offset + 1] = 0x00
        #expect(try rules(bytes) == [BinaryRule.peNoASLR.id, BinaryRule.peNoDEP.id])
        bytes[offset] = 0x40
        #expect(try rules(bytes) == [BinaryRule.peNoDEP.id])
        bytes[offset + 1] = 0x01
        #expect(try rules(bytes) == [])
    }

    @Test func filesInNoExecutableFormatGiveNothing() throws {
        #expect(try rules(Array("#!/bin/sh\necho hi\n".utf8)) == [])
    }

    @Test(
        "Shared objects in library folders",
        arguments: [
            ("usr/lib/x86_64-linux-gnu/libssl.so.3", true), ("lib/libc.so.6", true), ("usr/lib/libfoo.so", true),
            ("usr/share/doc/libfoo.so.txt", false), ("app/lib/notes.sop", false), ("srv/data.so", false),
        ])
    func sharedObjects(path: String, isInterested: Bool) {
        let analyzer = BinaryHardeningAnalyzer(isExecutablePath: { _ in false })
        #expect(analyzer.isInterested(in: ImagePath(path)) == isInterested)
    }

    static let systemBinaries: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/bin")) ?? []
        return names.sorted().map { "/usr/bin/" + $0 }.filter { path in
            guard let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 4)).map { Array($0) == [0x7F, 0x45, 0x4C, 0x46] } ?? false
        }
    }()

    @Test(.enabled(if: systemBinaries.count >= 20, "needs a Debian-like /usr/bin"))
    func debianBinariesAreMostlyHardened() throws {
        var checked = 0
        var weak = 0
        for path in Self.systemBinaries.prefix(300) {
            guard let data = FileManager.default.contents(atPath: path), data.count < 64 << 20 else { continue }
            let findings = try BinaryInspector.findings(in: Array(data), path: ImagePath(path), layer: nil)
            checked += 1
            let basics: Set<String> = [BinaryRule.noPIE.id, BinaryRule.executableStack.id, BinaryRule.noRELRO.id]
            if findings.contains(where: { basics.contains($0.ruleID) }) { weak += 1 }
        }
        #expect(checked >= 20)
        #expect(weak * 5 < checked, "\(weak) of \(checked) binaries lack PIE, NX or RELRO")
    }
}
