import ScanModel

/// Writes the report as plain text for a terminal: a summary of the image, the trust verdict for an image pulled from a
/// registry, one row per package, the vulnerabilities when the scan matched advisories, then warnings.
///
/// ```
/// Target:    docker-archive:debian.tar
/// Image ID:  4f1c3c9ab3e2
/// OS:        Debian GNU/Linux 12 (bookworm)
/// Platform:  linux/amd64
/// Layers:    2
/// Packages:  2
///
/// NAME   VERSION          TYPE  SOURCE  LAYER
/// bash   5.2.15-2+b7      deb   -       1 9c4e1d2a7b3f
/// libc6  2.36-9+deb12u4   deb   glibc   0 1d9e8c7f6a5b
///
/// Vulnerabilities: 1 (CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0, UNKNOWN: 0)
/// Advisory database: /var/cache/plimsoll/advisories.sqlite, updated 2024-04-29T06:00:00Z (3 days before the scan)
///
/// PACKAGE  VULNERABILITY ID  SEVERITY  INSTALLED       FIXED           TITLE
/// libc6    CVE-2023-4911     HIGH      2.36-9+deb12u2  2.36-9+deb12u3  glibc: buffer overflow in ld.so
/// ```
///
/// Packages are sorted by type, then name. Vulnerabilities are grouped by package, the package with the most
/// severe finding first, and sorted by severity within a package; the package table stays, as the inventory.
/// Column widths follow the content up to ``maximumColumnWidth``; longer cells end in `…`. Control characters
/// from the image or the advisory database (a package name cannot be trusted to be printable) are shown as `?`, so
/// a crafted name cannot move the cursor or change colors. No colors are used.
public struct TableReportWriter: ReportWriter {
    /// The widest a column may grow, in characters, before its cells are truncated.
    public var maximumColumnWidth: Int

    /// Creates a writer.
    ///
    /// - Parameter maximumColumnWidth: The widest a column may grow, in characters; at least 2.
    public init(maximumColumnWidth: Int = 40) {
        self.maximumColumnWidth = max(2, maximumColumnWidth)
    }

    public func render(_ report: ScanReport) throws -> [UInt8] {
        var lines = header(report)
        if let trust = report.trust {
            lines += trustSection(trust)
        }
        lines.append("")
        let packages = report.packagesInCanonicalOrder
        if packages.isEmpty {
            lines.append("No packages found.")
        } else {
            let names = displayNames(of: packages)
            lines += table(
                headings: ["NAME", "VERSION", "TYPE", "SOURCE", "LAYER"],
                rows: zip(names, packages).map { name, package in
                    [name, package.versionWithEpoch, kind(of: package), source(of: package), layer(of: package)]
                })
        }
        if report.vulnerabilities != nil {
            lines += vulnerabilitySection(
                report,
                displayNames: Dictionary(
                    zip(packages.map(\.id), displayNames(of: packages)), uniquingKeysWith: { first, _ in first }))
        }
        if let secrets = report.secrets {
            lines += secretSection(secrets)
        }
        if let baseImage = report.baseImage {
            lines += baseImageSection(baseImage)
        }
        if let hardening = report.hardening {
            lines += hardeningSection(hardening)
        }
        if !report.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings (\(report.warnings.count)):")
            for warning in report.warnings {
                let warningLines = Self.printable(warning, keepingLineBreaks: true).split(
                    separator: "\n", omittingEmptySubsequences: false)
                for (position, line) in warningLines.enumerated() {
                    lines.append((position == 0 ? "  - " : "    ") + line)
                }
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The verdict in one line, then one row per signature found: where, what the check concluded, and why.
    ///
    /// The locations and details come from the registry, so every cell is made printable.
    private func trustSection(_ verdict: TrustVerdict) -> [String] {
        var lines = ["", "Trust: " + Self.printable(verdict.summary, keepingLineBreaks: false)]
        guard !verdict.signatures.isEmpty else { return lines }
        lines.append("")
        lines += table(
            headings: ["SIGNATURE", "RESULT", "DETAIL"],
            rows: verdict.signatures.map { [$0.location, $0.result, $0.detail] })
        return lines
    }

    /// One line: the base image's kind, release and end of life.
    private func baseImageSection(_ assessment: BaseImageAssessment) -> [String] {
        var line = "Base image: \(assessment.kind.rawValue)"
        if let system = assessment.operatingSystem { line += ", \(system)" }
        if let end = assessment.endOfLife {
            line += ", end of life \(end) (\(assessment.status.rawValue.split(separator: "-").joined(separator: " ")))"
        }
        if let checked = assessment.tableCheckedOn, assessment.endOfLife != nil { line += ", table checked \(checked)" }
        return ["", Self.printable(line + ".", keepingLineBreaks: false)]
    }

    /// Image and base-image findings one row each; binary findings one row per rule with the number of files.
    private func hardeningSection(_ findings: [HardeningFinding]) -> [String] {
        var lines = ["", "Hardening: " + (findings.isEmpty ? "no findings." : "\(findings.count) finding(s).")]
        guard !findings.isEmpty else { return lines }
        var rows: [[String]] = []
        for finding in findings where finding.category != .binary {
            let place = (finding.file ?? "-") + (finding.line.map { ":\($0)" } ?? "")
            rows.append([
                finding.severity.rawValue.uppercased(), finding.ruleID,
                Self.printable(place, keepingLineBreaks: false),
                Self.printable(finding.message, keepingLineBreaks: false),
            ])
        }
        let binary = Dictionary(grouping: findings.filter { $0.category == .binary }, by: \.ruleID)
        for (rule, group) in binary.sorted(by: { $0.key < $1.key }) {
            let files = group.compactMap(\.file).sorted()
            let packaged = group.count - files.count
            var summary = "\(files.count) file(s)"
            if let first = files.first { summary += ", e.g. \(first)" }
            if packaged > 0 { summary += "; plus files installed by OS packages (see the JSON report)" }
            rows.append([
                (group.map(\.severity).max() ?? .negligible).rawValue.uppercased(), rule, "binaries",
                Self.printable(summary, keepingLineBreaks: false),
            ])
        }
        lines.append("")
        lines += table(headings: ["SEVERITY", "RULE", "WHERE", "DETAIL"], rows: rows)
        return lines
    }

    /// A count by severity, then one row per finding: severity, rule, where, the masked match and the layer.
    private func secretSection(_ secrets: [SecretFinding]) -> [String] {
        var lines = [
            "", "Secrets and sensitive files: " + (secrets.isEmpty ? "none found." : "\(secrets.count) found"),
        ]
        guard !secrets.isEmpty else { return lines }
        let counts = Dictionary(grouping: secrets, by: \.severity).sorted { $0.key > $1.key }
        lines[lines.count - 1] +=
            " (" + counts.map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", ") + ")."
        lines.append("")
        lines += table(
            headings: ["SEVERITY", "RULE", "WHERE", "MATCH", "LAYER"],
            rows: secrets.sorted(by: SecretFinding.reportOrder).map { finding in
                let place = finding.displayPath + (finding.line.map { ":\($0)" } ?? "")
                let layer =
                    (finding.layer.map { String($0.index) } ?? "-")
                    + (finding.isDeletedButRecoverable ? " (deleted, recoverable)" : "")
                return [
                    finding.severity.rawValue.uppercased(), finding.ruleID,
                    Self.printable(place, keepingLineBreaks: false),
                    Self.printable(finding.match, keepingLineBreaks: false), layer,
                ]
            })
        return lines
    }

    /// The summary line, the database line, the findings grouped by package, and the suppressed ones.
    private func vulnerabilitySection(_ report: ScanReport, displayNames: [String: String]) -> [String] {
        let findings = report.vulnerabilitiesInReportOrder
        var lines = ["", Self.summary(of: findings)]
        if let database = report.advisoryDatabase {
            lines.append(
                Self.printable(Self.databaseLine(database, scannedAt: report.createdAt), keepingLineBreaks: false))
        }
        func name(_ finding: VulnerabilityFinding) -> String { displayNames[finding.packageID] ?? finding.packageName }
        if !findings.isEmpty {
            lines.append("")
            lines += table(
                headings: ["PACKAGE", "VULNERABILITY ID", "SEVERITY", "INSTALLED", "FIXED", "TITLE"],
                rows: Self.groupedByPackage(findings).map { finding in
                    [
                        name(finding), finding.id, finding.severity.label, finding.installedVersion,
                        finding.fixedVersion ?? "-", finding.title ?? "-",
                    ]
                })
        }
        let suppressedCount = report.suppressedCount ?? report.suppressedVulnerabilities?.count ?? 0
        if let listed = report.suppressedVulnerabilities {
            lines += ["", "Suppressed: \(suppressedCount)"]
            if !listed.isEmpty {
                lines.append("")
                lines += table(
                    headings: [
                        "PACKAGE", "VULNERABILITY ID", "SEVERITY", "INSTALLED", "FIXED", "SUPPRESSED BY", "REASON",
                    ],
                    rows: Self.groupedByPackage(report.listedSuppressedVulnerabilities).map { finding in
                        [
                            name(finding), finding.id, finding.severity.label, finding.installedVersion,
                            finding.fixedVersion ?? "-", Self.suppressor(of: finding), Self.reason(of: finding),
                        ]
                    })
            }
        } else if suppressedCount > 0 {
            lines += ["", "Suppressed: \(suppressedCount) (listed with --show-suppressed)"]
        }
        return lines
    }

    /// `Vulnerabilities: 3 (CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 0, UNKNOWN: 0)`, as Trivy writes it; negligible
    /// findings (Debian's "unimportant") get their own count before UNKNOWN when there are any.
    static func summary(of findings: [VulnerabilityFinding]) -> String {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        var shown: [Severity] = [.critical, .high, .medium, .low]
        if counts[.negligible, default: 0] > 0 { shown.append(.negligible) }
        shown.append(.unknown)
        let parts = shown.map { "\($0.label): \(counts[$0, default: 0])" }
        return "Vulnerabilities: \(findings.count) (\(parts.joined(separator: ", ")))"
    }

    /// Where the advisories came from and how old they were when the scan ran.
    static func databaseLine(_ database: AdvisoryDatabaseInfo, scannedAt createdAt: String) -> String {
        let line = "Advisory database: " + database.path
        guard let updatedAt = database.updatedAt else { return line + " (last update unknown)" }
        guard let updated = UTCTimestamp(rfc3339: updatedAt), let scanned = UTCTimestamp(rfc3339: createdAt) else {
            return line + ", updated " + updatedAt
        }
        return line + ", updated \(updated) (\(age(seconds: scanned.secondsSinceEpoch - updated.secondsSinceEpoch)))"
    }

    /// `3 days before the scan`, `5 hours before the scan`, `less than an hour before the scan`.
    static func age(seconds: Int) -> String {
        func count(_ value: Int, _ unit: String) -> String {
            "\(value) \(unit)\(value == 1 ? "" : "s") before the scan"
        }
        switch seconds {
        case ..<0: return "after the scan started"
        case ..<3_600: return "less than an hour before the scan"
        case ..<86_400: return count(seconds / 3_600, "hour")
        default: return count(seconds / 86_400, "day")
        }
    }

    /// The findings grouped by package, the package with the most severe finding first.
    ///
    /// Each package's findings stay in report order; `findings` must already be in report order.
    static func groupedByPackage(_ findings: [VulnerabilityFinding]) -> [VulnerabilityFinding] {
        var groups: [String: [VulnerabilityFinding]] = [:]
        var packageOrder: [String] = []
        for finding in findings {
            if groups[finding.packageID] == nil { packageOrder.append(finding.packageID) }
            groups[finding.packageID, default: []].append(finding)
        }
        return packageOrder.flatMap { groups[$0] ?? [] }
    }

    /// `VEX vex/openssl.json`, `ignore rule .plimsollignore`.
    private static func suppressor(of finding: VulnerabilityFinding) -> String {
        guard let suppression = finding.suppression else { return "-" }
        switch suppression.kind {
        case .vex: return "VEX " + suppression.source
        case .ignoreRule: return "ignore rule " + suppression.source
        }
    }

    /// The rule's reason and expiry, or the VEX status and justification.
    private static func reason(of finding: VulnerabilityFinding) -> String {
        guard let suppression = finding.suppression else { return "-" }
        var text = suppression.reason
        if let justification = suppression.justification { text += ": " + justification }
        if let expires = suppression.expires { text += " (until \(expires))" }
        return text
    }

    private func header(_ report: ScanReport) -> [String] {
        let target = report.target
        let system = target.operatingSystem.map { system in
            system.prettyName ?? [system.id, system.versionID].compactMap { $0 }.joined(separator: " ")
        }
        let fields: [(String, String?)] = [
            ("Target", target.name),
            ("Image ID", target.imageID?.short),
            ("OS", system.map { $0 + (target.operatingSystem?.isDistroless == true ? " (distroless)" : "") }),
            ("Platform", target.platform),
            ("Layers", String(target.layers.count)),
            ("Packages", String(report.packages.count)),
        ]
        return fields.map { label, value in
            return Self.padded(label + ":", to: 11) + Self.printable(value ?? "-", keepingLineBreaks: false)
        }
    }

    /// Package names, with the architecture added the way the package manager shows it (`libc6:i386`,
    /// `glibc.i686`) where two packages of one name and version would otherwise look alike (multilib, multiarch).
    private func displayNames(of packages: [ReportedPackage]) -> [String] {
        var counts: [String: Int] = [:]
        for package in packages { counts[package.identityWithoutArchitecture, default: 0] += 1 }
        return packages.map { package in
            guard counts[package.identityWithoutArchitecture, default: 0] > 1, let architecture = package.architecture
            else { return package.name }
            return package.name + (package.type == .rpm ? "." : ":") + architecture
        }
    }

    /// The package type, with `dev` for development dependencies and `guess` for identities read from a file name.
    private func kind(of package: ReportedPackage) -> String {
        var marks: [String] = []
        if package.isDevelopment { marks.append("dev") }
        if package.confidence == .low { marks.append("guess") }
        return marks.isEmpty ? package.type.rawValue : "\(package.type.rawValue) (\(marks.joined(separator: ", ")))"
    }

    private func source(of package: ReportedPackage) -> String {
        guard let source = package.source else { return "-" }
        guard let version = source.version, version != package.version, version != package.versionWithEpoch else {
            return source.name
        }
        return "\(source.name) (\(version))"
    }

    private func layer(of package: ReportedPackage) -> String {
        guard let layer = package.layer else { return "-" }
        guard let digest = layer.digest ?? layer.diffID else { return String(layer.index) }
        return "\(layer.index) \(digest.short)"
    }

    private func table(headings: [String], rows: [[String]]) -> [String] {
        let cells = rows.map { $0.map { Self.printable($0, keepingLineBreaks: false) } }
        let widths = headings.indices.map { column in
            min(maximumColumnWidth, cells.reduce(headings[column].count) { max($0, $1[column].count) })
        }
        return ([headings] + cells).map { row in
            row.indices.map { column in
                let cell = Self.truncated(row[column], to: widths[column])
                // No trailing spaces after the last column.
                return column == row.count - 1 ? cell : Self.padded(cell, to: widths[column])
            }.joined(separator: "  ")
        }
    }

    /// `text` cut to `width` characters, its last one replaced by `…` when something was cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// `text` followed by spaces up to `width` characters; unchanged when already that long.
    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` with every control character (C0, DEL, C1) replaced by `?`; line feeds kept if asked.
    static func printable(_ text: String, keepingLineBreaks: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingLineBreaks {
                result.append(scalar)
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result.append("?")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension ReportedPackage {
    /// Type, name and version: what two builds of one package for different architectures share.
    fileprivate var identityWithoutArchitecture: String { "\(type.rawValue)/\(name)@\(versionWithEpoch)" }
}
