import ScanModel

/// Writes the report as a CycloneDX 1.6 JSON bill of materials.
///
/// Follows `bom-1.6.schema.json` and the conventions Syft and Trivy established for images:
/// - `metadata.component` is the image (`container`), named by its first tag, versioned by its manifest digest
///   (or image ID), with an `oci` package URL when both a tag and the manifest digest are known.
/// - The distribution is a component of type `operating-system`; every installed package, whatever its format,
///   is a `library`, as Syft writes dpkg, apk and RPM packages.
/// - `bom-ref`s are the package URL plus a `package-id` qualifier, unique in the document.
/// - Licenses become one SPDX expression when every recorded string is valid SPDX, otherwise a list of
///   `license.id` (listed identifiers) and `license.name` (anything else); never free text in `license.id`.
/// - Facts CycloneDX has no field for are `plimsoll:`-namespaced properties: the layer, source package,
///   architecture, epoch and database paths; for an image pulled from a registry, the trust verdict as
///   `plimsoll:trust:*` on the image (digests, pinning, signature status, policy, and each signature's location,
///   key and result as `plimsoll:trust:signature:<n>:…`).
/// - `dependencies` has one entry: the image depends on the operating system and every package. Package-to-package
///   dependencies are not recorded by the scan, so no other entries are written (an empty list would claim none).
/// - `vulnerabilities`, only when the scan matched advisories (an empty list then says none were found): one entry
///   per finding, in report order, plus the suppressed ones the report lists, each with an `analysis` (see
///   ``analysis(of:)``). `affects` points at the package's component; `ratings` carry every CVSS rating, and a
///   `method: other` rating for a severity that came from a label.
///
/// The serial number is a name-based UUID of the scan's identity and time, so the same report always gives the
/// same document, byte for byte.
public struct CycloneDXReportWriter: ReportWriter {
    /// The CycloneDX specification version written.
    public static let specVersion = "1.6"

    public init() {}

    public func render(_ report: ScanReport) throws -> [UInt8] {
        try document(for: report).serialized()
    }

    func document(for report: ScanReport) throws -> JSONValue {
        let timestamp = try UTCTimestamp.parse(report.createdAt)
        var references = UniqueIdentifiers()
        let target = report.target

        var image = JSONObject()
        let imageReference = references.claim(target.packageURL?.description ?? "image:" + target.displayName)
        image["bom-ref"] = .string(imageReference)
        image["type"] = .string("container")
        image["name"] = .string(target.displayName)
        image["version"] = .string(ifPresent: target.identifyingDigest?.description)
        image["purl"] = .string(ifPresent: target.packageURL?.description)
        image["properties"] = Self.properties(imageProperties(target) + (report.trust.map(trustProperties) ?? []))

        var components: [JSONValue] = []
        var dependencies: [JSONValue] = []
        if let system = target.operatingSystem {
            var component = JSONObject()
            let reference = references.claim("os:" + system.id + (system.versionID.map { "@" + $0 } ?? ""))
            component["bom-ref"] = .string(reference)
            component["type"] = .string("operating-system")
            component["name"] = .string(system.id)
            component["version"] = .string(ifPresent: system.versionID)
            component["description"] = .string(ifPresent: system.prettyName)
            component["properties"] = Self.properties(operatingSystemProperties(system))
            components.append(.object(component))
            dependencies.append(.string(reference))
        }
        var packageComponents: [String: (reference: String, version: String)] = [:]
        for package in report.packagesInCanonicalOrder {
            var component = JSONObject()
            var qualifiedURL = package.purl
            qualifiedURL.qualifiers["package-id"] = package.id
            let reference = references.claim(qualifiedURL.description)
            if packageComponents[package.id] == nil {
                packageComponents[package.id] = (reference, package.versionWithEpoch)
            }
            component["bom-ref"] = .string(reference)
            component["type"] = .string("library")
            component["name"] = .string(package.name)
            component["version"] = .string(package.versionWithEpoch)
            component["licenses"] = Self.licenses(package.declaredLicenses)
            component["purl"] = .string(package.purl.description)
            // CycloneDX's `optional` scope is what dev-dependency-aware generators use for development dependencies.
            if package.isDevelopment { component["scope"] = .string("optional") }
            component["properties"] = Self.properties(packageProperties(package))
            components.append(.object(component))
            dependencies.append(.string(reference))
        }

        var tool = JSONObject()
        tool["type"] = .string("application")
        tool["name"] = .string(report.scanner.name)
        tool["version"] = .string(report.scanner.version)
        var tools = JSONObject()
        tools["components"] = .array([.object(tool)])
        var metadata = JSONObject()
        metadata["timestamp"] = .string(timestamp.description)
        metadata["tools"] = .object(tools)
        metadata["component"] = .object(image)

        var dependency = JSONObject()
        dependency["ref"] = .string(imageReference)
        dependency["dependsOn"] = .array(dependencies)

        var document = JSONObject()
        document["$schema"] = .string("http://cyclonedx.org/schema/bom-1.6.schema.json")
        document["bomFormat"] = .string("CycloneDX")
        document["specVersion"] = .string(Self.specVersion)
        document["serialNumber"] = .string("urn:uuid:" + report.documentUUID(timestamp: timestamp).description)
        document["version"] = .integer(1)
        document["metadata"] = .object(metadata)
        document["components"] = .array(components)
        document["dependencies"] = .array([.object(dependency)])
        if report.vulnerabilities != nil {
            let findings = report.vulnerabilitiesInReportOrder + report.listedSuppressedVulnerabilities
            document["vulnerabilities"] = .array(
                findings.map { finding in
                    vulnerability(
                        finding, reference: references.claim("\(finding.id)/\(finding.packageID)"),
                        component: packageComponents[finding.packageID])
                })
        }
        return .object(document)
    }

    /// One `vulnerabilities[]` entry; `component` is the affected package's `bom-ref` and version, when listed.
    private func vulnerability(
        _ finding: VulnerabilityFinding, reference: String, component: (reference: String, version: String)?
    ) -> JSONValue {
        var object = JSONObject()
        object["bom-ref"] = .string(reference)
        object["id"] = .string(finding.id)
        object["source"] = Self.osvSource(for: finding.id)
        if !finding.aliases.isEmpty {
            object["references"] = .array(
                finding.aliases.map { alias in
                    var entry = JSONObject()
                    entry["id"] = .string(alias)
                    entry["source"] = Self.osvSource(for: alias)
                    return .object(entry)
                })
        }
        object["ratings"] = .array(Self.ratings(of: finding))
        object["description"] = .string(ifPresent: finding.title)
        object["detail"] = .string(finding.explanation)
        object["recommendation"] = .string(
            ifPresent: finding.fixedVersion.map { "Upgrade \(finding.packageName) to \($0) or later." })
        let links = finding.references.filter(\.isWebURL)
        if !links.isEmpty {
            object["advisories"] = .array(
                links.map { link in
                    var advisory = JSONObject()
                    advisory["url"] = .string(link)
                    return .object(advisory)
                })
        }
        object["analysis"] = finding.suppression.map(Self.analysis)
        if let component {
            var version = JSONObject()
            version["version"] = .string(component.version)
            version["status"] = .string(Self.isUnaffected(finding.suppression) ? "unaffected" : "affected")
            var affected = JSONObject()
            affected["ref"] = .string(component.reference)
            affected["versions"] = .array([.object(version)])
            object["affects"] = .array([.object(affected)])
        }
        var properties = [
            ("plimsoll:vulnerability:severity", finding.severity.rawValue),
            ("plimsoll:vulnerability:packageID", finding.packageID),
            ("plimsoll:vulnerability:installedVersion", finding.installedVersion),
        ]
        if let fixed = finding.fixedVersion { properties.append(("plimsoll:vulnerability:fixedVersion", fixed)) }
        if let source = finding.severitySource { properties.append(("plimsoll:vulnerability:severitySource", source)) }
        properties.append(("plimsoll:vulnerability:path", finding.path.absolute))
        if let suppression = finding.suppression {
            properties.append(("plimsoll:suppression:kind", suppression.kind.rawValue))
            properties.append(("plimsoll:suppression:source", suppression.source))
            if let expires = suppression.expires { properties.append(("plimsoll:suppression:expires", expires)) }
        }
        object["properties"] = Self.properties(properties)
        return .object(object)
    }

    /// `{name: OSV, url: https://osv.dev/vulnerability/<id>}`: the advisory database is built from OSV records,
    /// and osv.dev resolves aliases (a CVE, a GHSA) to the records that describe them.
    private static func osvSource(for id: String) -> JSONValue {
        var source = JSONObject()
        source["name"] = .string("OSV")
        source["url"] = .string("https://osv.dev/vulnerability/" + percentEncoded(id, keeping: unreservedCharacters))
        return .object(source)
    }

    /// Every CVSS rating, then a `method: other` rating when the finding's severity came from a label.
    static func ratings(of finding: VulnerabilityFinding) -> [JSONValue] {
        var ratings: [JSONValue] = finding.cvss.map { rating in
            var object = JSONObject()
            var source = JSONObject()
            source["name"] = .string(rating.source)
            object["source"] = .object(source)
            object["score"] = .number(ifFinite: rating.baseScore)
            object["severity"] = .string(rating.severityBand == .negligible ? "none" : rating.severityBand.rawValue)
            object["method"] = .string(rating.cycloneDXMethod)
            object["vector"] = .string(rating.vector)
            return .object(object)
        }
        if finding.representativeRating == nil {
            var object = JSONObject()
            object["severity"] = .string(cycloneDXSeverity(finding.severity))
            object["method"] = .string("other")
            object["justification"] = .string(ifPresent: finding.severitySource)
            ratings.append(.object(object))
        }
        return ratings
    }

    /// CycloneDX's word for a severity label: Debian's "unimportant" (negligible) is `info`.
    static func cycloneDXSeverity(_ severity: Severity) -> String {
        switch severity {
        case .negligible: "info"
        case .critical, .high, .medium, .low, .unknown: severity.rawValue
        }
    }

    /// The `analysis` of a suppressed finding.
    ///
    /// A VEX statement maps to a state (`not_affected`, `fixed` → `resolved`, `under_investigation` → `in_triage`,
    /// `affected` → `exploitable`) and its OpenVEX justification to CycloneDX's (`component_not_present` and
    /// `vulnerable_code_not_present` → `code_not_present`, `vulnerable_code_not_in_execute_path` →
    /// `code_not_reachable`, `vulnerable_code_cannot_be_controlled_by_adversary` → `requires_environment`,
    /// `inline_mitigations_already_exist` → `protected_by_mitigating_control`); an impact statement goes to
    /// `detail`. An ignore rule says nothing about the flaw itself, only that the user hides it, so it has no
    /// state: its reason, file and expiry go to `detail`.
    static func analysis(of suppression: Suppression) -> JSONValue {
        var analysis = JSONObject()
        switch suppression.kind {
        case .vex:
            let states = [
                "not_affected": "not_affected", "fixed": "resolved", "under_investigation": "in_triage",
                "affected": "exploitable",
            ]
            let justifications = [
                "component_not_present": "code_not_present", "vulnerable_code_not_present": "code_not_present",
                "vulnerable_code_not_in_execute_path": "code_not_reachable",
                "vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment",
                "inline_mitigations_already_exist": "protected_by_mitigating_control",
            ]
            analysis["state"] = .string(ifPresent: states[suppression.reason])
            let justification = suppression.justification.flatMap { justifications[$0] }
            analysis["justification"] = .string(ifPresent: justification)
            var detail = "VEX statement in \(suppression.source): \(suppression.reason)"
            if let text = suppression.justification { detail += justification == nil ? ". " + text : " (\(text))" }
            analysis["detail"] = .string(detail)
        case .ignoreRule:
            analysis["detail"] = .string(
                "Ignored by \(suppression.source): \(suppression.reason)"
                    + (suppression.justification.map { " (\($0))" } ?? "")
                    + (suppression.expires.map { " (until \($0))" } ?? ""))
        }
        return .object(analysis)
    }

    /// Whether a VEX statement says the installed version is not affected (`not_affected` or `fixed`).
    private static func isUnaffected(_ suppression: Suppression?) -> Bool {
        guard let suppression, suppression.kind == .vex else { return false }
        return suppression.reason == "not_affected" || suppression.reason == "fixed"
    }

    /// The `licenses` array for a package's recorded license strings, or `nil` when there are none.
    static func licenses(_ declared: [String]) -> JSONValue? {
        guard !declared.isEmpty else { return nil }
        let expressions = declared.compactMap(SPDXLicenseExpression.init(parsing:))
        if expressions.count == declared.count, let combined = SPDXLicenseExpression.conjunction(expressions) {
            if let identifier = combined.singleListedIdentifier {
                return .array([licenseEntry(key: "id", value: identifier)])
            }
            var expression = JSONObject()
            expression["expression"] = .string(combined.description)
            expression["acknowledgement"] = .string("declared")
            return .array([.object(expression)])
        }
        return .array(
            declared.map { text in
                if let identifier = SPDXLicenseExpression(parsing: text)?.singleListedIdentifier {
                    return licenseEntry(key: "id", value: identifier)
                }
                return licenseEntry(key: "name", value: text)
            })
    }

    private static func licenseEntry(key: String, value: String) -> JSONValue {
        var license = JSONObject()
        license[key] = .string(value)
        license["acknowledgement"] = .string("declared")
        var entry = JSONObject()
        entry["license"] = .object(license)
        return .object(entry)
    }

    private func imageProperties(_ target: ScanTarget) -> [(String, String)] {
        var properties = [("plimsoll:image:target", target.name), ("plimsoll:image:sourceKind", target.sourceKind)]
        if let imageID = target.imageID { properties.append(("plimsoll:image:id", imageID.description)) }
        if let manifestDigest = target.manifestDigest {
            properties.append(("plimsoll:image:manifestDigest", manifestDigest.description))
        }
        if let platform = target.platform { properties.append(("plimsoll:image:platform", platform)) }
        properties += target.repoTags.map { ("plimsoll:image:repoTag", $0) }
        for layer in target.layers {
            if let digest = layer.digest {
                properties.append(("plimsoll:image:layer:\(layer.index):digest", digest.description))
            }
            if let diffID = layer.diffID {
                properties.append(("plimsoll:image:layer:\(layer.index):diffID", diffID.description))
            }
        }
        return properties
    }

    /// The trust verdict as `plimsoll:trust:*` properties; signatures are numbered from 0 in the verdict's order.
    private func trustProperties(_ verdict: TrustVerdict) -> [(String, String)] {
        var properties = [
            ("plimsoll:trust:reference", verdict.reference),
            ("plimsoll:trust:manifestDigest", verdict.manifestDigest.description),
        ]
        if let indexDigest = verdict.indexDigest {
            properties.append(("plimsoll:trust:indexDigest", indexDigest.description))
        }
        properties += [
            ("plimsoll:trust:pinned", String(verdict.isPinned)),
            ("plimsoll:trust:digestVerified", String(verdict.isDigestVerified)),
            ("plimsoll:trust:signatureStatus", verdict.signatureStatus.rawValue),
        ]
        if let policy = verdict.policy { properties.append(("plimsoll:trust:policy", policy)) }
        for (index, signature) in verdict.signatures.enumerated() {
            properties.append(("plimsoll:trust:signature:\(index):location", signature.location))
            if let key = signature.key { properties.append(("plimsoll:trust:signature:\(index):key", key)) }
            properties.append(("plimsoll:trust:signature:\(index):result", signature.result))
        }
        return properties
    }

    private func operatingSystemProperties(_ system: OperatingSystem) -> [(String, String)] {
        var properties: [(String, String)] = []
        if let codename = system.codename { properties.append(("plimsoll:os:codename", codename)) }
        properties += system.idLike.map { ("plimsoll:os:idLike", $0) }
        if system.isDistroless { properties.append(("plimsoll:os:distroless", "true")) }
        properties.append(("plimsoll:os:evidence", system.evidence.absolute))
        return properties
    }

    private func packageProperties(_ package: ReportedPackage) -> [(String, String)] {
        var properties = [("plimsoll:package:id", package.id), ("plimsoll:package:type", package.type.rawValue)]
        if let architecture = package.architecture {
            properties.append(("plimsoll:package:architecture", architecture))
        }
        if let epoch = package.epoch { properties.append(("plimsoll:package:epoch", String(epoch))) }
        if let source = package.source {
            properties.append(("plimsoll:package:sourceName", source.name))
            if let version = source.version { properties.append(("plimsoll:package:sourceVersion", version)) }
        }
        if let label = package.modularityLabel { properties.append(("plimsoll:package:modularityLabel", label)) }
        if package.isDevelopment { properties.append(("plimsoll:package:development", "true")) }
        if package.confidence == .low { properties.append(("plimsoll:package:confidence", "low")) }
        properties += package.paths.map { ("plimsoll:package:path", $0.absolute) }
        if let layer = package.layer {
            properties.append(("plimsoll:layer:index", String(layer.index)))
            if let digest = layer.digest { properties.append(("plimsoll:layer:digest", digest.description)) }
            if let diffID = layer.diffID { properties.append(("plimsoll:layer:diffID", diffID.description)) }
        }
        return properties
    }

    private static func properties(_ pairs: [(String, String)]) -> JSONValue? {
        guard !pairs.isEmpty else { return nil }
        return .array(
            pairs.map { name, value in
                var property = JSONObject()
                property["name"] = .string(name)
                property["value"] = .string(value)
                return .object(property)
            })
    }
}

extension ScanReport {
    /// A UUID naming this scan: the same for the same target, image and time, different for any other scan.
    ///
    /// CycloneDX's `serialNumber` and SPDX's `documentNamespace` both derive from it.
    func documentUUID(timestamp: UTCTimestamp) -> NameBasedUUID {
        let identity = [
            "plimsoll-scan", target.name, target.imageID?.description ?? "", target.manifestDigest?.description ?? "",
            timestamp.description,
        ]
        return NameBasedUUID(name: identity.joined(separator: "\n"))
    }
}
