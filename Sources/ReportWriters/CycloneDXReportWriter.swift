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
///   architecture, epoch and database paths.
/// - `dependencies` has one entry: the image depends on the operating system and every package. Package-to-package
///   dependencies are not recorded by the scan, so no other entries are written (an empty list would claim none).
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
        image["properties"] = Self.properties(imageProperties(target))

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
        for package in report.packagesInCanonicalOrder {
            var component = JSONObject()
            var qualifiedURL = package.purl
            qualifiedURL.qualifiers["package-id"] = package.id
            let reference = references.claim(qualifiedURL.description)
            component["bom-ref"] = .string(reference)
            component["type"] = .string("library")
            component["name"] = .string(package.name)
            component["version"] = .string(package.versionWithEpoch)
            component["licenses"] = Self.licenses(package.declaredLicenses)
            component["purl"] = .string(package.purl.description)
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
        return .object(document)
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
