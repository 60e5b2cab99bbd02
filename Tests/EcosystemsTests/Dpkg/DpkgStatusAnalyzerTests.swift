import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct DpkgStatusAnalyzerTests {
    static let statusPath = ImagePath("var/lib/dpkg/status")

    /// Excerpt of a Debian 12 status file: multi-arch libc6, the three `Source:` forms, a removed package with
    /// its configuration left, a purged one, and multi-line fields.
    static let bookwormStatus = """
        Package: libc6
        Status: install ok installed
        Priority: optional
        Section: libs
        Installed-Size: 12986
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u4
        Depends: libgcc-s1
        Recommends: libidn2-0 (>= 2.0.5~)
        Conffiles:
         /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71a0cfab
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system. This package includes shared versions of the standard C library
         and the standard math library, as well as many others.
        Homepage: https://www.gnu.org/software/libc/libc.html

        Package: libc6
        Status: install ok installed
        Priority: optional
        Section: libs
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: i386
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u4
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.

        Package: libssl3
        Status: install ok installed
        Priority: optional
        Section: libs
        Installed-Size: 6160
        Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
        Architecture: amd64
        Multi-Arch: same
        Source: openssl
        Version: 3.0.11-1~deb12u2
        Depends: libc6 (>= 2.34)
        Description: Secure Sockets Layer toolkit - shared libraries
         This package is part of the OpenSSL project's implementation of the SSL
         and TLS cryptographic protocols for secure communication over the
         Internet.
         .
         It provides the libssl and libcrypto shared libraries.
        Homepage: https://www.openssl.org/

        Package: libgnutls30
        Status: install ok installed
        Priority: optional
        Section: libs
        Maintainer: Debian GnuTLS Maintainers <pkg-gnutls-maint@lists.alioth.debian.org>
        Architecture: amd64
        Multi-Arch: same
        Source: gnutls28 (3.7.9-2)
        Version: 3.7.9-2+b1
        Description: GNU TLS library - main runtime library

        Package: bash
        Essential: yes
        Status: install ok installed
        Priority: required
        Section: shells
        Maintainer: Matthias Klose <doko@debian.org>
        Architecture: amd64
        Multi-Arch: foreign
        Version: 5.2.15-2+b2
        Description: GNU Bourne Again SHell

        Package: vim-tiny
        Status: deinstall ok config-files
        Priority: important
        Section: editors
        Architecture: amd64
        Source: vim
        Version: 2:9.0.1378-2
        Conffiles:
         /etc/vim/vimrc.tiny 5b9b9e2c4d6b1ec7e5ab4b5e7b5d2c1f

        Package: nano
        Status: purge ok not-installed
        Priority: important
        Section: editors
        Architecture: amd64

        Package: tzdata
        Status: install ok installed
        Priority: required
        Section: localization
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: all
        Multi-Arch: foreign
        Version: 2024a-0+deb12u1
        Description: time zone and daylight-saving time data

        """

    @Test func readsInstalledPackagesInFileOrder() throws {
        let status = try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)
        #expect(status.packages.map(\.name) == ["libc6", "libc6", "libssl3", "libgnutls30", "bash", "tzdata"])
        #expect(status.problems.isEmpty)
    }

    @Test func keepsBothArchitecturesOfAMultiArchPackage() throws {
        let status = try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)
        let libc = status.packages.filter { $0.name == "libc6" }
        #expect(libc.map(\.architecture) == ["amd64", "i386"])
        #expect(Set(libc.map(\.identityKey)).count == 2)
    }

    @Test func recordsEveryFieldOfAnInstalledPackage() throws {
        let status = try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)
        let libssl = try #require(status.packages.first { $0.name == "libssl3" })
        #expect(
            libssl
                == InstalledPackage(
                    name: "libssl3", version: "3.0.11-1~deb12u2", ecosystem: .dpkg, sourceName: "openssl",
                    sourceVersion: "3.0.11-1~deb12u2", architecture: "amd64", path: Self.statusPath))
    }

    @Test(
        "Reads the three forms of Source",
        arguments: [
            ("libssl3", "openssl", "3.0.11-1~deb12u2"),  // `Source: openssl`: the binary's version.
            ("libgnutls30", "gnutls28", "3.7.9-2"),  // `Source: gnutls28 (3.7.9-2)`: a binNMU.
        ])
    func readsSource(package name: String, sourceName: String, sourceVersion: String) throws {
        let status = try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)
        let package = try #require(status.packages.first { $0.name == name })
        #expect(package.sourceName == sourceName)
        #expect(package.sourceVersion == sourceVersion)
    }

    @Test func leavesSourceEmptyWhenTheStanzaHasNone() throws {
        let status = try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)
        let bash = try #require(status.packages.first { $0.name == "bash" })
        #expect(bash.sourceName == nil)
        #expect(bash.sourceVersion == nil)
        #expect(bash.licenses.isEmpty)
    }

    @Test func readsCRLFLineEndingsLikeLF() throws {
        let crlf = Self.bookwormStatus.split(separator: "\n", omittingEmptySubsequences: false).joined(
            separator: "\r\n")
        let status = try DpkgStatusAnalyzer.parse(crlf, path: Self.statusPath)
        #expect(status == (try DpkgStatusAnalyzer.parse(Self.bookwormStatus, path: Self.statusPath)))
    }

    @Test func skipsAStanzaWithoutVersionAndNamesWhereItEnds() throws {
        let text = """
            Package: broken
            Status: install ok installed
            Architecture: amd64

            Package: zlib1g
            Status: install ok installed
            Architecture: amd64
            Source: zlib
            Version: 1:1.2.13.dfsg-1

            """
        let status = try DpkgStatusAnalyzer.parse(text, path: Self.statusPath)
        #expect(status.packages.map(\.name) == ["zlib1g"])
        #expect(status.packages.first?.version == "1:1.2.13.dfsg-1")
        #expect(status.problems == [.missingVersion(package: "broken", line: 4)])
    }

    @Test func skipsAStanzaWithoutPackage() throws {
        let text = "Version: 1.0\nStatus: install ok installed\n\nPackage: a\nVersion: 2\n"
        let status = try DpkgStatusAnalyzer.parse(text, path: Self.statusPath)
        #expect(status.packages.map(\.name) == ["a"])
        #expect(status.problems == [.missingPackageName(line: 3)])
    }

    @Test func reportsLinesItCannotReadAndKeepsTheRest() throws {
        let text = """
             orphan continuation
            Package: a
            Version: 1
            this line has no colon
            Version: 2

            """
        let status = try DpkgStatusAnalyzer.parse(text, path: Self.statusPath)
        #expect(status.packages.map(\.version) == ["1"])
        #expect(
            status.problems == [
                .orphanContinuation(line: 1), .malformedLine(line: 4), .duplicateField(name: "version", line: 5),
            ])
    }

    @Test func keepsAPackageWithAnUnreadableStatusAndSaysSo() throws {
        let status = try DpkgStatusAnalyzer.parse("Package: a\nStatus: installed\nVersion: 1\n", path: Self.statusPath)
        #expect(status.packages.map(\.name) == ["a"])
        #expect(status.problems == [.unreadableStatus(package: "a", status: "installed", line: 2)])
    }

    @Test func throwsWhenNoStanzaCanBeRead() {
        #expect(throws: DpkgDatabaseError.missingVersion(package: "libc6", line: 3)) {
            try DpkgStatusAnalyzer.parse("Package: libc6\nStatus: install ok installed\n\n", path: Self.statusPath)
        }
    }

    @Test func readsAnEmptyDatabaseAsNoPackages() throws {
        #expect(try DpkgStatusAnalyzer.parse("", path: Self.statusPath) == DpkgStatus())
        #expect(try DpkgStatusAnalyzer.parse("\n\n", path: Self.statusPath) == DpkgStatus())
    }

    @Test(
        "Keeps packages whose files are on disk",
        arguments: [
            ("install ok installed", DpkgStatusAnalyzer.InstallationState.installed),
            ("hold ok installed", .installed),
            ("install ok unpacked", .installed),
            ("install ok half-configured", .installed),
            ("install ok triggers-pending", .installed),
            ("deinstall ok config-files", .notInstalled),
            ("purge ok not-installed", .notInstalled),
            ("install reinstreq half-installed", .notInstalled),
            ("installed", .unreadable),
            ("install ok exploded", .unreadable),
        ])
    func installationState(status: String, expected: DpkgStatusAnalyzer.InstallationState) {
        #expect(DpkgStatusAnalyzer.installationState(status) == expected)
    }

    @Test(
        "Splits Source into name and version",
        arguments: [
            ("openssl", "openssl", nil),
            ("gnutls28 (3.7.9-2)", "gnutls28", "3.7.9-2"),
            ("  glibc   ( 2.36-9+deb12u4 ) ", "glibc", "2.36-9+deb12u4"),
            ("shadow (1:4.13+dfsg1-1)", "shadow", "1:4.13+dfsg1-1"),
            ("pam ()", "pam", nil),
        ] as [(String, String, String?)])
    func sourceField(text: String, name: String, version: String?) throws {
        let parsed = try #require(DpkgStatusAnalyzer.parseSource(text))
        #expect(parsed.name == name)
        #expect(parsed.version == version)
    }

    @Test func distrolessStatusFilesHaveNoStatusAndCountAsInstalled() async throws {
        let path = ImagePath("var/lib/dpkg/status.d/libssl3")
        let text = """
            Package: libssl3
            Version: 3.0.11-1~deb12u2
            Architecture: amd64
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Installed-Size: 6160
            Depends: libc6 (>= 2.34)
            Section: libs
            Priority: optional
            Multi-Arch: same
            Homepage: https://www.openssl.org/
            Source: openssl
            Description: Secure Sockets Layer toolkit - shared libraries
             This package is part of the OpenSSL project's implementation of the SSL
             and TLS cryptographic protocols for secure communication over the
             Internet.

            """
        let result = try await DpkgStatusAnalyzer().analyze(AnalyzedFile(path: path, contents: Array(text.utf8)))
        #expect(result.packages.map(\.name) == ["libssl3"])
        #expect(result.packages.first?.path == path)
        #expect(result.warnings.isEmpty)
        #expect(DpkgStatusAnalyzer.isDistrolessStatusFile(path))
        #expect(!DpkgStatusAnalyzer.isDistrolessStatusFile(Self.statusPath))
    }

    @Test func aDistrolessFileMayHoldSeveralStanzas() throws {
        let text =
            "Package: libgcc-s1\nVersion: 12.2.0-14\nSource: gcc-12\n\nPackage: gcc-12-base\nVersion: 12.2.0-14\nSource: gcc-12\n"
        let status = try DpkgStatusAnalyzer.parse(text, path: ImagePath("var/lib/dpkg/status.d/libgcc1"))
        #expect(status.packages.map(\.name) == ["libgcc-s1", "gcc-12-base"])
    }

    @Test func warningsNameTheFileAndTheLine() async throws {
        let text = "Package: a\nVersion: 1\n\nPackage: b\n"
        let result = try await DpkgStatusAnalyzer().analyze(
            AnalyzedFile(path: Self.statusPath, contents: Array(text.utf8)))
        #expect(
            result.warnings == [
                "/var/lib/dpkg/status: line 5: the stanza for 'b' ending here has no Version field; skipped it."
            ])
    }

    @Test(
        "Is interested in the status file and distroless status.d files only",
        arguments: [
            ("var/lib/dpkg/status", true),
            ("/var/lib/dpkg/status", true),
            ("var/lib/dpkg/status.d/libssl3", true),
            ("var/lib/dpkg/status.d/base-files", true),
            ("var/lib/dpkg/status.d/libssl3.md5sums", false),
            ("var/lib/dpkg/status-old", false),
            ("var/lib/dpkg/available", false),
            ("var/lib/dpkg/info/libssl3:amd64.list", false),
            ("usr/var/lib/dpkg/status", false),
            ("var/lib/dpkg/status.d/nested/libssl3", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(DpkgStatusAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test func readsALargeDatabaseInOnePass() throws {
        let stanzas = (0..<20_000).map { index in
            """
            Package: package-\(index)
            Status: install ok installed
            Architecture: amd64
            Version: 1.\(index)-1
            Description: a package
             with a description
             over several lines.
            """
        }
        let clock = ContinuousClock()
        var status = DpkgStatus()
        let elapsed = try clock.measure {
            status = try DpkgStatusAnalyzer.parse(stanzas.joined(separator: "\n\n"), path: Self.statusPath)
        }
        #expect(status.packages.count == 20_000)
        #expect(status.packages.last?.version == "1.19999-1")
        // Linear time takes well under a second even in a debug build; a quadratic parser takes minutes.
        #expect(elapsed < .seconds(20))
    }
}
