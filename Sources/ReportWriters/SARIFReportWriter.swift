import ScanModel

/// Writes the report's vulnerabilities as a SARIF 2.1.0 log that GitHub code scanning accepts.
///
/// Follows the OASIS SARIF 2.1.0 schema (errata 01) and what GitHub's "SARIF support for code scanning" page asks
/// of an upload:
/// - One run. `tool.driver` names Plimsoll and its version, and holds one rule per vulnerability ID, sorted by ID:
///   its title as `shortDescription`, the title and aliases as `fullDescription`, `help` in text and Markdown (the
///   affected packages and the references), and `properties.security-severity`, a **string** number GitHub sorts
///   and labels alerts by (see ``VulnerabilityFinding/severityScore``).
/// - One result per finding, in report order: `ruleId` and `ruleIndex`, a `level` from the severity (critical and
///   high `error`, medium `warning`, the rest `note`), a message naming the package and the installed and fixed
///   versions, and a location GitHub can show: the package database (`var/lib/dpkg/status`, relative to the image
///   root, percent-encoded) at line 1.
/// - `partialFingerprints` keep an alert's identity across scans: a SHA-1 of the vulnerability ID and the package
///   URL without its version, so upgrading a package that stays vulnerable keeps its alert (and a dismissal of it),
///   while the same flaw in two packages of one database file gives two alerts.
/// - Suppressed findings appear only when the report lists them (`--show-suppressed`), each with an `external`,
///   `accepted` suppression whose justification says which ignore rule or VEX statement hid it.
///
/// Secret findings follow the vulnerabilities: one rule per secret rule ID (`PLM-SECRET-…`), one result per finding,
/// located at the file and line (the image configuration as `config:Env`-style URIs percent-encoded), with the masked
/// match in the message; the secret itself is never written.
///
/// Hardening findings follow the secrets, one rule per rule ID whose help points at `docs/rules/<category>.md`; trust
/// findings (`PLM-TRUST-…`) are among them, tagged `supply-chain` and `trust`. For an image pulled from a registry,
/// `runs[0].properties.trust` holds the trust verdict, the same object as the JSON report's `trust`.
///
/// A report without a vulnerability scan gives a valid log with no rules and no results.
public struct SARIFReportWriter: ReportWriter {
    /// The SARIF version written.
    public static let sarifVersion = "2.1.0"
    /// The `$schema` written: the OASIS schema the tests validate against.
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key of a result's identity; the suffix changes if the recipe ever does.
    public static let fingerprintKey = "plimsollFinding/v1"

    /// The absolute URI written as `tool.driver.informationUri`; left out when `nil`.
    public var informationURI: String?

    /// Creates a writer.
    ///
    /// - Parameter informationURI: Where users can read about the tool, as an absolute URI; left out when `nil`.
    public init(informationURI: String? = nil) {
        self.informationURI = informationURI
    }

    public func render(_ report: ScanReport) throws -> [UInt8] {
        document(for: report).serialized()
    }

    func document(for report: ScanReport) -> JSONValue {
        let active = report.vulnerabilitiesInReportOrder
        let suppressed = report.listedSuppressedVulnerabilities
        let byID = Dictionary(grouping: active + suppressed, by: \.id)
        let ruleIDs = byID.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let ruleIndices = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })

        let secrets = (report.secrets ?? []).sorted(by: SecretFinding.reportOrder)
        let secretRules = Dictionary(grouping: secrets, by: \.ruleID).sorted { $0.key < $1.key }
        let secretRuleIndices = Dictionary(
            uniqueKeysWithValues: secretRules.enumerated().map { ($1.key, ruleIDs.count + $0) })

        let hardening = report.hardening ?? []
        let hardeningRules = Dictionary(grouping: hardening, by: \.ruleID).sorted { $0.key < $1.key }
        let hardeningRuleIndices = Dictionary(
            uniqueKeysWithValues: hardeningRules.enumerated().map {
                ($1.key, ruleIDs.count + secretRules.count + $0)
            })

        var driver = JSONObject()
        driver["name"] = .string(report.scanner.name)
        driver["version"] = .string(report.scanner.version)
        driver["informationUri"] = .string(ifPresent: informationURI)
        driver["rules"] = .array(
            ruleIDs.map { id in
                Self.rule(id: id, findings: (byID[id] ?? []).sorted(by: VulnerabilityFinding.reportOrder))
            } + secretRules.map { Self.secretRule(id: $0.key, findings: $0.value) }
                + hardeningRules.map { Self.hardeningRule(id: $0.key, findings: $0.value) })
        var tool = JSONObject()
        tool["driver"] = .object(driver)

        var run = JSONObject()
        run["tool"] = .object(tool)
        run["results"] = .array(
            active.map { Self.result(for: $0, ruleIndex: ruleIndices[$0.id] ?? 0) }
                + suppressed.map { Self.result(for: $0, ruleIndex: ruleIndices[$0.id] ?? 0) }
                + secrets.map { Self.result(for: $0, ruleIndex: secretRuleIndices[$0.ruleID] ?? 0) }
                + hardening.map { Self.result(for: $0, ruleIndex: hardeningRuleIndices[$0.ruleID] ?? 0) })
        run["properties"] = .object(Self.runProperties(report))

        var document = JSONObject()
        document["$schema"] = .string(Self.schemaURI)
        document["version"] = .string(Self.sarifVersion)
        document["runs"] = .array([.object(run)])
        return .object(document)
    }

    /// The SARIF `level` of a severity: critical and high are errors, medium a warning, anything less a note.
    static func level(of severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .negligible, .unknown: "note"
        }
    }

    /// The rule for one vulnerability ID; `findings` are every finding of that ID, in report order.
    private static func rule(id: String, findings: [VulnerabilityFinding]) -> JSONValue {
        let severity = findings.map(\.severity).max() ?? .unknown
        let score = findings.map(\.severityScore).max() ?? severity.representativeScore
        let title = findings.lazy.compactMap(\.title).first.map(singleLine)
        let aliases = Set(findings.flatMap(\.aliases)).subtracting([id]).sorted()
        var references: [String] = []
        for reference in findings.flatMap(\.references) where !references.contains(reference) {
            references.append(reference)
        }
        let types = Set(findings.map(\.packageType.rawValue)).sorted()

        var rule = JSONObject()
        rule["id"] = .string(id)
        rule["shortDescription"] = message(title ?? "Vulnerability \(id)")
        rule["fullDescription"] = message(
            (title ?? "Vulnerability \(id)")
                + (aliases.isEmpty ? "" : " (also known as \(aliases.joined(separator: ", ")))"))
        if let link = references.first(where: \.isWebURL) { rule["helpUri"] = .string(link) }
        var help = JSONObject()
        help["text"] = .string(
            helpText(id: id, title: title, aliases: aliases, findings: findings, references: references))
        help["markdown"] = .string(
            helpMarkdown(id: id, title: title, aliases: aliases, findings: findings, references: references))
        rule["help"] = .object(help)
        var configuration = JSONObject()
        configuration["level"] = .string(level(of: severity))
        rule["defaultConfiguration"] = .object(configuration)
        var properties = JSONObject()
        properties["security-severity"] = .string(oneDecimal(score))
        properties["tags"] = .array((["security", "vulnerability"] + types).map(JSONValue.string))
        rule["properties"] = .object(properties)
        return .object(rule)
    }

    private static func helpText(
        id: String, title: String?, aliases: [String], findings: [VulnerabilityFinding], references: [String]
    ) -> String {
        var lines = ["Vulnerability \(id)" + (title.map { ": " + $0 } ?? "")]
        if !aliases.isEmpty { lines.append("Aliases: " + aliases.joined(separator: ", ")) }
        lines.append("Affected packages:")
        lines += zip(VulnerabilityFinding.distinguishedPackageNames(findings), findings).map { name, finding in
            "- \(name) \(finding.versionsPhrase), severity \(finding.severity.label)"
                + (finding.severitySource.map { " (\($0))" } ?? "")
        }
        if !references.isEmpty {
            lines.append("References:")
            lines += references.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private static func helpMarkdown(
        id: String, title: String?, aliases: [String], findings: [VulnerabilityFinding], references: [String]
    ) -> String {
        var lines = ["**Vulnerability \(markdownEscaped(id))**"]
        if let title { lines += ["", markdownEscaped(title)] }
        if !aliases.isEmpty { lines += ["", "Aliases: " + aliases.map(markdownEscaped).joined(separator: ", ")] }
        lines += ["", "| Package | Installed | Fixed | Severity |", "| --- | --- | --- | --- |"]
        lines += zip(VulnerabilityFinding.distinguishedPackageNames(findings), findings).map { name, finding in
            let cells = [name, finding.installedVersion, finding.fixedVersion ?? "no fix yet", finding.severity.label]
            return "| " + cells.map(markdownEscaped).joined(separator: " | ") + " |"
        }
        if !references.isEmpty {
            lines += ["", "**References**", ""]
            lines += references.map { $0.isWebURL ? "- <\($0)>" : "- " + markdownEscaped($0) }
        }
        return lines.joined(separator: "\n")
    }

    private static func result(for finding: VulnerabilityFinding, ruleIndex: Int) -> JSONValue {
        var result = JSONObject()
        result["ruleId"] = .string(finding.id)
        result["ruleIndex"] = .integer(ruleIndex)
        result["level"] = .string(level(of: finding.severity))
        result["message"] = .object(messageText(for: finding))

        result["locations"] = .array([location(uri: uriReference(for: finding.path), line: 1)])

        var fingerprints = JSONObject()
        fingerprints[fingerprintKey] = .string(fingerprint(of: finding))
        result["partialFingerprints"] = .object(fingerprints)

        if let suppression = finding.suppression {
            var entry = JSONObject()
            entry["kind"] = .string("external")
            entry["status"] = .string("accepted")
            entry["justification"] = .string(justification(of: suppression))
            var properties = JSONObject()
            properties["kind"] = .string(suppression.kind.rawValue)
            properties["source"] = .string(suppression.source)
            properties["expires"] = .string(ifPresent: suppression.expires)
            entry["properties"] = .object(properties)
            result["suppressions"] = .array([.object(entry)])
        }

        var properties = JSONObject()
        properties["packageID"] = .string(finding.packageID)
        properties["purl"] = .string(finding.purl.description)
        properties["installedVersion"] = .string(finding.installedVersion)
        properties["fixedVersion"] = .string(ifPresent: finding.fixedVersion)
        properties["severity"] = .string(finding.severity.rawValue)
        if !finding.aliases.isEmpty { properties["aliases"] = .array(finding.aliases.map(JSONValue.string)) }
        result["properties"] = .object(properties)
        return .object(result)
    }

    /// The rule of one secret rule ID, from its findings (they share the title; the highest severity is the level).
    private static func secretRule(id: String, findings: [SecretFinding]) -> JSONValue {
        let severity = findings.map(\.severity).max() ?? .unknown
        let title = findings.first.map { singleLine($0.title) } ?? id
        var rule = JSONObject()
        rule["id"] = .string(id)
        rule["shortDescription"] = message(title)
        rule["fullDescription"] = message("\(title) (\(findings.first?.category.rawValue ?? "secret"))")
        var help = JSONObject()
        help["text"] = .string(
            "\(title). Remove it from the image (and from every layer: a file deleted by a later layer is still in "
                + "the image), rotate the credential, and pass secrets at run time instead. See docs/rules/secrets.md.")
        rule["help"] = .object(help)
        var configuration = JSONObject()
        configuration["level"] = .string(level(of: severity))
        rule["defaultConfiguration"] = .object(configuration)
        var properties = JSONObject()
        properties["security-severity"] = .string(oneDecimal(severity.representativeScore))
        // SARIF wants unique tags: a `secret` finding's category is the tag already there.
        let category = findings.first?.category ?? .secret
        properties["tags"] = .array(
            (["security", "secret"] + (category == .secret ? [] : [category.rawValue])).map(JSONValue.string))
        rule["properties"] = .object(properties)
        return .object(rule)
    }

    /// The rule of one hardening rule ID (image, base image, binary), from its findings.
    private static func hardeningRule(id: String, findings: [HardeningFinding]) -> JSONValue {
        let severity = findings.map(\.severity).max() ?? .unknown
        let title = findings.first.map { singleLine($0.title) } ?? id
        let category = findings.first?.category ?? .image
        var rule = JSONObject()
        rule["id"] = .string(id)
        rule["shortDescription"] = message(title)
        rule["fullDescription"] = message("\(title) (\(category.rawValue))")
        var help = JSONObject()
        let page: String
        switch category {
        case .binary: page = "binary"
        case .baseImage: page = "base-image"
        case .trust: page = "trust"
        case .image, .dockerfile: page = "image"
        }
        help["text"] = .string("\(title). See docs/rules/\(page).md for why it matters and how to fix it.")
        rule["help"] = .object(help)
        var configuration = JSONObject()
        configuration["level"] = .string(level(of: severity))
        rule["defaultConfiguration"] = .object(configuration)
        var properties = JSONObject()
        properties["security-severity"] = .string(oneDecimal(severity.representativeScore))
        // Trust rules are about where the image came from, not how it was built: code scanning filters them apart.
        let tags =
            category == .trust ? ["security", "supply-chain", "trust"] : ["security", "hardening", category.rawValue]
        properties["tags"] = .array(tags.map(JSONValue.string))
        rule["properties"] = .object(properties)
        return .object(rule)
    }

    /// One hardening finding, located at its file, or at `config` when it is about the whole image.
    private static func result(for finding: HardeningFinding, ruleIndex: Int) -> JSONValue {
        var result = JSONObject()
        result["ruleId"] = .string(finding.ruleID)
        result["ruleIndex"] = .integer(ruleIndex)
        result["level"] = .string(level(of: finding.severity))
        var lines = [singleLine(finding.message)]
        if let layer = finding.layer { lines.append(layerLine(layer)) }
        var messageObject = JSONObject()
        messageObject["text"] = .string(lines.joined(separator: "\n"))
        result["message"] = .object(messageObject)
        // GitHub code scanning needs a location on every result: the file, or the configuration for findings about
        // the image as a whole (`config:User` and the like are percent-encoded into relative references).
        result["locations"] = .array([
            location(uri: uriReference(for: ImagePath(finding.file ?? "config")), line: finding.line ?? 1)
        ])
        var fingerprints = JSONObject()
        fingerprints[fingerprintKey] = .string(
            hexSHA1("\(finding.ruleID)\n\(finding.file ?? "")\n\(finding.line ?? 0)\n\(finding.message)"))
        result["partialFingerprints"] = .object(fingerprints)
        var properties = JSONObject()
        properties["category"] = .string(finding.category.rawValue)
        properties["severity"] = .string(finding.severity.rawValue)
        result["properties"] = .object(properties)
        return .object(result)
    }

    private static func result(for finding: SecretFinding, ruleIndex: Int) -> JSONValue {
        var result = JSONObject()
        result["ruleId"] = .string(finding.ruleID)
        result["ruleIndex"] = .integer(ruleIndex)
        result["level"] = .string(level(of: finding.severity))
        var lines = ["\(finding.title) in \(finding.displayPath): \(finding.match)"]
        if finding.isDeletedButRecoverable {
            lines.append("A later layer deleted or replaced the file; it can still be recovered from the image.")
        }
        if let layer = finding.layer { lines.append(layerLine(layer)) }
        var messageObject = JSONObject()
        messageObject["text"] = .string(lines.joined(separator: "\n"))
        result["message"] = .object(messageObject)
        result["locations"] = .array([location(uri: uriReference(for: finding.path), line: finding.line ?? 1)])
        var fingerprints = JSONObject()
        fingerprints[fingerprintKey] = .string(
            hexSHA1("\(finding.ruleID)\n\(finding.displayPath)\n\(finding.line ?? 0)\n\(finding.match)"))
        result["partialFingerprints"] = .object(fingerprints)
        var properties = JSONObject()
        properties["category"] = .string(finding.category.rawValue)
        properties["source"] = .string(finding.source.rawValue)
        properties["severity"] = .string(finding.severity.rawValue)
        if finding.isDeletedButRecoverable { properties["deletedButRecoverable"] = .boolean(true) }
        result["properties"] = .object(properties)
        return .object(result)
    }

    /// `libssl3 3.0.11-1~deb12u2 is affected by CVE-2024-5535 (CRITICAL); fixed in 3.0.14-1~deb12u1.`, then the
    /// package URL and the layer that installed the package.
    private static func messageText(for finding: VulnerabilityFinding) -> JSONObject {
        var lines = [
            "\(finding.packageName) \(finding.installedVersion) is affected by \(finding.id) (\(finding.severity.label)); "
                + (finding.fixedVersion.map { "fixed in \($0)." } ?? "no fix is released yet.")
        ]
        lines.append("Package: \(finding.purl)")
        if let layer = finding.layer { lines.append(layerLine(layer)) }
        var message = JSONObject()
        message["text"] = .string(lines.joined(separator: "\n"))
        return message
    }

    /// `Ignored by .plimsollignore: accepted risk (until 2024-12-31)`, `VEX not_affected in vex.json: …`.
    private static func justification(of suppression: Suppression) -> String {
        switch suppression.kind {
        case .ignoreRule:
            "Ignored by \(suppression.source): \(suppression.reason)"
                + (suppression.justification.map { " (\($0))" } ?? "")
                + (suppression.expires.map { " (until \($0))" } ?? "")
        case .vex:
            "VEX \(suppression.reason) in \(suppression.source)" + (suppression.justification.map { ": " + $0 } ?? "")
        }
    }

    /// A stable identity for the finding: SHA-1 of the ID and the package URL without its version, in hex.
    static func fingerprint(of finding: VulnerabilityFinding) -> String {
        var unversioned = finding.purl
        unversioned.version = nil
        return hexSHA1("\(finding.id)\n\(unversioned)")
    }

    /// The SHA-1 of `text`'s UTF-8 bytes in lower-case hex, as `partialFingerprints` values are written.
    static func hexSHA1(_ text: String) -> String {
        SHA1.hash(Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// A result location GitHub shows: a repository-relative URI and a start line.
    static func location(uri: String, line: Int) -> JSONValue {
        var artifact = JSONObject()
        artifact["uri"] = .string(uri)
        var region = JSONObject()
        region["startLine"] = .integer(line)
        var physical = JSONObject()
        physical["artifactLocation"] = .object(artifact)
        physical["region"] = .object(region)
        var location = JSONObject()
        location["physicalLocation"] = .object(physical)
        return .object(location)
    }

    /// `Layer: 2 sha256:… (RUN apt-get install …)`.
    static func layerLine(_ layer: LayerReference) -> String {
        var text = "Layer: \(layer.index)"
        if let digest = layer.digest ?? layer.diffID { text += " " + digest.description }
        if let createdBy = layer.createdBy { text += " (" + singleLine(createdBy) + ")" }
        return text
    }

    /// The path as a relative URI reference (RFC 3986 §4.2), without a leading slash.
    ///
    /// Every byte outside the unreserved characters, the sub-delimiters, `@` and `/` is percent-encoded. So is
    /// `:`, so a first segment such as `a:b` cannot read as a URI scheme.
    static func uriReference(for path: ImagePath) -> String {
        percentEncoded(path.description, keeping: unreservedCharacters.union("!$&'()*+,;=@/".utf8))
    }

    private static func runProperties(_ report: ScanReport) -> JSONObject {
        var properties = JSONObject()
        properties["target"] = .string(report.target.name)
        properties["imageName"] = .string(report.target.displayName)
        properties["imageID"] = .string(ifPresent: report.target.imageID?.description)
        properties["manifestDigest"] = .string(ifPresent: report.target.manifestDigest?.description)
        properties["createdAt"] = .string(report.createdAt)
        properties["suppressedCount"] = report.suppressedCount.map(JSONValue.integer)
        if let database = report.advisoryDatabase {
            properties["advisoryDatabaseUpdatedAt"] = .string(ifPresent: database.updatedAt)
        }
        properties["trust"] = report.trust?.jsonValue
        return properties
    }

    static func message(_ text: String) -> JSONValue {
        var message = JSONObject()
        message["text"] = .string(text)
        return .object(message)
    }

    /// The text with line breaks and tabs turned into spaces, for one-line places.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }

    /// Text safe to put in a Markdown table cell or paragraph: one line, with the characters that could start
    /// emphasis, code, a link, HTML, a table cell or strikethrough backslash-escaped, and a leading `#`, `+` or `-`
    /// too (a heading or a list item); versions keep their `+` and `.` as they are.
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in singleLine(text) {
            if "\\`*_[]<>|~".contains(character) || (escaped.isEmpty && "#+-".contains(character)) {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
