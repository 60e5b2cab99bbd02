import Ecosystems
import ScanModel
import ScannerTesting
import Testing
import VulnerabilityMatching

struct DistributionMatcherTests {
    let debian = OperatingSystem(
        id: "debian", versionID: "12", codename: "bookworm", evidence: ImagePath("etc/os-release"))
    let alpine = OperatingSystem(id: "alpine", versionID: "3.19.1", evidence: ImagePath("etc/os-release"))
    let rocky = OperatingSystem(id: "rocky", versionID: "9.3", evidence: ImagePath("etc/os-release"))

    func advisory(_ id: String, ecosystem: String, name: String, events: [RangeEvent]) -> Advisory {
        Advisory(
            id: id, aliases: ["CVE-\(id)"],
            affected: [
                AffectedPackage(
                    ecosystem: ecosystem, name: name, ranges: [AffectedRange(type: .ecosystem, events: events)])
            ])
    }

    func match(_ packages: [InstalledPackage], on system: OperatingSystem, _ records: [Advisory]) throws -> [String] {
        try MatchEngine(matchers: EcosystemCatalog.matchers).match(
            packages, operatingSystem: system, store: InMemoryAdvisoryStore(records)
        ).matches.map { "\(packages[$0.packageIndex].name):\($0.advisory.id)" }.sorted()
    }

    @Test func debianMatchesTheSourcePackageAndItsVersionNotTheBinNMU() throws {
        let packages = [
            InstalledPackage(
                name: "libssl3", version: "3.0.11-1~deb12u1+b1", ecosystem: .dpkg, sourceName: "openssl",
                sourceVersion: "3.0.11-1~deb12u1", path: ImagePath("var/lib/dpkg/status")),
            InstalledPackage(
                name: "openssl", version: "3.0.11-1~deb12u2", ecosystem: .dpkg, sourceName: "openssl",
                sourceVersion: "3.0.11-1~deb12u2", path: ImagePath("var/lib/dpkg/status")),
        ]
        let records = [
            advisory(
                "DSA-1", ecosystem: "Debian:12", name: "openssl",
                events: [.introduced("0"), .fixed("3.0.11-1~deb12u2")]),
            advisory("DSA-2", ecosystem: "Debian:11", name: "openssl", events: [.introduced("0")]),
            advisory("DSA-3", ecosystem: "Debian:12", name: "libssl3", events: [.introduced("0")]),
        ]
        #expect(try match(packages, on: debian, records) == ["libssl3:DSA-1"])
    }

    @Test func alpineMatchesByOriginWithApkOrdering() throws {
        let packages = [
            InstalledPackage(
                name: "libcrypto3", version: "3.1.4-r1", ecosystem: .apk, sourceName: "openssl", path: ImagePath("i")),
            InstalledPackage(name: "musl", version: "1.2.4_git20230717-r4", ecosystem: .apk, path: ImagePath("i")),
        ]
        let records = [
            advisory(
                "ALPINE-1", ecosystem: "Alpine:v3.19", name: "openssl", events: [.introduced("0"), .fixed("3.1.4-r3")]),
            advisory(
                "ALPINE-2", ecosystem: "Alpine:v3.19", name: "musl", events: [.introduced("0"), .fixed("1.2.4-r1")]),
        ]
        // `_git` is a post-release suffix: 1.2.4_git20230717 is after 1.2.4, so musl is past the fix.
        #expect(try match(packages, on: alpine, records) == ["libcrypto3:ALPINE-1"])
    }

    @Test func rpmComparesEpochsAndAsksForSourceAndBinaryNames() throws {
        let packages = [
            InstalledPackage(
                name: "openssl-libs", version: "3.0.7-24.el9", ecosystem: .rpm, sourceName: "openssl",
                sourceVersion: "3.0.7-24.el9", epoch: 1, path: ImagePath("var/lib/rpm/rpmdb.sqlite"))
        ]
        let records = [
            advisory(
                "RLSA-1", ecosystem: "Rocky Linux:9", name: "openssl",
                events: [.introduced("0"), .fixed("1:3.0.7-25.el9")]),
            advisory(
                "RLSA-2", ecosystem: "Rocky Linux:9", name: "openssl",
                events: [.introduced("0"), .fixed("3.0.7-25.el9")]),
        ]
        // Without its epoch the second fix is older than epoch 1: not affected.
        #expect(try match(packages, on: rocky, records) == ["openssl-libs:RLSA-1"])
    }

    @Test func aDistributionWithoutAdvisoryDataIsReportedAsUncovered() throws {
        let photon = OperatingSystem(id: "photon", versionID: "5.0", evidence: ImagePath("etc/os-release"))
        let outcome = try MatchEngine(matchers: EcosystemCatalog.matchers).match(
            [InstalledPackage(name: "bash", version: "5.2-1.ph5", ecosystem: .rpm, path: ImagePath("p"))],
            operatingSystem: photon, store: InMemoryAdvisoryStore([]))
        #expect(outcome.uncovered == ["rpm packages of photon 5.0: no advisory data"])
    }
}
