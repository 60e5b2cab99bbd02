import ScanModel

/// Writes the report as Plimsoll's own JSON, version ``ScanReport/currentSchemaVersion``.
///
/// The shape is the one `ScanReport` decodes from, documented field by field in `docs/report-schema.md` and as a
/// JSON Schema in `docs/report-schema-v1.json`. Object keys are sorted, packages are in a fixed order (type, name,
/// version, architecture, id), vulnerabilities too (severity descending, package name, id) and secrets (severity
/// descending, path, line, rule), absent facts are left out rather than written as `null`, and the text ends with a
/// newline, so the same report always gives the same bytes. The vulnerability members (`vulnerabilities`,
/// `suppressedCount`, `suppressedVulnerabilities`, `advisoryDatabase`) are written only when the scan matched
/// advisories, `secrets` only when the secret scanner ran, and `trust` only for an image pulled from a registry: they
/// were added within version 1.
public struct JSONReportWriter: ReportWriter {
    public init() {}

    public func render(_ report: ScanReport) throws -> [UInt8] {
        document(for: report).serialized(sortingKeys: true)
    }

    func document(for report: ScanReport) -> JSONValue {
        var document = JSONObject()
        document["schemaVersion"] = .integer(report.schemaVersion)
        var scanner = JSONObject()
        scanner["name"] = .string(report.scanner.name)
        scanner["version"] = .string(report.scanner.version)
        document["scanner"] = .object(scanner)
        document["createdAt"] = .string(report.createdAt)
        document["target"] = target(report.target)
        document["packages"] = .array(report.packagesInCanonicalOrder.map(package))
        if report.vulnerabilities != nil {
            document["vulnerabilities"] = .array(report.vulnerabilitiesInReportOrder.map(vulnerability))
        }
        document["suppressedCount"] = report.suppressedCount.map(JSONValue.integer)
        if report.suppressedVulnerabilities != nil {
            document["suppressedVulnerabilities"] = .array(report.listedSuppressedVulnerabilities.map(vulnerability))
        }
        document["advisoryDatabase"] = report.advisoryDatabase.map(advisoryDatabase)
        if let secrets = report.secrets {
            document["secrets"] = .array(secrets.sorted(by: SecretFinding.reportOrder).map(secret))
        }
        if let hardening = report.hardening {
            document["hardening"] = .array(hardening.map(hardeningFinding))
        }
        document["baseImage"] = report.baseImage.map(baseImage)
        document["trust"] = report.trust?.jsonValue
        document["warnings"] = .array(report.warnings.map(JSONValue.string))
        return .object(document)
    }

    /// A hardening finding, in the order the stage sorted them (category, severity descending, rule, file, line).
    private func hardeningFinding(_ finding: HardeningFinding) -> JSONValue {
        var object = JSONObject()
        object["ruleId"] = .string(finding.ruleID)
        object["category"] = .string(finding.category.rawValue)
        object["title"] = .string(finding.title)
        object["severity"] = .string(finding.severity.rawValue)
        object["message"] = .string(finding.message)
        object["file"] = finding.file.map(JSONValue.string)
        object["line"] = finding.line.map { .integer(Int64($0)) }
        object["layer"] = finding.layer.map(layer)
        return .object(object)
    }

    /// The base-image assessment.
    private func baseImage(_ assessment: BaseImageAssessment) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(assessment.kind.rawValue)
        object["operatingSystem"] = assessment.operatingSystem.map(JSONValue.string)
        object["endOfLife"] = assessment.endOfLife.map(JSONValue.string)
        object["endOfLifeNote"] = assessment.endOfLifeNote.map(JSONValue.string)
        object["status"] = .string(assessment.status.rawValue)
        object["tableCheckedOn"] = assessment.tableCheckedOn.map(JSONValue.string)
        object["suggestedAlternative"] = assessment.suggestedAlternative.map(JSONValue.string)
        if let removable = assessment.removablePackages {
            var packages = JSONObject()
            for (kind, names) in removable { packages[kind] = .array(names.map(JSONValue.string)) }
            object["removablePackages"] = .object(packages)
        }
        return .object(object)
    }

    /// A secret finding; `match` is masked by whoever made the finding, so the secret never reaches the report.
    private func secret(_ finding: SecretFinding) -> JSONValue {
        var object = JSONObject()
        object["ruleId"] = .string(finding.ruleID)
        object["category"] = .string(finding.category.rawValue)
        object["title"] = .string(finding.title)
        object["severity"] = .string(finding.severity.rawValue)
        object["path"] = .string(finding.displayPath)
        object["line"] = finding.line.map { .integer(Int64($0)) }
        object["match"] = .string(finding.match)
        object["layer"] = finding.layer.map(layer)
        object["source"] = .string(finding.source.rawValue)
        if finding.isDeletedButRecoverable { object["deletedButRecoverable"] = .boolean(true) }
        return .object(object)
    }

    private func vulnerability(_ finding: VulnerabilityFinding) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(finding.id)
        object["aliases"] = .array(finding.aliases.map(JSONValue.string))
        object["packageID"] = .string(finding.packageID)
        object["packageName"] = .string(finding.packageName)
        object["packageType"] = .string(finding.packageType.rawValue)
        object["purl"] = .string(finding.purl.description)
        object["installedVersion"] = .string(finding.installedVersion)
        object["fixedVersion"] = .string(ifPresent: finding.fixedVersion)
        object["severity"] = .string(finding.severity.rawValue)
        object["severitySource"] = .string(ifPresent: finding.severitySource)
        object["cvss"] = .array(
            finding.cvss.map { rating in
                var cvss = JSONObject()
                cvss["version"] = .string(rating.version)
                cvss["vector"] = .string(rating.vector)
                cvss["baseScore"] = .number(ifFinite: rating.baseScore)
                cvss["source"] = .string(rating.source)
                return .object(cvss)
            })
        object["title"] = .string(ifPresent: finding.title)
        object["layer"] = finding.layer.map(layer)
        object["path"] = .string(finding.path.absolute)
        object["explanation"] = .string(finding.explanation)
        object["references"] = .array(finding.references.map(JSONValue.string))
        if let suppression = finding.suppression {
            var suppressionObject = JSONObject()
            suppressionObject["kind"] = .string(suppression.kind.rawValue)
            suppressionObject["reason"] = .string(suppression.reason)
            suppressionObject["justification"] = .string(ifPresent: suppression.justification)
            suppressionObject["source"] = .string(suppression.source)
            suppressionObject["expires"] = .string(ifPresent: suppression.expires)
            object["suppression"] = .object(suppressionObject)
        }
        return .object(object)
    }

    private func advisoryDatabase(_ database: AdvisoryDatabaseInfo) -> JSONValue {
        var object = JSONObject()
        object["path"] = .string(database.path)
        object["updatedAt"] = .string(ifPresent: database.updatedAt)
        var counts = JSONObject()
        for (ecosystem, count) in database.recordCounts.sorted(by: { $0.key < $1.key }) {
            counts[ecosystem] = .integer(count)
        }
        object["recordCounts"] = .object(counts)
        return .object(object)
    }

    private func target(_ target: ScanTarget) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(target.name)
        object["sourceKind"] = .string(target.sourceKind)
        object["imageID"] = .string(ifPresent: target.imageID?.description)
        object["manifestDigest"] = .string(ifPresent: target.manifestDigest?.description)
        object["repoTags"] = .array(target.repoTags.map(JSONValue.string))
        object["platform"] = .string(ifPresent: target.platform)
        object["operatingSystem"] = target.operatingSystem.map(operatingSystem)
        object["layers"] = .array(target.layers.map(layer))
        return .object(object)
    }

    private func operatingSystem(_ system: OperatingSystem) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(system.id)
        object["versionID"] = .string(ifPresent: system.versionID)
        object["codename"] = .string(ifPresent: system.codename)
        object["prettyName"] = .string(ifPresent: system.prettyName)
        object["idLike"] = .array(system.idLike.map(JSONValue.string))
        object["isDistroless"] = .boolean(system.isDistroless)
        object["evidence"] = .string(system.evidence.absolute)
        return .object(object)
    }

    private func layer(_ layer: LayerReference) -> JSONValue {
        var object = JSONObject()
        object["index"] = .integer(layer.index)
        object["digest"] = .string(ifPresent: layer.digest?.description)
        object["diffID"] = .string(ifPresent: layer.diffID?.description)
        object["size"] = layer.size.map(JSONValue.integer)
        object["createdBy"] = .string(ifPresent: layer.createdBy)
        return .object(object)
    }

    private func package(_ package: ReportedPackage) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(package.id)
        object["name"] = .string(package.name)
        object["version"] = .string(package.version)
        object["type"] = .string(package.type.rawValue)
        object["purl"] = .string(package.purl.description)
        object["architecture"] = .string(ifPresent: package.architecture)
        object["epoch"] = package.epoch.map(JSONValue.integer)
        if let source = package.source {
            var sourceObject = JSONObject()
            sourceObject["name"] = .string(source.name)
            sourceObject["version"] = .string(ifPresent: source.version)
            object["source"] = .object(sourceObject)
        }
        object["licenses"] = .array(package.licenses.map(JSONValue.string))
        object["layer"] = package.layer.map(layer)
        object["paths"] = .array(package.paths.map { .string($0.absolute) })
        object["modularityLabel"] = .string(ifPresent: package.modularityLabel)
        if package.isDevelopment { object["development"] = .boolean(true) }
        if package.confidence == .low { object["confidence"] = .string(package.confidence.rawValue) }
        return .object(object)
    }
}
