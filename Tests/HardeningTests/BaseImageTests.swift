import ScanModel
import Testing

@testable import Hardening

struct EndOfLifeTests {
    @Test(
        "Looks up a release by VERSION_ID",
        arguments: [
            ("debian", "12", "2028-06-30"), ("alpine", "3.19.1", "2025-11-01"), ("rhel", "9.4", "2032-05-31"),
            ("ubuntu", "22.04", "2027-05-31"), ("amzn", "2023", "2029-06-30"), ("opensuse-leap", "15.6", "2026-04-30"),
            ("sles", "15.6", "2031-07-31"),
        ])
    func lookup(distribution: String, version: String, endOfLife: String) {
        #expect(EndOfLife.release(distribution: distribution, versionID: version)?.endOfLife == endOfLife)
    }

    @Test func unknownReleasesAreNotGuessed() {
        #expect(EndOfLife.release(distribution: "alpine", versionID: "3.1") == nil)
        #expect(EndOfLife.release(distribution: "debian", versionID: "120") == nil)
        #expect(EndOfLife.release(distribution: "plan9", versionID: "4") == nil)
    }

    @Test(
        "Status on a fixed day",
        arguments: [
            ("2026-11-01", BaseImageAssessment.SupportStatus.endOfLife), ("2026-10-31", .nearEndOfLife),
            ("2026-08-02", .nearEndOfLife), ("2026-08-01", .supported),
        ])
    func status(today: String, expected: BaseImageAssessment.SupportStatus) {
        #expect(EndOfLife.status(endOfLife: "2026-10-31", today: today) == expected)
    }

    @Test func dayNumbersCountFromTheEpoch() {
        #expect(EndOfLife.dayNumber("1970-01-01") == 0)
        #expect(EndOfLife.dayNumber("2000-03-01") == 11_017)
        #expect(EndOfLife.dayNumber("2026-13-01") == nil)
    }

    @Test func everyTableDateIsADate() {
        for release in EndOfLife.releases { #expect(EndOfLife.dayNumber(release.endOfLife) != nil, "\(release)") }
    }
}

struct BaseImageClassifierTests {
    static func system(_ id: String, _ version: String? = nil, distroless: Bool = false) -> OperatingSystem {
        OperatingSystem(id: id, versionID: version, isDistroless: distroless, evidence: ImagePath("etc/os-release"))
    }

    @Test(
        "Classifies images",
        arguments: [
            (nil, [], 3, false, BaseImageAssessment.Kind.scratch),
            (nil, [], 50_000, false, .unknown),
            (system("debian", "12", distroless: true), ["base-files", "libc6"], 900, false, .distroless),
            (system("wolfi"), ["glibc", "ca-certificates-bundle"], 200, false, .distroless),
            (system("wolfi"), ["glibc", "busybox", "apk-tools"], 400, false, .minimal),
            (system("alpine", "3.20.3"), ["musl", "busybox", "apk-tools"], 500, false, .minimal),
            (system("debian", "12"), ["bash", "dpkg", "apt"], 5_000, true, .minimal),
            (system("debian", "12"), ["bash", "dpkg", "apt"], 9_000, false, .full),
            (system("rhel", "9.4"), ["bash", "rpm", "microdnf"], 4_000, false, .minimal),
            (system("rhel", "9.4"), ["bash", "rpm"], 1_000, false, .minimal),
            (system("rhel", "9.4"), ["bash", "rpm", "dnf", "yum"], 20_000, false, .full),
            (system("ubuntu", "24.04"), ["bash", "dpkg", "apt"], 5_000, false, .full),
        ] as [(OperatingSystem?, [String], Int, Bool, BaseImageAssessment.Kind)])
    func classification(
        system: OperatingSystem?, packages: [String], files: Int, slim: Bool, expected: BaseImageAssessment.Kind
    ) {
        let facts = BaseImageFacts(
            operatingSystem: system, packageNames: packages, fileCount: files, hasSlimDpkgExcludes: slim)
        #expect(BaseImageClassifier.kind(of: facts) == expected)
    }

    @Test func countsWhatAMinimalImageWouldRemove() {
        let removable = BaseImageClassifier.removablePackages(
            ["bash", "dash", "apt", "dpkg", "gcc-12", "g++-12", "make", "libc6", "zlib1g", "cpp-12"])
        #expect(removable["shell"] == ["bash", "dash"])
        #expect(removable["package-manager"] == ["apt", "dpkg"])
        #expect(removable["compiler"] == ["cpp-12", "g++-12", "gcc-12", "make"])
    }

    @Test func fullDebianPastEndOfLifeGivesBothFindings() {
        var debian = Self.system("debian", "10")
        debian.codename = "buster"
        let facts = BaseImageFacts(operatingSystem: debian, packageNames: ["bash", "apt", "gcc-8"], fileCount: 9_000)
        let (assessment, findings) = BaseImageAssessor.assess(facts, today: "2026-11-29")
        #expect(assessment.kind == .full)
        #expect(assessment.status == .endOfLife)
        #expect(assessment.suggestedAlternative?.contains("debian:buster-slim") == true)
        #expect(
            findings.map(\.ruleID).sorted() == [
                BaseImageAssessor.endOfLifeRule, BaseImageAssessor.fullDistributionRule,
            ])
    }

    @Test func supportedAlpineGivesNoFinding() {
        let facts = BaseImageFacts(operatingSystem: Self.system("alpine", "3.22.1"), packageNames: ["busybox"])
        let (assessment, findings) = BaseImageAssessor.assess(facts, today: "2026-01-10")
        #expect(assessment.kind == .minimal)
        #expect(assessment.status == .supported)
        #expect(findings.isEmpty)
    }

    @Test func releaseMissingFromTheTableIsNoted() {
        let facts = BaseImageFacts(operatingSystem: Self.system("alpine", "2.7"))
        let (assessment, findings) = BaseImageAssessor.assess(facts, today: "2026-11-29")
        #expect(assessment.status == .unknown)
        #expect(findings.map(\.ruleID) == [BaseImageAssessor.unknownReleaseRule])
    }
}
