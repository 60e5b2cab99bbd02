import ScanModel

extension ReportedPackage {
    /// The version with the RPM epoch in front (`1:3.0.7-27.el9`), as package managers compare it.
    ///
    /// dpkg versions already carry their epoch; RPM keeps it apart, and an SBOM consumer comparing versions
    /// needs it, so the SBOM writers show it the way `rpm -q --qf '%{EPOCH}:%{VERSION}-%{RELEASE}'` does.
    var versionWithEpoch: String {
        guard let epoch, !version.hasPrefix("\(epoch):") else { return version }
        return "\(epoch):\(version)"
    }

    /// The license strings as recorded, trimmed, without empty or repeated entries, in their first order.
    var declaredLicenses: [String] {
        var seen: Set<String> = []
        return licenses.map { $0.trimmingWhitespace }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Orders packages the way every writer lists them: by type, then name, version, architecture, then id.
    static func canonicalOrder(_ lhs: ReportedPackage, _ rhs: ReportedPackage) -> Bool {
        let left = [lhs.type.rawValue, lhs.name, lhs.version, lhs.architecture ?? "", lhs.id]
        let right = [rhs.type.rawValue, rhs.name, rhs.version, rhs.architecture ?? "", rhs.id]
        return left.lexicographicallyPrecedes(right) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }
}

extension ScanReport {
    /// The packages in ``ReportedPackage/canonicalOrder(_:_:)``, so output does not depend on scan order.
    var packagesInCanonicalOrder: [ReportedPackage] { packages.sorted(by: ReportedPackage.canonicalOrder) }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

/// Hands out identifiers that are unique within one document, suffixing `-2`, `-3`… on a clash.
///
/// Used for CycloneDX `bom-ref`s, SPDX `SPDXID`s and `LicenseRef-`s: two packages may share every field the
/// identifier is built from (the same name and version for two architectures, say).
struct UniqueIdentifiers {
    private var used: Set<String> = []

    /// Returns `candidate`, or `candidate-N` with the smallest `N` ≥ 2 not yet handed out.
    @discardableResult
    mutating func claim(_ candidate: String) -> String {
        if used.insert(candidate).inserted { return candidate }
        var suffix = 2
        while !used.insert("\(candidate)-\(suffix)").inserted { suffix += 1 }
        return "\(candidate)-\(suffix)"
    }
}
