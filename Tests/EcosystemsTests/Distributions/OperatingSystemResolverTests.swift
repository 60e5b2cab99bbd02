import ScanModel
import Testing

@testable import Ecosystems

struct OperatingSystemResolverTests {
    static let debianOSRelease = OperatingSystem(
        id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)",
        evidence: ImagePath("etc/os-release"))
    static let debianVersion = OperatingSystem(
        id: "debian", versionID: "12", codename: "bookworm", evidence: ImagePath("etc/debian_version"))

    @Test func returnsNothingWithoutCandidates() {
        #expect(OperatingSystemResolver.resolve(candidates: [], hasDistrolessStatus: false) == nil)
    }

    @Test func prefersEtcOSReleaseWhateverTheOrder() {
        let usrLib = OperatingSystem(
            id: "debian", versionID: "11", codename: "bullseye", evidence: ImagePath("usr/lib/os-release"))
        let resolved = OperatingSystemResolver.resolve(
            candidates: [Self.debianVersion, usrLib, Self.debianOSRelease], hasDistrolessStatus: false)
        #expect(resolved == Self.debianOSRelease)
    }

    @Test func prefersReleaseFilesToLSBReleaseAndDebianVersion() {
        let lsb = OperatingSystem(id: "ubuntu", versionID: "22.04", evidence: ImagePath("etc/lsb-release"))
        let redhat = OperatingSystem(id: "rhel", versionID: "9.3", evidence: ImagePath("etc/redhat-release"))
        let resolved = OperatingSystemResolver.resolve(
            candidates: [Self.debianVersion, lsb, redhat], hasDistrolessStatus: false)
        #expect(resolved?.id == "rhel")
    }

    @Test func prefersVendorReleaseFilesToRedHatRelease() {
        // Oracle Linux 7 ships a `redhat-release` naming Red Hat.
        let redhat = OperatingSystem(id: "rhel", versionID: "7.9", evidence: ImagePath("etc/redhat-release"))
        let oracle = OperatingSystem(id: "ol", versionID: "7.9", evidence: ImagePath("etc/oracle-release"))
        #expect(OperatingSystemResolver.resolve(candidates: [redhat, oracle], hasDistrolessStatus: false)?.id == "ol")
    }

    @Test func fillsTheCodenameAnOldOSReleaseLacksFromDebianVersion() {
        var osRelease = Self.debianOSRelease
        osRelease.codename = nil
        let resolved = OperatingSystemResolver.resolve(
            candidates: [osRelease, Self.debianVersion], hasDistrolessStatus: false)
        #expect(resolved?.codename == "bookworm")
        #expect(resolved?.versionID == "12")
        #expect(resolved?.evidence == ImagePath("etc/os-release"))
    }

    @Test func fillsTheVersionFromWeakerEvidenceOfTheSameDistribution() {
        let osRelease = OperatingSystem(id: "centos", prettyName: "CentOS", evidence: ImagePath("etc/os-release"))
        let releaseLine = OperatingSystem(
            id: "centos", versionID: "6.10", prettyName: "CentOS release 6.10 (Final)",
            evidence: ImagePath("etc/centos-release"))
        let resolved = OperatingSystemResolver.resolve(
            candidates: [osRelease, releaseLine], hasDistrolessStatus: false)
        #expect(resolved?.versionID == "6.10")
        #expect(resolved?.prettyName == "CentOS")
    }

    @Test func ignoresDebianVersionOnUbuntu() {
        let ubuntu = OperatingSystem(
            id: "ubuntu", versionID: "22.04", prettyName: "Ubuntu 22.04.3 LTS", idLike: ["debian"],
            evidence: ImagePath("etc/os-release"))
        let debianVersion = OperatingSystem(
            id: "debian", codename: "bookworm", evidence: ImagePath("etc/debian_version"))
        #expect(
            OperatingSystemResolver.resolve(candidates: [ubuntu, debianVersion], hasDistrolessStatus: false) == ubuntu)
    }

    @Test func ignoresWeakerEvidenceThatContradictsTheVersion() {
        var osRelease = Self.debianOSRelease
        osRelease.codename = nil
        let stale = OperatingSystem(
            id: "debian", versionID: "11", codename: "bullseye", evidence: ImagePath("etc/debian_version"))
        #expect(
            OperatingSystemResolver.resolve(candidates: [osRelease, stale], hasDistrolessStatus: false)?.codename == nil
        )
    }

    @Test func marksDistrolessImages() throws {
        let resolved = try #require(
            OperatingSystemResolver.resolve(candidates: [Self.debianOSRelease], hasDistrolessStatus: true))
        #expect(resolved.isDistroless)
        #expect(
            OperatingSystemResolver.resolve(candidates: [Self.debianOSRelease], hasDistrolessStatus: false)?
                .isDistroless == false)
    }

    @Test func aDistrolessInventoryHasDebianPackagesOnlyFromStatusD() {
        func package(_ name: String, _ path: String, _ ecosystem: EcosystemID = .dpkg) -> InstalledPackage {
            InstalledPackage(name: name, version: "1", ecosystem: ecosystem, path: ImagePath(path))
        }
        let distroless = [
            package("libssl3", "var/lib/dpkg/status.d/libssl3"), package("base-files", "var/lib/dpkg/status.d/base"),
            package("musl", "lib/apk/db/installed", .apk),
        ]
        #expect(OperatingSystemResolver.hasDistrolessStatus(distroless))
        #expect(!OperatingSystemResolver.hasDistrolessStatus(distroless + [package("bash", "var/lib/dpkg/status")]))
        #expect(!OperatingSystemResolver.hasDistrolessStatus([package("musl", "lib/apk/db/installed", .apk)]))
        #expect(!OperatingSystemResolver.hasDistrolessStatus([]))
    }
}
