import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

/// An os-release text and what it says, for parameterized tests.
struct OSReleaseSample: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let expected: OperatingSystem

    var testDescription: String { name }

    init(
        _ name: String, _ text: String, id: String, versionID: String?, codename: String? = nil, prettyName: String?,
        idLike: [String] = []
    ) {
        self.name = name
        self.text = text
        self.expected = OperatingSystem(
            id: id, versionID: versionID, codename: codename, prettyName: prettyName, idLike: idLike,
            evidence: ImagePath("etc/os-release"))
    }

    /// os-release files as the distributions' container images ship them.
    static let all: [OSReleaseSample] = [
        OSReleaseSample(
            "Debian 12",
            """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            SUPPORT_URL="https://www.debian.org/support"
            BUG_REPORT_URL="https://bugs.debian.org/"
            """, id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"),
        OSReleaseSample(
            "Debian 9, codename only in VERSION",
            """
            PRETTY_NAME="Debian GNU/Linux 9 (stretch)"
            NAME="Debian GNU/Linux"
            VERSION_ID="9"
            VERSION="9 (stretch)"
            ID=debian
            HOME_URL="https://www.debian.org/"
            """, id: "debian", versionID: "9", codename: "stretch", prettyName: "Debian GNU/Linux 9 (stretch)"),
        OSReleaseSample(
            "Debian testing",
            """
            PRETTY_NAME="Debian GNU/Linux trixie/sid"
            NAME="Debian GNU/Linux"
            VERSION_CODENAME=trixie
            ID=debian
            """, id: "debian", versionID: nil, codename: "trixie", prettyName: "Debian GNU/Linux trixie/sid"),
        OSReleaseSample(
            "Ubuntu 22.04",
            """
            PRETTY_NAME="Ubuntu 22.04.3 LTS"
            NAME="Ubuntu"
            VERSION_ID="22.04"
            VERSION="22.04.3 LTS (Jammy Jellyfish)"
            VERSION_CODENAME=jammy
            ID=ubuntu
            ID_LIKE=debian
            HOME_URL="https://www.ubuntu.com/"
            SUPPORT_URL="https://help.ubuntu.com/"
            BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
            PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
            UBUNTU_CODENAME=jammy
            """, id: "ubuntu", versionID: "22.04", codename: "jammy", prettyName: "Ubuntu 22.04.3 LTS",
            idLike: ["debian"]),
        OSReleaseSample(
            "Alpine 3.19",
            """
            NAME="Alpine Linux"
            ID=alpine
            VERSION_ID=3.19.1
            PRETTY_NAME="Alpine Linux v3.19"
            HOME_URL="https://alpinelinux.org/"
            BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
            """, id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19"),
        OSReleaseSample(
            "RHEL 9 (UBI)",
            """
            NAME="Red Hat Enterprise Linux"
            VERSION="9.3 (Plow)"
            ID="rhel"
            ID_LIKE="fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"
            ANSI_COLOR="0;31"
            LOGO="fedora-logo-icon"
            CPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"
            HOME_URL="https://www.redhat.com/"
            BUG_REPORT_URL="https://bugzilla.redhat.com/"

            REDHAT_BUGZILLA_PRODUCT="Red Hat Enterprise Linux 9"
            REDHAT_BUGZILLA_PRODUCT_VERSION=9.3
            REDHAT_SUPPORT_PRODUCT="Red Hat Enterprise Linux"
            REDHAT_SUPPORT_PRODUCT_VERSION="9.3"
            """, id: "rhel", versionID: "9.3", prettyName: "Red Hat Enterprise Linux 9.3 (Plow)", idLike: ["fedora"]),
        OSReleaseSample(
            "CentOS 7",
            """
            NAME="CentOS Linux"
            VERSION="7 (Core)"
            ID="centos"
            ID_LIKE="rhel fedora"
            VERSION_ID="7"
            PRETTY_NAME="CentOS Linux 7 (Core)"
            ANSI_COLOR="0;31"
            CPE_NAME="cpe:/o:centos:centos:7"
            HOME_URL="https://www.centos.org/"
            """, id: "centos", versionID: "7", prettyName: "CentOS Linux 7 (Core)", idLike: ["rhel", "fedora"]),
        OSReleaseSample(
            "Rocky Linux 9",
            """
            NAME="Rocky Linux"
            VERSION="9.3 (Blue Onyx)"
            ID="rocky"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
            ANSI_COLOR="0;32"
            LOGO="fedora-logo-icon"
            CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
            HOME_URL="https://rockylinux.org/"
            ROCKY_SUPPORT_PRODUCT="Rocky-Linux-9"
            ROCKY_SUPPORT_PRODUCT_VERSION="9.3"
            """, id: "rocky", versionID: "9.3", prettyName: "Rocky Linux 9.3 (Blue Onyx)",
            idLike: ["rhel", "centos", "fedora"]),
        OSReleaseSample(
            "AlmaLinux 9",
            """
            NAME="AlmaLinux"
            VERSION="9.3 (Shamrock Pampas Cat)"
            ID="almalinux"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="AlmaLinux 9.3 (Shamrock Pampas Cat)"
            ANSI_COLOR="0;34"
            LOGO="fedora-logo-icon"
            CPE_NAME="cpe:/o:almalinux:almalinux:9::baseos"
            """, id: "almalinux", versionID: "9.3", prettyName: "AlmaLinux 9.3 (Shamrock Pampas Cat)",
            idLike: ["rhel", "centos", "fedora"]),
        OSReleaseSample(
            "Fedora 39, empty VERSION_CODENAME",
            """
            NAME="Fedora Linux"
            VERSION="39 (Container Image)"
            ID=fedora
            VERSION_ID=39
            VERSION_CODENAME=""
            PLATFORM_ID="platform:f39"
            PRETTY_NAME="Fedora Linux 39 (Container Image)"
            ANSI_COLOR="0;38;2;60;110;180"
            CPE_NAME="cpe:/o:fedoraproject:fedora:39"
            VARIANT="Container Image"
            VARIANT_ID=container
            """, id: "fedora", versionID: "39", prettyName: "Fedora Linux 39 (Container Image)"),
        OSReleaseSample(
            "Amazon Linux 2023",
            """
            NAME="Amazon Linux"
            VERSION="2023"
            ID="amzn"
            ID_LIKE="fedora"
            VERSION_ID="2023"
            PLATFORM_ID="platform:al2023"
            PRETTY_NAME="Amazon Linux 2023.3.20240131"
            ANSI_COLOR="0;33"
            CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"
            HOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"
            SUPPORT_END="2028-03-15"
            """, id: "amzn", versionID: "2023", prettyName: "Amazon Linux 2023.3.20240131", idLike: ["fedora"]),
        OSReleaseSample(
            "Amazon Linux 2",
            """
            NAME="Amazon Linux"
            VERSION="2"
            ID="amzn"
            ID_LIKE="centos rhel fedora"
            VERSION_ID="2"
            PRETTY_NAME="Amazon Linux 2"
            ANSI_COLOR="0;33"
            CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2"
            HOME_URL="https://amazonlinux.com/"
            """, id: "amzn", versionID: "2", prettyName: "Amazon Linux 2", idLike: ["centos", "rhel", "fedora"]),
        OSReleaseSample(
            "Oracle Linux 9",
            """
            NAME="Oracle Linux Server"
            VERSION="9.3"
            ID="ol"
            ID_LIKE="fedora"
            VARIANT="Server"
            VARIANT_ID="server"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Oracle Linux Server 9.3"
            ANSI_COLOR="0;31"
            CPE_NAME="cpe:/o:oracle:linux:9:3:server"
            """, id: "ol", versionID: "9.3", prettyName: "Oracle Linux Server 9.3", idLike: ["fedora"]),
        OSReleaseSample(
            "openSUSE Leap 15.5",
            """
            NAME="openSUSE Leap"
            VERSION="15.5"
            ID="opensuse-leap"
            ID_LIKE="suse opensuse"
            VERSION_ID="15.5"
            PRETTY_NAME="openSUSE Leap 15.5"
            ANSI_COLOR="0;32"
            CPE_NAME="cpe:/o:opensuse:leap:15.5"
            BUG_REPORT_URL="https://bugs.opensuse.org"
            HOME_URL="https://www.opensuse.org/"
            DOCUMENTATION_URL="https://en.opensuse.org/Portal:Leap"
            LOGO="distributor-logo-Leap"
            """, id: "opensuse-leap", versionID: "15.5", prettyName: "openSUSE Leap 15.5",
            idLike: ["suse", "opensuse"]),
        OSReleaseSample(
            "SLES 15 SP5",
            """
            NAME="SLES"
            VERSION="15-SP5"
            VERSION_ID="15.5"
            PRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"
            ID="sles"
            ID_LIKE="suse"
            ANSI_COLOR="0;32"
            CPE_NAME="cpe:/o:suse:sles:15:sp5"
            DOCUMENTATION_URL="https://documentation.suse.com/"
            """, id: "sles", versionID: "15.5", prettyName: "SUSE Linux Enterprise Server 15 SP5", idLike: ["suse"]),
        OSReleaseSample(
            "Photon OS 5",
            """
            NAME="VMware Photon OS"
            VERSION="5.0"
            ID=photon
            VERSION_ID=5.0
            PRETTY_NAME="VMware Photon OS/Linux"
            ANSI_COLOR="1;34"
            HOME_URL="https://vmware.github.io/photon/"
            BUG_REPORT_URL="https://github.com/vmware/photon/issues"
            """, id: "photon", versionID: "5.0", prettyName: "VMware Photon OS/Linux"),
        OSReleaseSample(
            "Wolfi",
            """
            ID=wolfi
            NAME="Wolfi"
            PRETTY_NAME="Wolfi"
            VERSION_ID="20230201"
            HOME_URL="https://wolfi.dev"
            """, id: "wolfi", versionID: "20230201", prettyName: "Wolfi"),
        OSReleaseSample(
            "Chainguard",
            """
            ID=chainguard
            NAME="Chainguard"
            PRETTY_NAME="Chainguard"
            VERSION_ID="20230214"
            HOME_URL="https://chainguard.dev/"
            """, id: "chainguard", versionID: "20230214", prettyName: "Chainguard"),
        OSReleaseSample(
            "CBL-Mariner 2",
            """
            NAME="Common Base Linux Mariner"
            VERSION="2.0.20240123"
            ID=mariner
            VERSION_ID="2.0"
            PRETTY_NAME="CBL-Mariner/Linux"
            ANSI_COLOR="1;34"
            HOME_URL="https://aka.ms/cbl-mariner"
            BUG_REPORT_URL="https://aka.ms/cbl-mariner"
            SUPPORT_URL="https://aka.ms/cbl-mariner"
            """, id: "mariner", versionID: "2.0", prettyName: "CBL-Mariner/Linux"),
        OSReleaseSample(
            "Azure Linux 3",
            """
            NAME="Microsoft Azure Linux"
            VERSION="3.0.20240824"
            ID=azurelinux
            VERSION_ID="3.0"
            PRETTY_NAME="Microsoft Azure Linux 3.0"
            ANSI_COLOR="1;34"
            HOME_URL="https://aka.ms/azurelinux"
            """, id: "azurelinux", versionID: "3.0", prettyName: "Microsoft Azure Linux 3.0"),
        OSReleaseSample(
            "No ID: defaults to linux",
            """
            NAME="Custom"
            VERSION_ID=1
            """, id: "linux", versionID: "1", prettyName: "Custom"),
    ]
}

struct ReleaseFileTests {
    static let osRelease = ReleaseFile(path: ImagePath("etc/os-release"), format: .osRelease)

    @Test("Reads each distribution's os-release", arguments: OSReleaseSample.all)
    func readsOSRelease(sample: OSReleaseSample) throws {
        #expect(try Self.osRelease.operatingSystem(from: sample.text) == sample.expected)
    }

    @Test func throwsForAnEmptyOSRelease() {
        #expect(throws: OperatingSystemReleaseError.noDistribution(path: ImagePath("etc/os-release"))) {
            try Self.osRelease.operatingSystem(from: "# nothing here\n\n")
        }
    }

    @Test(
        "Reads debian_version",
        arguments: [
            ("12.4\n", "12", "bookworm"),
            ("11.8", "11", "bullseye"),
            ("10.13\n", "10", "buster"),
            ("9.13", "9", "stretch"),
            ("13.1", "13", "trixie"),
            ("bookworm/sid\n", nil, "bookworm"),
            ("trixie/sid", nil, "trixie"),
            ("sid", nil, "sid"),
        ] as [(String, String?, String?)])
    func readsDebianVersion(text: String, versionID: String?, codename: String?) throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/debian_version")))
        #expect(
            try file.operatingSystem(from: text)
                == OperatingSystem(
                    id: "debian", versionID: versionID, codename: codename, evidence: ImagePath("etc/debian_version")))
    }

    @Test func throwsForAnEmptyDebianVersion() throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/debian_version")))
        #expect(throws: OperatingSystemReleaseError.noDistribution(path: ImagePath("etc/debian_version"))) {
            try file.operatingSystem(from: "\n")
        }
    }

    @Test func readsAlpineRelease() throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/alpine-release")))
        #expect(
            try file.operatingSystem(from: "3.19.1\n")
                == OperatingSystem(id: "alpine", versionID: "3.19.1", evidence: ImagePath("etc/alpine-release")))
    }

    @Test(
        "Reads one-line release files",
        arguments: [
            ("etc/redhat-release", "Red Hat Enterprise Linux release 9.3 (Plow)", "rhel", "9.3"),
            ("etc/redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)", "rhel", "7.9"),
            ("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)", "centos", "7.9.2009"),
            ("etc/centos-release", "CentOS release 6.10 (Final)", "centos", "6.10"),
            ("etc/centos-release", "CentOS Stream release 9", "centos", "9"),
            ("etc/rocky-release", "Rocky Linux release 9.3 (Blue Onyx)", "rocky", "9.3"),
            ("etc/almalinux-release", "AlmaLinux release 9.3 (Shamrock Pampas Cat)", "almalinux", "9.3"),
            ("etc/fedora-release", "Fedora release 39 (Thirty Nine)", "fedora", "39"),
            ("etc/oracle-release", "Oracle Linux Server release 8.9", "ol", "8.9"),
            ("etc/system-release", "Amazon Linux release 2023.3.20240131 (Amazon Linux)", "amzn", "2023"),
            ("etc/system-release", "Amazon Linux release 2 (Karoo)", "amzn", "2"),
            ("etc/system-release", "Amazon Linux AMI release 2018.03", "amzn", "2018.03"),
            ("etc/mariner-release", "CBL-Mariner 2.0.20240123\nMARINER_BUILD_NUMBER=0d7b6f3", "mariner", "2.0"),
            ("etc/azurelinux-release", "Azure Linux 3.0.20240824\nAZURELINUX_BUILD_NUMBER=1a2b3c", "azurelinux", "3.0"),
            ("etc/photon-release", "VMware Photon OS 5.0\nPHOTON_BUILD_NUMBER=dde71ec57", "photon", "5.0"),
        ])
    func readsReleaseLine(path: String, text: String, id: String, versionID: String) throws {
        let file = try #require(ReleaseFile.named(ImagePath(path)))
        let found = try file.operatingSystem(from: text + "\n")
        #expect(found.id == id)
        #expect(found.versionID == versionID)
        #expect(found.prettyName == text.split(separator: "\n").first.map(String.init))
        #expect(found.evidence == ImagePath(path))
    }

    @Test func throwsForAReleaseLineNamingAnUnknownDistribution() throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/system-release")))
        #expect(
            throws: OperatingSystemReleaseError.unrecognizedRelease(
                path: ImagePath("etc/system-release"), text: "Acme OS release 1.0")
        ) {
            try file.operatingSystem(from: "Acme OS release 1.0\n")
        }
    }

    @Test(
        "Reads SuSE-release",
        arguments: [
            (
                "SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 5\n", "sles", "12.5", nil,
                "SUSE Linux Enterprise Server 12"
            ),
            (
                "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 0\n", "sles", "11", nil,
                "SUSE Linux Enterprise Server 11"
            ),
            (
                "openSUSE 13.2 (x86_64)\nVERSION = 13.2\nCODENAME = Harlequin\n", "opensuse", "13.2", "harlequin",
                "openSUSE 13.2"
            ),
        ] as [(String, String, String, String?, String)])
    func readsSUSERelease(text: String, id: String, versionID: String, codename: String?, prettyName: String) throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/SuSE-release")))
        #expect(
            try file.operatingSystem(from: text)
                == OperatingSystem(
                    id: id, versionID: versionID, codename: codename, prettyName: prettyName,
                    evidence: ImagePath("etc/SuSE-release")))
    }

    @Test func readsLSBRelease() throws {
        let file = try #require(ReleaseFile.named(ImagePath("etc/lsb-release")))
        let text = """
            DISTRIB_ID=Ubuntu
            DISTRIB_RELEASE=22.04
            DISTRIB_CODENAME=jammy
            DISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"
            """
        #expect(
            try file.operatingSystem(from: text)
                == OperatingSystem(
                    id: "ubuntu", versionID: "22.04", codename: "jammy", prettyName: "Ubuntu 22.04.3 LTS",
                    evidence: ImagePath("etc/lsb-release")))
    }

    @Test func ranksEvidenceFromOSReleaseDownToDebianVersion() {
        let order = [
            "etc/os-release", "usr/lib/os-release", "etc/rocky-release", "etc/redhat-release", "etc/lsb-release",
            "etc/debian_version", "opt/elsewhere/os-release",
        ].map { ReleaseFile.authority(of: ImagePath($0)) }
        #expect(order == order.sorted())
        #expect(Set(order).count == order.count)
    }
}

struct OSReleaseAnalyzerTests {
    @Test(
        "Is interested in release files only",
        arguments: [
            ("etc/os-release", true), ("usr/lib/os-release", true), ("etc/debian_version", true),
            ("etc/alpine-release", true), ("etc/redhat-release", true), ("etc/centos-release", true),
            ("etc/fedora-release", true), ("etc/system-release", true), ("etc/oracle-release", true),
            ("etc/lsb-release", true), ("etc/SuSE-release", true), ("etc/photon-release", true),
            ("etc/mariner-release", true), ("etc/issue", false), ("usr/etc/os-release", false),
            ("etc/os-release.d/x", false), ("etc/suse-release", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(OSReleaseAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test func givesTheOperatingSystemWithItsEvidence() async throws {
        let text = "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"
        let file = AnalyzedFile(path: ImagePath("usr/lib/os-release"), contents: Array(text.utf8))
        let result = try await OSReleaseAnalyzer().analyze(file)
        #expect(
            result.operatingSystem
                == OperatingSystem(
                    id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19",
                    evidence: ImagePath("usr/lib/os-release")))
        #expect(result.packages.isEmpty)
    }
}
