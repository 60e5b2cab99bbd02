import ScanModel

/// Writes the report as an SPDX 2.3 JSON document (`spdx-json`).
///
/// - The document `DESCRIBES` a package for the image (`primaryPackagePurpose: CONTAINER`), which `CONTAINS` a
///   package for the distribution (`OPERATING_SYSTEM`) and one for every installed package.
/// - Every package has `filesAnalyzed: false` (the scan reads package databases, not each file),
///   `downloadLocation` and `supplier` of `NOASSERTION`, and a `purl` external reference where one exists.
/// - `licenseDeclared` is a valid SPDX expression: recorded strings that parse are normalized and joined with
///   `AND`; any other string becomes a `LicenseRef-` listed in `hasExtractedLicensingInfos` with the original text.
///   With no recorded license it is `NOASSERTION`. `licenseConcluded` is always `NOASSERTION`: nothing was concluded.
/// - For an image pulled from a registry, the image package has an `OTHER` annotation by the tool stating the trust
///   verdict in one line.
/// - `SPDXID`s match `SPDXRef-[A-Za-z0-9.-]+` and are unique; the namespace is a name-based UUID of the scan, so
///   the same report always gives the same document, byte for byte.
public struct SPDXReportWriter: ReportWriter {
    /// The SPDX version written.
    public static let spdxVersion = "SPDX-2.3"
    /// Where document namespaces live unless the caller chooses: the form SPDX's own examples use.
    public static let defaultNamespaceBase = "https://spdx.org/spdxdocs/plimsoll"

    /// The URI each document namespace starts with; `/<image name>-<uuid>` follows.
    public var namespaceBase: String
    /// An organization to list among the creators (`Organization: <name>`), if any.
    public var creatorOrganization: String?

    /// Creates a writer.
    ///
    /// - Parameters:
    ///   - namespaceBase: An absolute URI without `#`; a trailing `/` is ignored.
    ///   - creatorOrganization: An organization to name in `creationInfo.creators`.
    public init(namespaceBase: String = Self.defaultNamespaceBase, creatorOrganization: String? = nil) {
        var base = namespaceBase
        while base.hasSuffix("/") { base.removeLast() }
        self.namespaceBase = base
        self.creatorOrganization = creatorOrganization
    }

    public func render(_ report: ScanReport) throws -> [UInt8] {
        try document(for: report).serialized()
    }

    func document(for report: ScanReport) throws -> JSONValue {
        let timestamp = try UTCTimestamp.parse(report.createdAt)
        let target = report.target
        var identifiers = UniqueIdentifiers()
        identifiers.claim("SPDXRef-DOCUMENT")
        var extractedLicenses = ExtractedLicenses()
        var packages: [JSONValue] = []
        var relationships: [JSONValue] = []

        let imageIdentifier = identifiers.claim(Self.spdxIdentifier("Image", target.displayName))
        var image = Self.basePackage(identifier: imageIdentifier, name: target.displayName)
        image["versionInfo"] = .string(ifPresent: target.identifyingDigest?.description)
        image["licenseConcluded"] = .string("NOASSERTION")
        image["licenseDeclared"] = .string("NOASSERTION")
        image["externalRefs"] = target.packageURL.map(Self.packageURLReference)
        image["primaryPackagePurpose"] = .string("CONTAINER")
        if let trust = report.trust {
            image["annotations"] = .array([Self.trustAnnotation(trust, report: report, timestamp: timestamp)])
        }
        packages.append(.object(image))
        relationships.append(Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", imageIdentifier))

        if let system = target.operatingSystem {
            let identifier = identifiers.claim(
                Self.spdxIdentifier(
                    "OperatingSystem", [system.id, system.versionID].compactMap { $0 }.joined(separator: "-")))
            var package = Self.basePackage(identifier: identifier, name: system.id)
            package["versionInfo"] = .string(ifPresent: system.versionID)
            package["description"] = .string(ifPresent: system.prettyName)
            package["sourceInfo"] = .string("Identified from \(system.evidence.absolute).")
            package["primaryPackagePurpose"] = .string("OPERATING_SYSTEM")
            packages.append(.object(package))
            relationships.append(Self.relationship(imageIdentifier, "CONTAINS", identifier))
        }

        for reported in report.packagesInCanonicalOrder {
            let identifier = identifiers.claim(
                Self.spdxIdentifier("Package", "\(reported.type.rawValue)-\(reported.name)-\(reported.id)"))
            var package = Self.basePackage(identifier: identifier, name: reported.name)
            package["versionInfo"] = .string(reported.versionWithEpoch)
            package["licenseConcluded"] = .string("NOASSERTION")
            package["licenseDeclared"] = .string(extractedLicenses.declaredExpression(for: reported.declaredLicenses))
            package["sourceInfo"] = .string(Self.sourceInfo(for: reported))
            package["externalRefs"] = Self.packageURLReference(reported.purl)
            packages.append(.object(package))
            relationships.append(Self.relationship(imageIdentifier, "CONTAINS", identifier))
        }

        var creationInfo = JSONObject()
        creationInfo["created"] = .string(timestamp.description)
        var creators = ["Tool: \(report.scanner.name)-\(report.scanner.version)"]
        if let creatorOrganization { creators.append("Organization: \(creatorOrganization)") }
        creationInfo["creators"] = .array(creators.map(JSONValue.string))
        creationInfo["licenseListVersion"] = .string(SPDXLicenseList.version)

        var document = JSONObject()
        document["spdxVersion"] = .string(Self.spdxVersion)
        document["dataLicense"] = .string("CC0-1.0")
        document["SPDXID"] = .string("SPDXRef-DOCUMENT")
        document["name"] = .string(target.displayName)
        document["documentNamespace"] = .string(
            namespaceBase + "/" + Self.uriSegment(target.displayName) + "-"
                + report.documentUUID(timestamp: timestamp).description)
        document["creationInfo"] = .object(creationInfo)
        document["packages"] = .array(packages)
        if !extractedLicenses.entries.isEmpty {
            document["hasExtractedLicensingInfos"] = .array(
                extractedLicenses.entries.map { entry in
                    var info = JSONObject()
                    info["licenseId"] = .string(entry.identifier)
                    info["name"] = .string(entry.name)
                    info["extractedText"] = .string(entry.extractedText)
                    info["comment"] = .string(entry.comment)
                    return .object(info)
                })
        }
        document["relationships"] = .array(relationships)
        return .object(document)
    }

    /// An `OTHER` annotation by the tool (SPDX 2.3 §12) stating the trust verdict in one line.
    private static func trustAnnotation(_ verdict: TrustVerdict, report: ScanReport, timestamp: UTCTimestamp)
        -> JSONValue
    {
        var annotation = JSONObject()
        annotation["annotationDate"] = .string(timestamp.description)
        annotation["annotationType"] = .string("OTHER")
        annotation["annotator"] = .string("Tool: \(report.scanner.name)-\(report.scanner.version)")
        annotation["comment"] = .string(
            SARIFReportWriter.singleLine("Trust verdict for \(verdict.reference): \(verdict.summary)"))
        return .object(annotation)
    }

    /// The members every package here shares.
    private static func basePackage(identifier: String, name: String) -> JSONObject {
        var package = JSONObject()
        package["SPDXID"] = .string(identifier)
        package["name"] = .string(name)
        package["supplier"] = .string("NOASSERTION")
        package["downloadLocation"] = .string("NOASSERTION")
        package["filesAnalyzed"] = .boolean(false)
        return package
    }

    private static func packageURLReference(_ url: PackageURL) -> JSONValue {
        var reference = JSONObject()
        reference["referenceCategory"] = .string("PACKAGE-MANAGER")
        reference["referenceType"] = .string("purl")
        reference["referenceLocator"] = .string(url.description)
        return .array([.object(reference)])
    }

    private static func relationship(_ element: String, _ type: String, _ related: String) -> JSONValue {
        var relationship = JSONObject()
        relationship["spdxElementId"] = .string(element)
        relationship["relationshipType"] = .string(type)
        relationship["relatedSpdxElement"] = .string(related)
        return .object(relationship)
    }

    /// Where the facts about a package came from, in a sentence or three.
    static func sourceInfo(for package: ReportedPackage) -> String {
        var sentences: [String] = []
        if !package.paths.isEmpty {
            sentences.append("Recorded in \(package.paths.map(\.absolute).joined(separator: ", ")).")
        }
        if let layer = package.layer {
            let digest = (layer.digest ?? layer.diffID).map { " (\($0.description))" } ?? ""
            sentences.append("Installed by layer \(layer.index)\(digest).")
        }
        if let source = package.source {
            sentences.append("Built from source package \(source.name)\(source.version.map { " " + $0 } ?? "").")
        }
        if let label = package.modularityLabel { sentences.append("Modularity label \(label).") }
        if package.isDevelopment { sentences.append("A development dependency only.") }
        if package.confidence == .low { sentences.append("Identified from its file name only (low confidence).") }
        return sentences.isEmpty
            ? "Recorded by the \(package.type.rawValue) package database." : sentences.joined(separator: " ")
    }

    /// `SPDXRef-<kind>-<text>` with every character outside `[A-Za-z0-9.-]` replaced by `-`.
    static func spdxIdentifier(_ kind: String, _ text: String) -> String {
        "SPDXRef-\(kind)-" + replacingDisallowed(in: text, keeping: "-.")
    }

    /// `text` made safe for one URI path segment: letters, digits, `-`, `.` and `_`; anything else becomes `-`.
    static func uriSegment(_ text: String) -> String {
        replacingDisallowed(in: text, keeping: "-._")
    }

    private static func replacingDisallowed(in text: String, keeping allowed: String) -> String {
        let replaced = String(
            decoding: text.utf8.map { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || allowed.utf8.contains(byte) ? byte : UInt8(ascii: "-")
            }, as: UTF8.self)
        return replaced.isEmpty ? "unnamed" : replaced
    }
}

/// The `LicenseRef-`s a document defines in `hasExtractedLicensingInfos`.
///
/// SPDX 2.3 §10 requires every `LicenseRef-` an expression uses to be defined in the document. Two kinds arise:
/// free text that is no SPDX expression (`ASL 2.0` becomes `LicenseRef-ASL-2.0`), and references a package
/// database already writes (Fedora's `LicenseRef-Fedora-Public-Domain`). Both share one namespace, so a
/// database reference that happens to equal a generated one is renamed rather than given two meanings.
struct ExtractedLicenses {
    struct Entry: Equatable {
        var identifier: String
        var name: String
        var extractedText: String
        var comment: String
    }

    private(set) var entries: [Entry] = []
    private var identifiersByKey: [String: String] = [:]
    private var identifiers = UniqueIdentifiers()

    /// The `licenseDeclared` value for a package's recorded license strings: a valid SPDX expression, or
    /// `NOASSERTION` when none is recorded.
    mutating func declaredExpression(for declared: [String]) -> String {
        let expressions = declared.map { text in
            guard let parsed = SPDXLicenseExpression(parsing: text) else {
                return SPDXLicenseExpression(.license(reference(for: text)))
            }
            var renames: [String: String] = [:]
            for reference in parsed.localLicenseReferences {
                renames[reference] = definition(of: reference, recordedAs: text)
            }
            return parsed.renamingLicenses { renames[$0] ?? $0 }
        }
        return SPDXLicenseExpression.conjunction(expressions)?.description ?? "NOASSERTION"
    }

    /// The `LicenseRef-` standing for free-text `text`, the same one each time the same text comes back.
    mutating func reference(for text: String) -> String {
        let key = "text\u{0}" + text
        if let identifier = identifiersByKey[key] { return identifier }
        let idString = String(
            decoding: Self.spellingPlusSigns(text).utf8.map { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") ? byte : UInt8(ascii: "-")
            },
            as: UTF8.self
        )
        let identifier = identifiers.claim("LicenseRef-" + (idString.isEmpty ? "unknown" : idString))
        identifiersByKey[key] = identifier
        entries.append(
            Entry(
                identifier: identifier, name: text, extractedText: text,
                comment: "Recorded by a package database; not an SPDX License List expression."))
        return identifier
    }

    /// The identifier under which a database's own `LicenseRef-` is defined here (itself, unless taken).
    private mutating func definition(of reference: String, recordedAs text: String) -> String {
        let key = "reference\u{0}" + reference
        if let identifier = identifiersByKey[key] { return identifier }
        let identifier = identifiers.claim(reference)
        identifiersByKey[key] = identifier
        entries.append(
            Entry(
                identifier: identifier, name: String(reference.dropFirst("LicenseRef-".count)), extractedText: text,
                comment: "Named by a package database; the image does not record the license text."))
        return identifier
    }

    /// `text` with `+` spelled `plus`, so `GPLv2+` and `GPLv2` give different `LicenseRef-`s.
    private static func spellingPlusSigns(_ text: String) -> String {
        text.split(separator: "+", omittingEmptySubsequences: false).joined(separator: "plus")
    }
}
