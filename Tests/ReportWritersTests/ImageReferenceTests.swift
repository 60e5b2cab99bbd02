import ScanModel
import Testing

@testable import ReportWriters

struct ImageReferenceTests {
    @Test(
        "Applies Docker's defaults to repository names",
        arguments: [
            ("debian:12", "docker.io/library/debian", "12"),
            ("debian", "docker.io/library/debian", nil),
            ("bitnami/redis:7.2", "docker.io/bitnami/redis", "7.2"),
            ("quay.io/rockylinux/rockylinux:9.3", "quay.io/rockylinux/rockylinux", "9.3"),
            ("localhost:5000/app:dev", "localhost:5000/app", "dev"),
            ("registry.example:5000/Team/App", "registry.example:5000/team/app", nil),
        ] as [(String, String, String?)])
    func parses(text: String, repository: String, tag: String?) throws {
        let reference = try #require(ImageReference(text))
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
    }

    @Test("Refuses digests and malformed names", arguments: ["", "alpine@sha256:abcd", "a//b:1", "/alpine"])
    func refuses(text: String) {
        #expect(ImageReference(text) == nil)
    }

    @Test func imagePackageURLNeedsAManifestDigestAndATag() {
        let digest = ReportFixture.digest("abcd")
        var target = ScanTarget(
            name: "oci-layout:x", sourceKind: "oci-layout", manifestDigest: digest, repoTags: ["alpine:3.19"],
            platform: "linux/arm64/v8")
        #expect(
            target.packageURL?.description
                == "pkg:oci/alpine@\(digest)?arch=arm64&repository_url=docker.io%2Flibrary%2Falpine&tag=3.19")
        target.repoTags = []
        #expect(target.packageURL == nil)
        target.repoTags = ["alpine:3.19"]
        target.manifestDigest = nil
        target.imageID = digest
        #expect(target.packageURL == nil)
    }
}
