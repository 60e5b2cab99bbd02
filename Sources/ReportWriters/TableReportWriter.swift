import ScanModel

/// Writes the report as plain text for a terminal: a summary of the image, one row per package, then warnings.
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
/// ```
///
/// Rows are sorted by type, then name. Column widths follow the content up to ``maximumColumnWidth``; longer cells
/// end in `…`. Control characters from the image (a package name cannot be trusted to be printable) are shown
/// as `?`, so a crafted name cannot move the cursor or change colors. No colors are used.
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
        lines.append("")
        let packages = report.packagesInCanonicalOrder
        if packages.isEmpty {
            lines.append("No packages found.")
        } else {
            let names = displayNames(of: packages)
            lines += table(
                headings: ["NAME", "VERSION", "TYPE", "SOURCE", "LAYER"],
                rows: zip(names, packages).map { name, package in
                    [name, package.versionWithEpoch, package.type.rawValue, source(of: package), layer(of: package)]
                })
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
