import ScanModel

/// The end-of-life dates of distribution releases, as the vendors publish them.
///
/// Checked on `checkedOn` against the vendors' release pages (and endoflife.date). Dates marked *unsure* in
/// `docs/rules/base-image.md` are announced as a month, not a day, or were projected from the vendor's policy; the
/// table uses the last day of that month. Update the table and `checkedOn` together.
public enum EndOfLife {
    /// The day the table was last checked.
    public static let checkedOn = "2026-11-29"

    /// One release's support window.
    public struct Release: Sendable, Hashable {
        /// The os-release `ID` (`debian`, `ubuntu`, `alpine`, `rhel`, `rocky`, `almalinux`, `amzn`, `fedora`, `sles`,
        /// `opensuse-leap`, `centos`).
        public var distribution: String
        /// The release as `VERSION_ID` starts (`12`, `22.04`, `3.19`, `9`, `2023`, `15.6`).
        public var version: String
        /// The last day of security fixes an image of the release gets, `YYYY-MM-DD`.
        public var endOfLife: String
        /// What the date is, when it is not plain end of support (`Debian LTS`).
        public var note: String?
    }

    /// The releases, newest last within each distribution.
    public static let releases: [Release] = [
        // Debian: the date is the end of Debian LTS, whose fixes reach the same public archive images use.
        Release(distribution: "debian", version: "9", endOfLife: "2022-06-30", note: "Debian LTS"),
        Release(distribution: "debian", version: "10", endOfLife: "2024-06-30", note: "Debian LTS"),
        Release(distribution: "debian", version: "11", endOfLife: "2026-08-31", note: "Debian LTS"),
        Release(
            distribution: "debian", version: "12", endOfLife: "2028-06-30",
            note: "Debian LTS; regular security support ended 2026-06-10"),
        Release(distribution: "debian", version: "13", endOfLife: "2030-06-30", note: "Debian LTS (planned)"),
        // Ubuntu: standard support; Expanded Security Maintenance needs an Ubuntu Pro subscription.
        Release(distribution: "ubuntu", version: "16.04", endOfLife: "2021-04-30", note: "standard; ESM to 2026-04"),
        Release(distribution: "ubuntu", version: "18.04", endOfLife: "2023-05-31", note: "standard; ESM to 2028-04"),
        Release(distribution: "ubuntu", version: "20.04", endOfLife: "2025-05-31", note: "standard; ESM to 2030-04"),
        Release(distribution: "ubuntu", version: "22.04", endOfLife: "2027-05-31", note: "standard; ESM to 2032-04"),
        Release(distribution: "ubuntu", version: "23.10", endOfLife: "2024-07-11"),
        Release(distribution: "ubuntu", version: "24.04", endOfLife: "2029-05-31", note: "standard; ESM to 2034-04"),
        Release(distribution: "ubuntu", version: "24.10", endOfLife: "2025-07-10"),
        Release(distribution: "ubuntu", version: "25.04", endOfLife: "2026-01-31"),
        Release(distribution: "ubuntu", version: "25.10", endOfLife: "2026-07-31"),
        Release(distribution: "ubuntu", version: "26.04", endOfLife: "2031-05-31", note: "standard; ESM to 2036-04"),
        // Alpine: two years per branch, main repository.
        Release(distribution: "alpine", version: "3.15", endOfLife: "2023-11-01"),
        Release(distribution: "alpine", version: "3.16", endOfLife: "2024-05-23"),
        Release(distribution: "alpine", version: "3.17", endOfLife: "2024-11-22"),
        Release(distribution: "alpine", version: "3.18", endOfLife: "2025-05-09"),
        Release(distribution: "alpine", version: "3.19", endOfLife: "2025-11-01"),
        Release(distribution: "alpine", version: "3.20", endOfLife: "2026-04-01"),
        Release(distribution: "alpine", version: "3.21", endOfLife: "2026-11-01"),
        Release(distribution: "alpine", version: "3.22", endOfLife: "2027-05-01"),
        Release(distribution: "alpine", version: "3.23", endOfLife: "2027-11-01"),
        Release(distribution: "alpine", version: "3.24", endOfLife: "2028-05-01", note: "projected"),
        // Red Hat Enterprise Linux and UBI: end of maintenance support (Extended Life Support is paid).
        Release(distribution: "rhel", version: "7", endOfLife: "2024-06-30", note: "maintenance; ELS to 2028-06-30"),
        Release(distribution: "rhel", version: "8", endOfLife: "2029-05-31"),
        Release(distribution: "rhel", version: "9", endOfLife: "2032-05-31"),
        Release(distribution: "rhel", version: "10", endOfLife: "2035-05-31"),
        Release(distribution: "centos", version: "7", endOfLife: "2024-06-30"),
        Release(distribution: "centos", version: "8", endOfLife: "2021-12-31", note: "CentOS Stream 8: 2024-05-31"),
        Release(distribution: "centos", version: "9", endOfLife: "2027-05-31", note: "CentOS Stream 9"),
        Release(distribution: "rocky", version: "8", endOfLife: "2029-05-31"),
        Release(distribution: "rocky", version: "9", endOfLife: "2032-05-31"),
        Release(distribution: "rocky", version: "10", endOfLife: "2035-05-31"),
        Release(distribution: "almalinux", version: "8", endOfLife: "2029-03-01"),
        Release(distribution: "almalinux", version: "9", endOfLife: "2032-05-31"),
        Release(distribution: "almalinux", version: "10", endOfLife: "2035-05-31"),
        // Amazon Linux.
        Release(distribution: "amzn", version: "2018.03", endOfLife: "2023-12-31", note: "Amazon Linux 1"),
        Release(distribution: "amzn", version: "2", endOfLife: "2026-06-30"),
        Release(distribution: "amzn", version: "2023", endOfLife: "2029-06-30", note: "maintenance support"),
        // Fedora: about 13 months per release.
        Release(distribution: "fedora", version: "38", endOfLife: "2024-05-21"),
        Release(distribution: "fedora", version: "39", endOfLife: "2024-11-26"),
        Release(distribution: "fedora", version: "40", endOfLife: "2025-05-13"),
        Release(distribution: "fedora", version: "41", endOfLife: "2025-12-15"),
        Release(distribution: "fedora", version: "42", endOfLife: "2026-05-31"),
        Release(distribution: "fedora", version: "43", endOfLife: "2026-12-31"),
        // SUSE: general support of the service-pack line; openSUSE Leap per minor release.
        Release(distribution: "sles", version: "12", endOfLife: "2024-10-31", note: "general; LTSS to 2027-10-31"),
        Release(distribution: "sles", version: "15", endOfLife: "2031-07-31", note: "general; LTSS to 2034-07-31"),
        Release(distribution: "opensuse-leap", version: "15.5", endOfLife: "2024-12-31"),
        Release(distribution: "opensuse-leap", version: "15.6", endOfLife: "2026-04-30"),
        Release(distribution: "opensuse-leap", version: "16.0", endOfLife: "2027-10-31"),
    ]

    /// The table entry for `distribution` at `versionID`: the longest table version that is `versionID` or a prefix
    /// of it at a `.` boundary (`3.19.1` → `3.19`, `9.4` → `9`, `15.6` → `15.6` for Leap, `15` for SLES).
    public static func release(distribution: String, versionID: String) -> Release? {
        let candidates = releases.filter { release in
            release.distribution == distribution
                && (versionID == release.version || versionID.hasPrefix(release.version + "."))
        }
        return candidates.max { $0.version.count < $1.version.count }
    }

    /// Where a release with end of life `endOfLife` stands on `today` (both `YYYY-MM-DD`): past it, within 90 days
    /// of it, or supported.
    public static func status(endOfLife: String, today: String) -> BaseImageAssessment.SupportStatus {
        guard let end = dayNumber(endOfLife), let now = dayNumber(today) else { return .unknown }
        if now > end { return .endOfLife }
        return end - now <= 90 ? .nearEndOfLife : .supported
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), or `nil` when it is not one.
    static func dayNumber(_ date: String) -> Int? {
        let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let month = parts[1]
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + parts[2] - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
