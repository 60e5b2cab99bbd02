import ScanModel

/// Writes a lint report as a SARIF 2.1.0 log that GitHub code scanning shows inline on the Dockerfile.
///
/// One run; `tool.driver.rules` holds one rule per rule ID found, sorted by ID, with its title, a help text that
/// points to `docs/rules/dockerfile.md`, a default level and `security-severity`. Each finding is a result at the
/// Dockerfile (a relative URI as given on the command line, `./` removed; an absolute path below
/// ``baseDirectory`` is made relative to it, since GitHub code scanning places only relative URIs) and its line, with a
/// `partialFingerprints` entry of the rule ID, file and message, so an alert keeps its identity when lines move.
/// Files that could not be parsed are `toolExecutionNotifications` of the run's invocation.
public struct LintSARIFWriter: LintReportWriter {
    /// The absolute directory that absolute file paths are written relative to (the current directory or the
    /// lint root); `nil` writes them as `file://` URIs.
    public var baseDirectory: String?

    /// Creates a writer that makes absolute paths below `baseDirectory` relative to it.
    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    public func render(_ report: LintReport) throws -> [UInt8] {
        let byRule = Dictionary(grouping: report.findings, by: \.ruleID)
        let ruleIDs = byRule.keys.sorted()
        let indices = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })

        var driver = JSONObject()
        driver["name"] = .string(report.scanner.name)
        driver["version"] = .string(report.scanner.version)
        driver["rules"] = .array(ruleIDs.map { Self.rule(id: $0, findings: byRule[$0] ?? []) })
        var tool = JSONObject()
        tool["driver"] = .object(driver)

        var invocation = JSONObject()
        invocation["executionSuccessful"] = .boolean(report.errors.isEmpty)
        if !report.errors.isEmpty {
            invocation["toolExecutionNotifications"] = .array(
                report.errors.map { error in
                    var notification = JSONObject()
                    notification["level"] = .string("error")
                    notification["message"] = SARIFReportWriter.message(SARIFReportWriter.singleLine(error.message))
                    notification["locations"] = .array([location(file: error.file, line: error.line ?? 1)])
                    return .object(notification)
                })
        }

        var run = JSONObject()
        run["tool"] = .object(tool)
        run["invocations"] = .array([.object(invocation)])
        run["results"] = .array(report.findings.map { result(for: $0, ruleIndex: indices[$0.ruleID] ?? 0) })
        var document = JSONObject()
        document["$schema"] = .string(SARIFReportWriter.schemaURI)
        document["version"] = .string(SARIFReportWriter.sarifVersion)
        document["runs"] = .array([.object(run)])
        return JSONValue.object(document).serialized()
    }

    private static func rule(id: String, findings: [HardeningFinding]) -> JSONValue {
        let severity = findings.map(\.severity).max() ?? .unknown
        let title = findings.first.map { SARIFReportWriter.singleLine($0.title) } ?? id
        var rule = JSONObject()
        rule["id"] = .string(id)
        rule["name"] = .string(id)
        rule["shortDescription"] = SARIFReportWriter.message(title)
        rule["fullDescription"] = SARIFReportWriter.message("\(title) (Dockerfile hardening)")
        var help = JSONObject()
        help["text"] = .string(
            "\(title). What it checks, why it matters and how to fix it: docs/rules/dockerfile.md#"
                + id.lowercased())
        help["markdown"] = .string(
            "**\(SARIFReportWriter.markdownEscaped(title))**\n\nSee `docs/rules/dockerfile.md`, section "
                + "`\(id)`, for why it matters and how to fix it.")
        rule["help"] = .object(help)
        var configuration = JSONObject()
        configuration["level"] = .string(SARIFReportWriter.level(of: severity))
        rule["defaultConfiguration"] = .object(configuration)
        var properties = JSONObject()
        properties["security-severity"] = .string(oneDecimal(severity.representativeScore))
        properties["tags"] = .array(["security", "dockerfile"].map(JSONValue.string))
        rule["properties"] = .object(properties)
        return .object(rule)
    }

    private func result(for finding: HardeningFinding, ruleIndex: Int) -> JSONValue {
        var result = JSONObject()
        result["ruleId"] = .string(finding.ruleID)
        result["ruleIndex"] = .integer(ruleIndex)
        result["level"] = .string(SARIFReportWriter.level(of: finding.severity))
        result["message"] = SARIFReportWriter.message(finding.message)
        result["locations"] = .array([location(file: finding.file ?? "Dockerfile", line: finding.line ?? 1)])
        var fingerprints = JSONObject()
        fingerprints[SARIFReportWriter.fingerprintKey] = .string(
            SARIFReportWriter.hexSHA1("\(finding.ruleID)\n\(finding.file ?? "")\n\(finding.message)"))
        result["partialFingerprints"] = .object(fingerprints)
        var properties = JSONObject()
        properties["severity"] = .string(finding.severity.rawValue)
        properties["category"] = .string(finding.category.rawValue)
        result["properties"] = .object(properties)
        return .object(result)
    }

    /// `file` relative to ``baseDirectory`` when it is an absolute path below it, else `file` unchanged.
    func relativePath(_ file: String) -> String {
        guard file.hasPrefix("/"), let baseDirectory else { return file }
        let base = ImagePath(baseDirectory).components
        let components = ImagePath(file).components
        guard components.count > base.count, Array(components.prefix(base.count)) == base else { return file }
        return components.dropFirst(base.count).joined(separator: "/")
    }

    /// A physical location at `line` of `file`: a relative URI reference, or a `file://` URI for an absolute path
    /// outside ``baseDirectory``.
    func location(file: String, line: Int) -> JSONValue {
        var artifact = JSONObject()
        let file = relativePath(file)
        if file.hasPrefix("/") {
            artifact["uri"] = .string(
                "file://" + percentEncoded(file, keeping: unreservedCharacters.union("!$&'()*+,;=@/".utf8)))
        } else {
            artifact["uri"] = .string(SARIFReportWriter.uriReference(for: ImagePath(file)))
        }
        var region = JSONObject()
        region["startLine"] = .integer(max(1, line))
        var physical = JSONObject()
        physical["artifactLocation"] = .object(artifact)
        physical["region"] = .object(region)
        var location = JSONObject()
        location["physicalLocation"] = .object(physical)
        return .object(location)
    }
}
