import ScanModel
import Testing

@testable import Ecosystems

/// A package, the operating system it was found on, and its package URL, for parameterized tests.
struct PackageURLSample: Sendable, CustomTestStringConvertible {
    let package: InstalledPackage
    let operatingSystem: OperatingSystem?
    let purl: String

    var testDescription: String { purl }

    static func os(_ id: String, _ versionID: String?, idLike: [String] = []) -> OperatingSystem {
        OperatingSystem(id: id, versionID: versionID, idLike: idLike, evidence: ImagePath("etc/os-release"))
    }

    static func deb(
        _ name: String, _ version: String, arch: String? = "amd64", source: String? = nil, sourceVersion: String? = nil
    ) -> InstalledPackage {
        InstalledPackage(
            name: name, version: version, ecosystem: .dpkg, sourceName: source, sourceVersion: sourceVersion,
            architecture: arch, path: ImagePath("var/lib/dpkg/status"))
    }

    static func apk(_ name: String, _ version: String, arch: String? = "x86_64", origin: String? = nil)
        -> InstalledPackage
    {
        InstalledPackage(
            name: name, version: version, ecosystem: .apk, sourceName: origin, architecture: arch,
            path: ImagePath("lib/apk/db/installed"))
    }

    static func rpm(
        _ name: String, _ version: String, arch: String? = "x86_64", epoch: Int? = nil, source: String? = nil,
        sourceVersion: String? = nil
    ) -> InstalledPackage {
        InstalledPackage(
            name: name, version: version, ecosystem: .rpm, sourceName: source, sourceVersion: sourceVersion,
            architecture: arch, epoch: epoch, path: ImagePath("var/lib/rpm/rpmdb.sqlite"))
    }

    static let debian12 = os("debian", "12")
    static let alpine319 = os("alpine", "3.19.1")

    static let all: [PackageURLSample] = [
        // deb: the source's version appears only when it differs (a binNMU).
        .init(
            package: deb("openssl", "3.0.11-1~deb12u2", source: "openssl", sourceVersion: "3.0.11-1~deb12u2"),
            operatingSystem: debian12,
            purl: "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl"),
        .init(
            package: deb("libssl3", "3.0.11-1~deb12u2", source: "openssl", sourceVersion: "3.0.11-1~deb12u2"),
            operatingSystem: debian12,
            purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl"),
        .init(
            package: deb("libgnutls30", "3.7.9-2+b1", source: "gnutls28", sourceVersion: "3.7.9-2"),
            operatingSystem: debian12,
            purl: "pkg:deb/debian/libgnutls30@3.7.9-2%2Bb1?arch=amd64&distro=debian-12&upstream=gnutls28%403.7.9-2"),
        .init(
            package: deb("bash", "5.2.15-2+b2"), operatingSystem: debian12,
            purl: "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"),
        .init(
            package: deb("login", "1:4.13+dfsg1-1+b1", source: "shadow", sourceVersion: "1:4.13+dfsg1-1"),
            operatingSystem: debian12,
            purl:
                "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12&upstream=shadow%401:4.13%2Bdfsg1-1"
        ),
        .init(
            package: deb("tzdata", "2024a-0+deb12u1", arch: "all"), operatingSystem: debian12,
            purl: "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12"),
        .init(
            package: deb("libc6", "2.35-0ubuntu3.6", source: "glibc", sourceVersion: "2.35-0ubuntu3.6"),
            operatingSystem: os("ubuntu", "22.04", idLike: ["debian"]),
            purl: "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.6?arch=amd64&distro=ubuntu-22.04&upstream=glibc"),
        .init(
            package: deb("libc6", "2.37-12"), operatingSystem: os("debian", nil),
            purl: "pkg:deb/debian/libc6@2.37-12?arch=amd64&distro=debian"),
        .init(
            package: deb("libc6", "2.36-9", arch: nil), operatingSystem: nil,
            purl: "pkg:deb/debian/libc6@2.36-9"),
        .init(
            package: deb("libc6", "2.36-9"), operatingSystem: alpine319,
            purl: "pkg:deb/debian/libc6@2.36-9?arch=amd64"),
        // apk: upstream only when the origin differs from the name.
        .init(
            package: apk("musl", "1.2.4-r2", origin: "musl"), operatingSystem: alpine319,
            purl: "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1"),
        .init(
            package: apk("libcrypto3", "3.1.4-r5", origin: "openssl"), operatingSystem: alpine319,
            purl: "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl"),
        .init(
            package: apk("glibc", "2.39-r5", origin: "glibc"), operatingSystem: os("wolfi", "20230201"),
            purl: "pkg:apk/wolfi/glibc@2.39-r5?arch=x86_64&distro=wolfi-20230201"),
        .init(
            package: apk("ca-certificates-bundle", "20240315-r1", arch: "aarch64", origin: "ca-certificates"),
            operatingSystem: os("chainguard", "20230214"),
            purl:
                "pkg:apk/chainguard/ca-certificates-bundle@20240315-r1?arch=aarch64&distro=chainguard-20230214&upstream=ca-certificates"
        ),
        .init(
            package: apk("py3-PyYAML", "6.0.1-r0"), operatingSystem: nil,
            purl: "pkg:apk/alpine/py3-pyyaml@6.0.1-r0?arch=x86_64"),
        // rpm: the epoch is a qualifier; the namespace is the vendor.
        .init(
            package: rpm("bash", "5.1.8-6.el9", epoch: 1, source: "bash-5.1.8-6.el9.src.rpm"),
            operatingSystem: os("rhel", "9.3", idLike: ["fedora"]),
            purl:
                "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=bash-5.1.8-6.el9.src.rpm"),
        .init(
            package: rpm(
                "openssl-libs", "3.0.7-25.el9_3", epoch: 1, source: "openssl", sourceVersion: "3.0.7-25.el9_3"),
            operatingSystem: os("rocky", "9.3", idLike: ["rhel", "centos", "fedora"]),
            purl:
                "pkg:rpm/rocky/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=rocky-9.3&epoch=1&upstream=openssl-3.0.7-25.el9_3.src.rpm"
        ),
        .init(
            package: rpm("glibc", "2.34-100.el9", source: "glibc"), operatingSystem: os("almalinux", "9.3"),
            purl:
                "pkg:rpm/almalinux/glibc@2.34-100.el9?arch=x86_64&distro=almalinux-9.3&upstream=glibc-2.34-100.el9.src.rpm"
        ),
        .init(
            package: rpm("tzdata", "2024a-1.amzn2023.0.1", arch: "noarch"), operatingSystem: os("amzn", "2023"),
            purl: "pkg:rpm/amzn/tzdata@2024a-1.amzn2023.0.1?arch=noarch&distro=amzn-2023"),
        .init(
            package: rpm("libzypp", "17.31.31-150400.3.49.1"), operatingSystem: os("opensuse-leap", "15.5"),
            purl: "pkg:rpm/opensuse/libzypp@17.31.31-150400.3.49.1?arch=x86_64&distro=opensuse-leap-15.5"),
        .init(
            package: rpm("dbus", "1:1.12.20-8.el9"), operatingSystem: os("ol", "9.3"),
            purl: "pkg:rpm/ol/dbus@1.12.20-8.el9?arch=x86_64&distro=ol-9.3&epoch=1"),
        .init(
            package: rpm("bash", "5.1.8-6.el9", arch: nil), operatingSystem: nil, purl: "pkg:rpm/bash@5.1.8-6.el9"),
    ]
}

struct PackageURLFactoryTests {
    @Test("Writes the package URL scanners agree on", arguments: PackageURLSample.all)
    func golden(sample: PackageURLSample) {
        let purl = PackageURLFactory.purl(for: sample.package, operatingSystem: sample.operatingSystem)
        #expect(purl.description == sample.purl)
    }

    @Test("Round-trips through the package-URL parser", arguments: PackageURLSample.all)
    func roundTrips(sample: PackageURLSample) throws {
        let purl = PackageURLFactory.purl(for: sample.package, operatingSystem: sample.operatingSystem)
        #expect(try #require(PackageURL(parsing: purl.description)) == purl)
    }

    @Test(
        "Maps RPM vendors",
        arguments: [
            ("rhel", "redhat"), ("opensuse-leap", "opensuse"), ("opensuse-tumbleweed", "opensuse"),
            ("centos", "centos"),
            ("fedora", "fedora"), ("sles", "sles"), ("mariner", "mariner"), ("azurelinux", "azurelinux"),
        ])
    func rpmNamespace(id: String, namespace: String) {
        #expect(PackageURLFactory.rpmNamespace(forOperatingSystemID: id) == namespace)
    }
}
