import Ecosystems
import ScanModel
import Testing

struct OSVEcosystemNameTests {
    @Test(
        "Names the OSV ecosystem of each distribution release",
        arguments: [
            ("debian", "12", "Debian:12"), ("debian", "11", "Debian:11"), ("ubuntu", "22.04", "Ubuntu:22.04:LTS"),
            ("ubuntu", "23.10", "Ubuntu:23.10"), ("alpine", "3.19.1", "Alpine:v3.19"), ("wolfi", "20230201", "Wolfi"),
            ("rocky", "9.3", "Rocky Linux:9"), ("almalinux", "8.9", "AlmaLinux:8"),
            ("rhel", "9.3", "Red Hat:enterprise_linux:9"), ("opensuse-leap", "15.5", "openSUSE:Leap 15.5"),
            ("sles", "15.5", "SUSE:Linux Enterprise Server 15 SP5"),
        ])
    func naming(id: String, version: String, expected: String) {
        let system = OperatingSystem(id: id, versionID: version, evidence: ImagePath("etc/os-release"))
        #expect(OSVEcosystemName.forOperatingSystem(system)?.name == expected)
    }

    @Test func redHatRecordsOfEveryStreamApply() {
        let system = OperatingSystem(id: "rhel", versionID: "9.3", evidence: ImagePath("etc/os-release"))
        #expect(OSVEcosystemName.forOperatingSystem(system)?.includesSubEcosystems == true)
    }

    @Test("Distributions without OSV data have no ecosystem", arguments: ["amzn", "photon", "unknown"])
    func uncovered(id: String) {
        #expect(
            OSVEcosystemName.forOperatingSystem(OperatingSystem(id: id, versionID: "2", evidence: ImagePath("x")))
                == nil)
    }
}
