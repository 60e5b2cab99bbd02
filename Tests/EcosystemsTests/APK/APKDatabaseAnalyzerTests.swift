import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct APKDatabaseAnalyzerTests {
    static let databasePath = ImagePath("lib/apk/db/installed")

    /// Excerpt of an Alpine 3.19 installed database.
    static let alpineDatabase = """
        C:Q1yB3CVEbHEKCZ4JdZ0ZTF6x3ZGdo=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        S:407278
        I:667648
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Natanael Copa <ncopa@alpinelinux.org>
        t:1701275009
        c:0a92b5ab2c0d3c8c6e0c4b5d5a8f2a6a6e1f4b1a
        p:so:libc.musl-x86_64.so.1=1
        F:lib
        R:ld-musl-x86_64.so.1
        a:0:0:755
        Z:Q1R2yJ5n4JzFyl7QqOq3vM3JrFdEM=
        R:libc.musl-x86_64.so.1
        a:0:0:777
        Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=

        C:Q1ezmoqMo9FVnHfbJ7wX7FvLbJ6o0=
        P:busybox
        V:1.36.1-r15
        A:x86_64
        S:516243
        I:959488
        T:Size optimized toolbox of many common UNIX utilities
        U:https://busybox.net/
        L:GPL-2.0-only
        o:busybox
        D:so:libc.musl-x86_64.so.1
        F:bin
        R:busybox
        a:0:0:755
        F:etc
        R:securetty
        R:udhcpd.conf
        F:etc/logrotate.d
        R:acpid

        C:Q1hl8xYr3Wu1+b/5WkRa79g6sNGQ4=
        P:libcrypto3
        V:3.1.4-r5
        A:x86_64
        L:Apache-2.0
        o:openssl
        F:usr
        F:usr/lib
        R:libcrypto.so.3
        F:usr/lib/engines-3
        R:afalg.so

        C:Q1Zb0nz0Xx6QtIlSIfyJw1d0e+Y0s=
        P:ca-certificates-bundle
        V:20240226-r0
        A:x86_64
        L:MPL-2.0 AND MIT
        o:ca-certificates

        """

    @Test func readsEveryPackageInTheInstalledDatabase() async throws {
        let file = AnalyzedFile(path: Self.databasePath, contents: Array(Self.alpineDatabase.utf8))
        let result = try await APKDatabaseAnalyzer().analyze(file)
        #expect(result.packages.map(\.name) == ["musl", "busybox", "libcrypto3", "ca-certificates-bundle"])
        #expect(result.warnings.isEmpty)
    }

    @Test func recordsNameVersionArchitectureOriginAndLicense() throws {
        let database = try APKDatabaseAnalyzer.parse(Self.alpineDatabase, path: Self.databasePath)
        let libcrypto = try #require(database.packages.first { $0.name == "libcrypto3" })
        #expect(
            libcrypto
                == InstalledPackage(
                    name: "libcrypto3", version: "3.1.4-r5", ecosystem: .apk, sourceName: "openssl",
                    architecture: "x86_64", licenses: ["Apache-2.0"], path: Self.databasePath))
        #expect(database.packages.last?.licenses == ["MPL-2.0 AND MIT"])
    }

    @Test func joinsEachFileToTheFolderBeforeIt() throws {
        let database = try APKDatabaseAnalyzer.parse(Self.alpineDatabase, path: Self.databasePath)
        #expect(
            database.ownedFiles
                == [
                    "lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1", "bin/busybox", "etc/securetty",
                    "etc/udhcpd.conf", "etc/logrotate.d/acpid", "usr/lib/libcrypto.so.3", "usr/lib/engines-3/afalg.so",
                ].map(ImagePath.init))
    }

    @Test func reportsTheLineOfATruncatedRecord() {
        #expect(throws: APKDatabaseError.missingVersion(package: "musl", line: 2)) {
            try APKDatabaseAnalyzer.parse("P:musl\n\n", path: Self.databasePath)
        }
    }

    @Test func skipsMalformedRecordsAndReadsTheRest() throws {
        let text = """
            P:broken
            A:x86_64

            V:1.0-r0
            A:x86_64

            P:zlib
            V:1.3.1-r0
            garbage line
            o:zlib

            """
        let database = try APKDatabaseAnalyzer.parse(text, path: Self.databasePath)
        #expect(database.packages.map(\.name) == ["zlib"])
        #expect(database.packages.first?.sourceName == "zlib")
        #expect(
            database.problems == [
                .missingVersion(package: "broken", line: 3), .missingName(line: 6), .malformedLine(line: 9),
            ])
    }

    @Test func startsANewRecordWhenTheBlankLineIsMissing() throws {
        let text = "P:musl\nV:1.2.4-r2\nP:busybox\nV:1.36.1-r15\n"
        let database = try APKDatabaseAnalyzer.parse(text, path: Self.databasePath)
        #expect(database.packages.map(\.name) == ["musl", "busybox"])
        #expect(database.problems == [.missingRecordSeparator(line: 3)])
    }

    @Test func readsCRLFLineEndingsLikeLF() throws {
        let crlf = Self.alpineDatabase.split(separator: "\n", omittingEmptySubsequences: false).joined(
            separator: "\r\n")
        #expect(
            try APKDatabaseAnalyzer.parse(crlf, path: Self.databasePath)
                == APKDatabaseAnalyzer.parse(Self.alpineDatabase, path: Self.databasePath))
    }

    @Test func readsAFileWithoutATrailingNewline() throws {
        let database = try APKDatabaseAnalyzer.parse("P:musl\nV:1.2.4-r2\nA:aarch64", path: Self.databasePath)
        #expect(database.packages.map(\.architecture) == ["aarch64"])
    }

    @Test func readsAnEmptyDatabaseAsNoPackages() throws {
        #expect(try APKDatabaseAnalyzer.parse("", path: Self.databasePath) == APKDatabase())
    }

    @Test func warningsNameTheFileAndTheLine() async throws {
        let text = "P:musl\nV:1.2.4-r2\n\nP:busybox\n"
        let result = try await APKDatabaseAnalyzer().analyze(
            AnalyzedFile(path: ImagePath("usr/lib/apk/db/installed"), contents: Array(text.utf8)))
        #expect(
            result.warnings == [
                "/usr/lib/apk/db/installed: line 5: the record for 'busybox' ending here has no version (V:); skipped it."
            ])
        #expect(result.packages.first?.path == ImagePath("usr/lib/apk/db/installed"))
    }

    @Test(
        "Is interested in the installed database only",
        arguments: [
            ("lib/apk/db/installed", true),
            ("usr/lib/apk/db/installed", true),
            ("lib/apk/db/triggers", false),
            ("lib/apk/db/scripts.tar", false),
            ("var/lib/apk/db/installed", false),
            ("installed", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(APKDatabaseAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test func theEcosystemsAreRegistered() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.dpkg))
        #expect(EcosystemCatalog.all.map(\.id).contains(.apk))
        let names = Set(EcosystemCatalog.analyzers.map(\.identity.name))
        #expect(names.isSuperset(of: ["dpkg-status", "dpkg-file-list", "apk-database", "os-release"]))
    }
}
