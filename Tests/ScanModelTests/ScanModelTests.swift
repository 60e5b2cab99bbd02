import Foundation
import ScanModel
import Testing

struct ImagePathTests {
    @Test(
        "Normalizes paths without ever leaving the root",
        arguments: [
            ("/etc/os-release", "etc/os-release"), ("./usr//lib/./x", "usr/lib/x"), ("../../etc/passwd", "etc/passwd"),
            ("a/b/../c", "a/c"), ("dir/", "dir"), ("/", ""),
        ])
    func normalization(raw: String, expected: String) {
        #expect(ImagePath(raw).description == expected)
    }

    @Test(
        "Splits on the slash byte, whatever follows it",
        arguments: ["\u{32A}", "a/\u{301}b", "\u{301}/\u{301}", "x/.../y", "../\u{301}.."])
    func combiningMarksAfterASlash(raw: String) throws {
        let path = ImagePath(raw)
        #expect(path.components.allSatisfy { !$0.unicodeScalars.contains("/") && !$0.isEmpty })
        #expect(ImagePath(path.absolute) == path)
        let decoded = try JSONDecoder().decode([ImagePath].self, from: JSONEncoder().encode([path]))
        #expect(decoded == [path])
    }

    @Test func relationsBetweenPaths() {
        let path = ImagePath("var/lib/dpkg/status")
        #expect(path.isDescendant(of: ImagePath("var/lib")))
        #expect(!path.isDescendant(of: path))
        #expect(path.isSelfOrDescendant(of: path))
        #expect(!ImagePath("var/library").isDescendant(of: ImagePath("var/lib")))
        #expect(path.ancestors == [ImagePath("var"), ImagePath("var/lib"), ImagePath("var/lib/dpkg")])
        #expect(path.parent == ImagePath("var/lib/dpkg"))
        #expect(path.name == "status")
        #expect(path.absolute == "/var/lib/dpkg/status")
    }
}

struct DigestTests {
    @Test(
        "Accepts only well-formed digests",
        arguments: [
            ("sha256:" + String(repeating: "a", count: 64), true),
            ("sha512:" + String(repeating: "0", count: 128), true),
            ("sha256:" + String(repeating: "A", count: 64), false),
            ("sha256:abc", false),
            ("md5:" + String(repeating: "a", count: 32), false),
            ("sha256" + String(repeating: "a", count: 64), false),
        ])
    func parsing(text: String, isValid: Bool) {
        #expect((Digest(text) != nil) == isValid)
    }
}

struct PackageURLTests {
    @Test(
        "Renders canonical package URLs",
        arguments: [
            (
                PackageURL(
                    type: "deb", namespace: "debian", name: "curl", version: "7.50.3-1",
                    qualifiers: ["distro": "jessie", "arch": "i386"]),
                "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie"
            ),
            (
                PackageURL(type: "npm", namespace: "@angular", name: "animation", version: "12.3.1"),
                "pkg:npm/%40angular/animation@12.3.1"
            ),
            (
                PackageURL(
                    type: "deb", namespace: "debian", name: "libc6", version: "1:2.36+x", qualifiers: ["upstream": ""]),
                "pkg:deb/debian/libc6@1:2.36%2Bx"
            ),
            (
                PackageURL(
                    type: "RPM", namespace: "fedora", name: "curl", version: "7.50.3-1.fc25", qualifiers: ["epoch": "1"]
                ), "pkg:rpm/fedora/curl@7.50.3-1.fc25?epoch=1"
            ),
        ])
    func rendering(purl: PackageURL, expected: String) {
        #expect(purl.description == expected)
    }

    @Test(
        "Parses what it renders",
        arguments: [
            "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "pkg:npm/%40angular/animation@12.3.1",
            "pkg:golang/github.com/gorilla/context@v1.1.1",
            "pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar",
            "pkg:cargo/rand@0.7.2",
        ])
    func roundTrip(text: String) throws {
        #expect(try #require(PackageURL(parsing: text)).description == text)
    }

    @Test("Rejects text that is not a package URL", arguments: ["", "pkg:", "http://x/y", "pkg:deb"])
    func rejection(text: String) {
        #expect(PackageURL(parsing: text) == nil)
    }
}

@Test func aDigestIsMadeFromHashBytesInLowerCaseHex() {
    let digest = Digest(algorithm: .sha256, hash: [0x00, 0x0F, 0xA5, 0xFF] + [UInt8](repeating: 0x11, count: 28))
    #expect(digest.encoded == "000fa5ff" + String(repeating: "11", count: 28))
    #expect(Digest(digest.description) == digest)
    #expect(Digest.hexadecimal([]) == "")
}
