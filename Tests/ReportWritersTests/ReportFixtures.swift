import ScanModel
import Testing

/// Scan reports the writer tests render: one per kind of image, built in code so every field is deliberate.
struct ReportFixture: Sendable, CustomTestStringConvertible {
    /// The scenario, also the stem of the golden files (`debian-12.cdx.json`).
    let name: String
    let report: ScanReport

    var testDescription: String { name }

    static let all: [ReportFixture] = [debian, alpine, rocky, rootFilesystem]

    static let scanner = ScannerInfo(name: "plimsoll", version: "0.1.0")

    /// A `docker save` archive of Debian 12: dpkg packages, source packages, binNMU versions, no manifest digest.
    static let debian: ReportFixture = {
        let base = LayerReference(
            index: 0, digest: digest("d1e2"), diffID: digest("0d1f"), size: 29_123_456,
            createdBy: "/bin/sh -c #(nop) ADD file:4b1be1de1a1e in / ")
        let apt = LayerReference(
            index: 1, digest: digest("a7b8"), diffID: digest("7a8b"), size: 5_321_000,
            createdBy: "RUN apt-get update && apt-get install -y --no-install-recommends libssl3")
        let status = [ImagePath("var/lib/dpkg/status")]
        func deb(_ name: String, _ version: String) -> PackageURL {
            PackageURL(
                type: "deb", namespace: "debian", name: name, version: version,
                qualifiers: ["arch": "amd64", "distro": "debian-12"])
        }
        let packages = [
            ReportedPackage(
                id: "9f3c1a7be2d40c55", name: "libssl3", version: "3.0.11-1~deb12u2", type: .dpkg,
                purl: deb("libssl3", "3.0.11-1~deb12u2"), architecture: "amd64", epoch: nil,
                source: SourcePackage(name: "openssl", version: "3.0.11-1~deb12u2"), licenses: [], layer: apt,
                paths: status, modularityLabel: nil),
            ReportedPackage(
                id: "1c0ffee0d15ea5e1", name: "base-files", version: "12.4+deb12u5", type: .dpkg,
                purl: deb("base-files", "12.4+deb12u5"), architecture: "amd64", epoch: nil, source: nil,
                licenses: ["GPL-2.0-or-later"], layer: base, paths: status, modularityLabel: nil),
            ReportedPackage(
                id: "5b7e0a9d3c2f8e41", name: "bash", version: "5.2.15-2+b7", type: .dpkg,
                purl: deb("bash", "5.2.15-2+b7"), architecture: "amd64", epoch: nil,
                source: SourcePackage(name: "bash", version: "5.2.15-2"), licenses: ["GPL-3.0-or-later"], layer: base,
                paths: status, modularityLabel: nil),
            ReportedPackage(
                id: "c4a1d2e3f4051627", name: "libc6", version: "2.36-9+deb12u4", type: .dpkg,
                purl: deb("libc6", "2.36-9+deb12u4"), architecture: "amd64", epoch: nil,
                source: SourcePackage(name: "glibc", version: nil),
                licenses: ["LGPL-2.1-or-later", "GPL-2.0-or-later WITH Linux-syscall-note"], layer: base,
                paths: status, modularityLabel: nil),
        ]
        let report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "docker-archive:debian-12.tar", sourceKind: "docker-archive", imageID: digest("4f1c"),
                repoTags: ["debian:12"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)",
                    evidence: ImagePath("etc/os-release")),
                layers: [base, apt]),
            packages: packages, warnings: [])
        return ReportFixture(name: "debian-12", report: report)
    }()

    /// An OCI layout of Alpine 3.19: apk packages whose licenses are SPDX expressions, some loosely written.
    static let alpine: ReportFixture = {
        let layer = LayerReference(
            index: 0, digest: digest("a1b2"), diffID: digest("1a2b"), size: 3_401_613,
            createdBy: "ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit")
        let installed = [ImagePath("lib/apk/db/installed")]
        func apk(_ name: String, _ version: String) -> PackageURL {
            PackageURL(
                type: "apk", namespace: "alpine", name: name, version: version,
                qualifiers: ["arch": "x86_64", "distro": "3.19.1"])
        }
        func package(
            _ id: String, _ name: String, _ version: String, source: String? = nil, licenses: [String]
        ) -> ReportedPackage {
            ReportedPackage(
                id: id, name: name, version: version, type: .apk, purl: apk(name, version), architecture: "x86_64",
                epoch: nil, source: source.map { SourcePackage(name: $0, version: nil) }, licenses: licenses,
                layer: layer, paths: installed, modularityLabel: nil)
        }
        let packages = [
            package("0a11", "musl", "1.2.4_git20230717-r4", source: "musl", licenses: ["MIT"]),
            package("0b22", "busybox", "1.36.1-r15", source: "busybox", licenses: ["GPL-2.0-only"]),
            package(
                "0c33", "ca-certificates-bundle", "20240226-r0", source: "ca-certificates",
                licenses: ["MPL-2.0 AND MIT"]),
            package("0d44", "libcrypto3", "3.1.4-r5", source: "openssl", licenses: ["apache-2.0"]),
            package("0e55", "zlib", "1.3.1-r0", licenses: ["Zlib"]),
            package("0f66", "scanelf", "1.3.7-r2", source: "pax-utils", licenses: ["GPL-2.0-only"]),
            package("1077", "libc-utils", "0.7.2-r5", source: "libc-dev", licenses: ["bsd-2-clause and bsd-3-clause"]),
            package("1188", "alpine-keys", "2.4-r1", licenses: ["MIT"]),
            package("1299", "tzdata", "2024a-r0", licenses: ["Public-Domain"]),
            package("13aa", "lua5.4-libs", "5.4.6-r1", source: "lua5.4", licenses: ["MIT or custom:lua"]),
        ]
        let report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "oci-layout:alpine", sourceKind: "oci-layout", imageID: digest("c0f1"),
                manifestDigest: digest("e5f6"), repoTags: ["docker.io/library/alpine:3.19"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19",
                    evidence: ImagePath("etc/os-release")),
                layers: [layer]),
            packages: packages, warnings: [])
        return ReportFixture(name: "alpine-3.19", report: report)
    }()

    /// An OCI archive of Rocky Linux 9: RPM epochs, modularity, multilib twins, Fedora-style license names.
    static let rocky: ReportFixture = {
        let layer = LayerReference(index: 0, digest: digest("b0c0"), diffID: digest("0b0c"), size: 69_000_000)
        let database = [ImagePath("var/lib/rpm/rpmdb.sqlite")]
        func rpm(_ name: String, _ version: String, arch: String, epoch: Int? = nil) -> PackageURL {
            var qualifiers = ["arch": arch, "distro": "rocky-9.3"]
            if let epoch { qualifiers["epoch"] = String(epoch) }
            return PackageURL(type: "rpm", namespace: "rocky", name: name, version: version, qualifiers: qualifiers)
        }
        let packages = [
            ReportedPackage(
                id: "7e57a1", name: "openssl-libs", version: "3.0.7-25.el9_3", type: .rpm,
                purl: rpm("openssl-libs", "3.0.7-25.el9_3", arch: "x86_64", epoch: 1), architecture: "x86_64", epoch: 1,
                source: SourcePackage(name: "openssl", version: "3.0.7-25.el9_3"), licenses: ["ASL 2.0"],
                layer: layer, paths: database, modularityLabel: nil),
            ReportedPackage(
                id: "91bc02", name: "glibc", version: "2.34-83.el9_3.7", type: .rpm,
                purl: rpm("glibc", "2.34-83.el9_3.7", arch: "x86_64"), architecture: "x86_64", epoch: nil,
                source: SourcePackage(name: "glibc", version: "2.34-83.el9_3.7"),
                licenses: ["LGPLv2+ and LGPLv2+ with exceptions and GPLv2+ and GPLv2+ with exceptions and BSD"],
                layer: layer, paths: database, modularityLabel: nil),
            ReportedPackage(
                id: "91bc03", name: "glibc", version: "2.34-83.el9_3.7", type: .rpm,
                purl: rpm("glibc", "2.34-83.el9_3.7", arch: "i686"), architecture: "i686", epoch: nil,
                source: SourcePackage(name: "glibc", version: "2.34-83.el9_3.7"),
                licenses: ["LGPLv2+ and LGPLv2+ with exceptions and GPLv2+ and GPLv2+ with exceptions and BSD"],
                layer: layer, paths: database, modularityLabel: nil),
            ReportedPackage(
                id: "4a0de1", name: "nodejs", version: "18.19.0-1.module+el9.3.0+15500+a1b2c3d4", type: .rpm,
                purl: rpm("nodejs", "18.19.0-1.module+el9.3.0+15500+a1b2c3d4", arch: "x86_64", epoch: 1),
                architecture: "x86_64", epoch: 1,
                source: SourcePackage(name: "nodejs", version: "18.19.0-1.module+el9.3.0+15500+a1b2c3d4"),
                licenses: ["MIT and ASL 2.0 and ISC and BSD"], layer: layer, paths: database,
                modularityLabel: "nodejs:18:9030020231120082734:rhel9"),
            ReportedPackage(
                id: "2f1a9c", name: "tzdata", version: "2024a-1.el9", type: .rpm,
                purl: rpm("tzdata", "2024a-1.el9", arch: "noarch"), architecture: "noarch", epoch: nil,
                source: SourcePackage(name: "tzdata", version: "2024a-1.el9"),
                licenses: ["LicenseRef-Fedora-Public-Domain"],
                layer: layer, paths: database, modularityLabel: nil),
        ]
        let report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "oci-archive:rocky-9.tar", sourceKind: "oci-archive", imageID: digest("9a9b"),
                manifestDigest: digest("8c8d"), repoTags: ["quay.io/rockylinux/rockylinux:9.3"],
                platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "rocky", versionID: "9.3", prettyName: "Rocky Linux 9.3 (Blue Onyx)",
                    idLike: ["rhel", "centos", "fedora"], evidence: ImagePath("etc/os-release")),
                layers: [layer]),
            packages: packages, warnings: ["rpm: skipped a header of 'gpg-pubkey' with no version"])
        return ReportFixture(name: "rocky-9", report: report)
    }()

    /// A root filesystem with no image identity, no distribution, no packages; a time with an offset and fraction.
    static let rootFilesystem: ReportFixture = {
        let report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T14:30:00.250+02:00",
            target: ScanTarget(name: "dir:/srv/rootfs", sourceKind: "dir", layers: [LayerReference(index: 0)]),
            packages: [],
            warnings: [
                "var/lib/dpkg/status: line 12: a field continues before any field starts",
                "two entries for usr/bin/env in one layer;\nthe later one was used",
            ])
        return ReportFixture(name: "root-filesystem", report: report)
    }()

    /// A sha256 digest whose hex repeats `seed` (four hex digits), so fixtures read well and never collide.
    static func digest(_ seed: String) -> Digest {
        Digest(algorithm: .sha256, encoded: String(repeating: seed, count: 64 / seed.count))
    }
}
