import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct DpkgFileListAnalyzerTests {
    @Test func readsTheOwnedPathsOfAListFile() async throws {
        let text = "/.\n/etc\n/etc/ssl\n/usr/lib/x86_64-linux-gnu/libssl.so.3\n/usr/share/doc/libssl3/changelog.gz\n"
        let file = AnalyzedFile(path: ImagePath("var/lib/dpkg/info/libssl3:amd64.list"), contents: Array(text.utf8))
        let result = try await DpkgFileListAnalyzer().analyze(file)
        #expect(
            result.ownedFiles == [
                ImagePath("etc"), ImagePath("etc/ssl"), ImagePath("usr/lib/x86_64-linux-gnu/libssl.so.3"),
                ImagePath("usr/share/doc/libssl3/changelog.gz"),
            ])
        #expect(result.packages.isEmpty)
    }

    @Test func keepsSpacesInPathsAndDropsCarriageReturns() {
        let text = "/usr/share/fonts/Font Name.ttf\r\n\r\n/usr/bin/tool\r\n"
        #expect(
            DpkgFileListAnalyzer.parseFileList(Array(text.utf8)) == [
                ImagePath("usr/share/fonts/Font Name.ttf"), ImagePath("usr/bin/tool"),
            ])
    }

    @Test func readsDistrolessChecksumLists() async throws {
        let text = """
            0bbe3f2e4fbb1f5a0f7d0c3bd6d1f0ae  usr/lib/x86_64-linux-gnu/libssl.so.3
            4a1cbd3c0ab0c0e2d8b9f1b3c6a3b5f1 *usr/lib/x86_64-linux-gnu/libcrypto.so.3
            d41d8cd98f00b204e9800998ecf8427e  usr/share/doc/libssl3/copyright

            """
        let file = AnalyzedFile(path: ImagePath("var/lib/dpkg/status.d/libssl3.md5sums"), contents: Array(text.utf8))
        let result = try await DpkgFileListAnalyzer().analyze(file)
        #expect(
            result.ownedFiles == [
                ImagePath("usr/lib/x86_64-linux-gnu/libssl.so.3"), ImagePath("usr/lib/x86_64-linux-gnu/libcrypto.so.3"),
                ImagePath("usr/share/doc/libssl3/copyright"),
            ])
    }

    @Test(
        "Is interested in info/*.list and status.d/*.md5sums",
        arguments: [
            ("var/lib/dpkg/info/bash.list", true),
            ("var/lib/dpkg/info/libc6:amd64.list", true),
            ("var/lib/dpkg/status.d/libc6.md5sums", true),
            ("var/lib/dpkg/info/bash.md5sums", false),
            ("var/lib/dpkg/info/bash.conffiles", false),
            ("var/lib/dpkg/status", false),
            ("var/lib/dpkg/status.d/libc6", false),
            ("var/lib/dpkg/info/nested/bash.list", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(DpkgFileListAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }
}
