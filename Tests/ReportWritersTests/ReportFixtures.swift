import ScanModel
import Testing

/// Scan reports the writer tests render: one per kind of image, built in code so every field is deliberate.
///
/// The vulnerability scan's outcomes are spread over them: Debian has findings of every severity (a CVE with a GHSA
/// alias, fix-less ones, a label-only one) and two suppressed ones listed; Alpine a finding with no severity or
/// title and a suppressed one only counted; Rocky one flaw in both multilib twins, CVSS v4 and v2 ratings, and an
/// empty suppressed list; the root filesystem had no vulnerability scan at all. Only the Alpine application image had
/// a secret scan: its findings cover every category and source, a deleted-but-recoverable file, and findings with
/// and without a line or a layer. The two registry pulls carry a trust verdict: one pinned and signed (a signature that
/// verified and one checked against the wrong key), one by tag with no signature, whose trust findings are hardening
/// findings.
struct ReportFixture: Sendable, CustomTestStringConvertible {
    /// The scenario, also the stem of the golden files (`debian-12.cdx.json`).
    let name: String
    let report: ScanReport

    var testDescription: String { name }

    static let all: [ReportFixture] = [
        debian, alpine, rocky, rootFilesystem, alpineApplication, registrySigned, registryUnsigned,
    ]

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
        var report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "docker-archive:debian-12.tar", sourceKind: "docker-archive", imageID: digest("4f1c"),
                repoTags: ["debian:12"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)",
                    evidence: ImagePath("etc/os-release")),
                layers: [base, apt]),
            packages: packages, warnings: [])
        let (libssl, bash, libc) = (packages[0], packages[2], packages[3])
        let debian = "Debian:12"
        // Listed out of order on purpose: every writer sorts them.
        report.vulnerabilities = [
            finding(
                "CVE-2022-3715", in: bash, ecosystem: debian, fixed: nil, severity: .low,
                source: "label 'low' from DEBIAN-CVE-2022-3715",
                title: "bash: a heap-buffer-overflow in valid_parameter_transform",
                aliases: ["DEBIAN-CVE-2022-3715"],
                references: ["https://security-tracker.debian.org/tracker/CVE-2022-3715"]),
            finding(
                "CVE-2023-5678", in: libssl, ecosystem: debian, fixed: "3.0.13-1~deb12u1", severity: .medium,
                source: "CVSS v3.1 base score 5.3 from DEBIAN-CVE-2023-5678",
                cvss: [cvss("3.1", "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3, "DEBIAN-CVE-2023-5678")],
                title: "openssl: Generating excessively long X9.42 DH keys or checking excessively long X9.42 DH keys "
                    + "or parameters may be very slow",
                aliases: ["DEBIAN-CVE-2023-5678"],
                references: ["https://www.openssl.org/news/secadv/20231106.txt"]),
            finding(
                "CVE-2024-2961", in: libc, ecosystem: debian, fixed: "2.36-9+deb12u7", severity: .high,
                source: "CVSS v3.1 base score 8.8 from GHSA-w8c6-3vq2-rh4p",
                cvss: [
                    cvss("3.1", "AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, "GHSA-w8c6-3vq2-rh4p"),
                    cvss("3.1", "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:L", 7.3, "DEBIAN-CVE-2024-2961"),
                ],
                title: "glibc: Out of bounds write in iconv may lead to remote code execution",
                aliases: ["DEBIAN-CVE-2024-2961", "GHSA-w8c6-3vq2-rh4p"],
                references: [
                    "https://sourceware.org/git/?p=glibc.git;a=blob;f=advisories/GLIBC-SA-2024-0004",
                    "https://security-tracker.debian.org/tracker/CVE-2024-2961",
                ]),
            finding(
                "CVE-2010-4756", in: libc, ecosystem: debian, fixed: nil, severity: .negligible,
                source: "label 'unimportant' from DEBIAN-CVE-2010-4756",
                title: "glibc: glob implementation can cause excessive CPU and memory consumption",
                aliases: ["DEBIAN-CVE-2010-4756"], references: ["not a link: see the Debian tracker"]),
            finding(
                "CVE-2024-5535", in: libssl, ecosystem: debian, fixed: "3.0.14-1~deb12u1", severity: .critical,
                source: "CVSS v3.1 base score 9.1 from DEBIAN-CVE-2024-5535",
                cvss: [cvss("3.1", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", 9.1, "DEBIAN-CVE-2024-5535")],
                title: "openssl: SSL_select_next_proto buffer overread",
                aliases: ["DEBIAN-CVE-2024-5535", "DSA-5721-1"],
                references: ["https://www.openssl.org/news/secadv/20240627.txt"]),
        ]
        report.suppressedCount = 2
        report.suppressedVulnerabilities = [
            finding(
                "CVE-2023-6246", in: libc, ecosystem: debian, fixed: "2.36-9+deb12u5", severity: .high,
                source: "CVSS v3.1 base score 7.8 from DEBIAN-CVE-2023-6246",
                cvss: [cvss("3.1", "AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "DEBIAN-CVE-2023-6246")],
                title: "glibc: heap-based buffer overflow in __vsyslog_internal()", aliases: ["DEBIAN-CVE-2023-6246"],
                suppression: Suppression(
                    kind: .ignoreRule, reason: "No setuid programs in this image", source: ".plimsollignore",
                    expires: "2024-12-31")),
            finding(
                "CVE-2024-0727", in: libssl, ecosystem: debian, fixed: "3.0.13-1~deb12u1", severity: .medium,
                source: "CVSS v3.1 base score 5.5 from DEBIAN-CVE-2024-0727",
                cvss: [cvss("3.1", "AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "DEBIAN-CVE-2024-0727")],
                title: "openssl: denial of service via null dereference", aliases: ["DEBIAN-CVE-2024-0727"],
                suppression: Suppression(
                    kind: .vex, reason: "not_affected", justification: "vulnerable_code_not_in_execute_path",
                    source: "vex/openssl.openvex.json")),
        ]
        report.advisoryDatabase = AdvisoryDatabaseInfo(
            path: "/root/.cache/plimsoll/advisories.sqlite", updatedAt: "2024-04-29T06:00:00Z",
            recordCounts: ["Debian:12": 41_812, "Alpine:v3.19": 2_731])
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
        var report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "oci-layout:alpine", sourceKind: "oci-layout", imageID: digest("c0f1"),
                manifestDigest: digest("e5f6"), repoTags: ["docker.io/library/alpine:3.19"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19",
                    evidence: ImagePath("etc/os-release")),
                layers: [layer]),
            packages: packages, warnings: [])
        let alpine = "Alpine:v3.19"
        report.vulnerabilities = [
            finding(
                "CVE-2023-45853", in: packages[4], ecosystem: alpine, fixed: nil, severity: .unknown, source: nil,
                title: nil),
            finding(
                "CVE-2024-0727", in: packages[3], ecosystem: alpine, fixed: "3.1.4-r6", severity: .medium,
                source: "CVSS v3.1 base score 5.5 from CVE-2024-0727",
                cvss: [cvss("3.1", "AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "CVE-2024-0727")],
                title: "openssl: denial of service via null dereference",
                references: ["https://www.openssl.org/news/secadv/20240125.txt"]),
            finding(
                "CVE-2023-42366", in: packages[1], ecosystem: alpine, fixed: "1.36.1-r16", severity: .medium,
                source: "CVSS v3.1 base score 5.5 from CVE-2023-42366",
                cvss: [cvss("3.1", "AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "CVE-2023-42366")],
                title: "busybox: a heap-buffer-overflow in awk",
                references: ["https://bugs.busybox.net/show_bug.cgi?id=15874"]),
        ]
        report.suppressedCount = 1
        report.advisoryDatabase = AdvisoryDatabaseInfo(
            path: "/var/cache/plimsoll/advisories.sqlite", updatedAt: nil, recordCounts: ["Alpine:v3.19": 2_731])
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
        var report = ScanReport(
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
        let rocky = "Rocky Linux:9"
        // One flaw in both multilib twins: two findings, one SARIF rule, two alerts.
        let iconv = [packages[1], packages[2]].map { glibc in
            finding(
                "CVE-2024-2961", in: glibc, ecosystem: rocky, fixed: "2.34-100.el9_4.2", severity: .high,
                source: "label 'Important' from RLSA-2024:2722",
                cvss: [
                    cvss("4.0", "AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.2, "RLSA-2024:2722"),
                    cvss("3.1", "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:L", 7.3, "RLSA-2024:2722"),
                ],
                title: "glibc: Out of bounds write in iconv may lead to remote code execution",
                aliases: ["RLSA-2024:2722"], references: ["https://errata.rockylinux.org/RLSA-2024:2722"])
        }
        report.vulnerabilities =
            iconv + [
                finding(
                    "CVE-2023-3817", in: packages[0], ecosystem: rocky, installed: "1:3.0.7-25.el9_3",
                    fixed: "1:3.0.7-27.el9", severity: .medium, source: "CVSS v2.0 base score 5.0 from RLSA-2024:0310",
                    cvss: [cvss("2.0", "AV:N/AC:L/Au:N/C:N/I:N/A:P", 5.0, "RLSA-2024:0310")],
                    title: "openssl: Excessive time spent checking DH q parameter value",
                    aliases: ["RLSA-2024:0310"], references: ["https://errata.rockylinux.org/RLSA-2024:0310"])
            ]
        report.suppressedCount = 0
        report.suppressedVulnerabilities = []
        report.advisoryDatabase = AdvisoryDatabaseInfo(
            path: "/var/cache/plimsoll/advisories.sqlite", updatedAt: "2024-05-01T09:30:00Z",
            recordCounts: ["Rocky Linux:9": 5_120])
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

    /// An application on Alpine, scanned for vulnerabilities and secrets: `COPY . /app`, then a build step that clones
    /// with a token (masked in its `createdBy`, as the scanner leaves it) and deletes the AWS credentials it copied.
    static let alpineApplication: ReportFixture = {
        let base = alpineBaseLayer
        let app = LayerReference(
            index: 1, digest: digest("6c6d"), diffID: digest("d6c6"), size: 48_120, createdBy: "COPY . /app # buildkit")
        let build = LayerReference(
            index: 2, digest: digest("7e7f"), diffID: digest("f7e7"), size: 2_048,
            createdBy: "RUN git clone https://ci:ghp_****(40)@example.com/app.git /src && rm /app/.aws/credentials")
        let busybox = alpineBusybox(in: base)
        var report = ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: "docker-archive:app.tar", sourceKind: "docker-archive", imageID: digest("a9a8"),
                repoTags: ["example/app:1.4"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19",
                    evidence: ImagePath("etc/os-release")),
                layers: [base, app, build]),
            packages: [busybox],
            warnings: [
                "layer 1: 2 file(s) larger than 10485760 bytes were not searched for secrets (--secret-max-file-size)"
            ])
        report.vulnerabilities = [
            finding(
                "CVE-2023-42366", in: busybox, ecosystem: "Alpine:v3.19", fixed: "1.36.1-r16", severity: .medium,
                source: "CVSS v3.1 base score 5.5 from CVE-2023-42366",
                cvss: [cvss("3.1", "AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "CVE-2023-42366")],
                title: "busybox: a heap-buffer-overflow in awk",
                references: ["https://bugs.busybox.net/show_bug.cgi?id=15874"])
        ]
        report.suppressedCount = 0
        report.advisoryDatabase = AdvisoryDatabaseInfo(
            path: "/var/cache/plimsoll/advisories.sqlite", updatedAt: "2024-05-01T09:30:00Z",
            recordCounts: ["Alpine:v3.19": 2_731])
        // Listed out of order on purpose: every writer sorts them.
        report.secrets = [
            SecretFinding(
                ruleID: "PLM-SECRET-FS-SETUID", category: .filesystem,
                title: "Set-user-ID executable not installed by a package", severity: .high,
                path: ImagePath("usr/local/bin/su-exec"), line: nil, match: "mode 4755, uid 0, gid 0", layer: app),
            SecretFinding(
                ruleID: "PLM-SECRET-GITHUB-PAT", category: .secret, title: "GitHub personal access token (classic)",
                severity: .critical, path: ImagePath("history:3"), line: nil, match: "ghp_****(40)", layer: build,
                source: .history),
            SecretFinding(
                ruleID: "PLM-SECRET-CERTIFICATE-EXPIRED", category: .certificate, title: "Expired certificate",
                severity: .low, path: ImagePath("app/certs/dev server.pem"), line: 1,
                match: "CN=dev.example.com, expired 2023-06-30", layer: app),
            SecretFinding(
                ruleID: "PLM-SECRET-GENERIC-PASSWORD", category: .secret, title: "Hard-coded password",
                severity: .high, path: ImagePath("config:Env"), line: 3, match: "DB_PASSWORD=****", source: .environment
            ),
            SecretFinding(
                ruleID: "PLM-SECRET-AWS-SECRET-ACCESS-KEY", category: .secret, title: "AWS secret access key",
                severity: .critical, path: ImagePath("app/.aws/credentials"), line: 3, match: "****(40)", layer: app,
                isDeletedButRecoverable: true),
            SecretFinding(
                ruleID: "PLM-SECRET-AWS-ACCESS-KEY-ID", category: .secret, title: "AWS access key ID", severity: .high,
                path: ImagePath("app/.aws/credentials"), line: 2, match: "AKIA****(20)", layer: app,
                isDeletedButRecoverable: true),
            SecretFinding(
                ruleID: "PLM-SECRET-NPM-TOKEN", category: .secret, title: "npm access token", severity: .critical,
                path: ImagePath("config:Cmd"), line: nil, match: "npm_****(40)", source: .command),
            SecretFinding(
                ruleID: "PLM-SECRET-SLACK-WEBHOOK", category: .secret, title: "Slack webhook URL", severity: .medium,
                path: ImagePath("config:Labels"), line: 1, match: "https://hooks.slack.com/services/****(44)",
                source: .label),
            SecretFinding(
                ruleID: "PLM-SECRET-FILE-SSH-PRIVATE-KEY", category: .sensitiveFile, title: "SSH private key file",
                severity: .critical, path: ImagePath("root/.ssh/id_ed25519"), line: nil, match: "OpenSSH private key",
                layer: app),
        ]
        return ReportFixture(name: "alpine-3.19-app", report: report)
    }()

    /// An Alpine image pulled from a registry by digest, whose signature policy found two signatures: a cosign tag
    /// signature that verified, and a referrer signed by a key the policy does not trust.
    static let registrySigned: ReportFixture = {
        let manifest = digest("ab12")
        let reference = "registry.example.com/team/app:1.4@\(manifest)"
        let key = "sha256:" + String(repeating: "ef56", count: 16)
        var report = registryPull(named: reference, manifest: manifest)
        report.trust = TrustVerdict(
            reference: reference, manifestDigest: manifest, indexDigest: digest("cd34"), isPinned: true,
            signatureStatus: .verified,
            signatures: [
                SignatureCheck(
                    location: "tag sha256-\(manifest.encoded).sig", format: "cosign simple signing", key: key,
                    detail: "Verified with the policy's key over this manifest digest."),
                SignatureCheck(
                    location: "referrer \(digest("0a0b"))", format: "sigstore bundle",
                    key: "sha256:" + String(repeating: "9c8d", count: 16), failure: .wrongKey,
                    detail: "Well formed, but no key the policy trusts verifies it."),
            ],
            policy: "registry.example.com/team",
            message: "Pinned by digest; 1 of 2 signatures verified with a trusted key.")
        return ReportFixture(name: "registry-signed", report: report)
    }()

    /// The same image pulled by tag from a registry whose policy asks for a signature, and none was found.
    static let registryUnsigned: ReportFixture = {
        let manifest = digest("ab12")
        let reference = "registry.example.com/team/app:1.4"
        var report = registryPull(named: reference, manifest: manifest)
        report.trust = TrustVerdict(
            reference: reference, manifestDigest: manifest, isPinned: false, signatureStatus: .missing,
            policy: "registry.example.com/team",
            message: "No signature was found for \(manifest); the policy for registry.example.com/team requires one.")
        report.hardening = [
            HardeningFinding(
                ruleID: "PLM-TRUST-SIGNATURE-MISSING", category: .trust, title: "Image signature missing",
                severity: .high,
                message:
                    "No signature was found for \(manifest); the policy for registry.example.com/team requires one."),
            HardeningFinding(
                ruleID: "PLM-TRUST-UNPINNED", category: .trust, title: "Image not pinned by digest", severity: .low,
                message: "\(reference) names a tag, which can move; pull it by digest: registry.example.com/team/app@"
                    + manifest.description),
        ]
        return ReportFixture(name: "registry-unsigned", report: report)
    }()

    /// The base layer of the Alpine fixtures.
    static let alpineBaseLayer = LayerReference(
        index: 0, digest: digest("5a5b"), diffID: digest("b5a5"), size: 3_401_613,
        createdBy: "ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit")

    /// Alpine's busybox, installed by `layer`.
    static func alpineBusybox(in layer: LayerReference) -> ReportedPackage {
        ReportedPackage(
            id: "0b22", name: "busybox", version: "1.36.1-r15", type: .apk,
            purl: PackageURL(
                type: "apk", namespace: "alpine", name: "busybox", version: "1.36.1-r15",
                qualifiers: ["arch": "x86_64", "distro": "3.19.1"]),
            architecture: "x86_64", epoch: nil, source: SourcePackage(name: "busybox", version: nil),
            licenses: ["GPL-2.0-only"], layer: layer, paths: [ImagePath("lib/apk/db/installed")], modularityLabel: nil)
    }

    /// A one-package Alpine image as a registry pull records it: a manifest digest, the tag as its repository tag.
    static func registryPull(named name: String, manifest: Digest) -> ScanReport {
        let layer = alpineBaseLayer
        let busybox = alpineBusybox(in: layer)
        return ScanReport(
            scanner: scanner, createdAt: "2024-05-01T12:00:00Z",
            target: ScanTarget(
                name: name, sourceKind: "registry", imageID: digest("a9a8"), manifestDigest: manifest,
                repoTags: ["registry.example.com/team/app:1.4"], platform: "linux/amd64",
                operatingSystem: OperatingSystem(
                    id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19",
                    evidence: ImagePath("etc/os-release")),
                layers: [layer]),
            packages: [busybox], warnings: [])
    }

    /// A finding for `package` as the matcher would assemble it; the advisory data is illustrative, not a record.
    static func finding(
        _ id: String, in package: ReportedPackage, ecosystem: String, installed: String? = nil, fixed: String?,
        severity: Severity, source: String?, cvss: [CVSSRating] = [], title: String?, aliases: [String] = [],
        references: [String] = [], suppression: Suppression? = nil
    ) -> VulnerabilityFinding {
        let installedVersion = installed ?? package.source?.version ?? package.version
        let advisory = aliases.first ?? id
        let comparison = fixed.map { "\(installedVersion) < fixed \($0)" } ?? "no fixed version, every version affected"
        return VulnerabilityFinding(
            id: id, aliases: aliases, packageID: package.id, packageName: package.name, packageType: package.type,
            purl: package.purl, installedVersion: installedVersion, fixedVersion: fixed, severity: severity,
            severitySource: source, cvss: cvss, title: title, layer: package.layer,
            path: package.paths.first ?? ImagePath.root, explanation: "\(advisory) (\(ecosystem)): \(comparison)",
            references: references, suppression: suppression)
    }

    /// A CVSS rating with the `CVSS:<version>/` prefix v3 and v4 vectors carry.
    static func cvss(_ version: String, _ metrics: String, _ score: Double, _ source: String) -> CVSSRating {
        CVSSRating(
            version: version, vector: version.hasPrefix("2") ? metrics : "CVSS:\(version)/\(metrics)",
            baseScore: score, source: source)
    }

    /// A sha256 digest whose hex repeats `seed` (four hex digits), so fixtures read well and never collide.
    static func digest(_ seed: String) -> Digest {
        Digest(algorithm: .sha256, encoded: String(repeating: seed, count: 64 / seed.count))
    }
}
