import ScanModel
import VulnerabilityMatching

/// The fields of an OSV record that Plimsoll keeps, decoded without free-form values.
///
/// Follows the OSV schema (`ossf/osv-schema`, `docs/schema.md`); unknown fields are skipped by the decoder.
struct OSVRecord: Decodable {
    var id: String
    var modified: String?
    var published: String?
    var withdrawn: String?
    var aliases: [String]?
    var upstream: [String]?
    var summary: String?
    var details: String?
    var severity: [OSVSeverity]?
    var affected: [OSVAffected]?
    var references: [OSVReference]?
    var databaseSpecific: OSVSeverityLabel?

    enum CodingKeys: String, CodingKey {
        case id, modified, published, withdrawn, aliases, upstream, summary, details, severity, affected, references
        case databaseSpecific = "database_specific"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        modified = try container.decodeIfPresent(String.self, forKey: .modified)
        published = try container.decodeIfPresent(String.self, forKey: .published)
        withdrawn = try container.decodeIfPresent(String.self, forKey: .withdrawn)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
        upstream = try container.decodeIfPresent([String].self, forKey: .upstream)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        details = try container.decodeIfPresent(String.self, forKey: .details)
        severity = try container.decodeIfPresent([OSVSeverity].self, forKey: .severity)
        affected = try container.decodeIfPresent([OSVAffected].self, forKey: .affected)
        references = try container.decodeIfPresent([OSVReference].self, forKey: .references)
        databaseSpecific = OSVSeverityLabel.decodeIfPresent(from: container, forKey: .databaseSpecific)
    }
}

/// `severity[]`: a scoring type and its vector or label.
struct OSVSeverity: Decodable {
    var type: String
    var score: String
}

/// `references[]`; only the URL is kept.
struct OSVReference: Decodable {
    var url: String?
}

/// `affected[]`.
struct OSVAffected: Decodable {
    var package: OSVPackage?
    var severity: [OSVSeverity]?
    var ranges: [OSVRange]?
    var versions: [String]?
    var ecosystemSpecific: OSVSeverityLabel?
    var databaseSpecific: OSVSeverityLabel?

    enum CodingKeys: String, CodingKey {
        case package, severity, ranges, versions
        case ecosystemSpecific = "ecosystem_specific"
        case databaseSpecific = "database_specific"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        package = try container.decodeIfPresent(OSVPackage.self, forKey: .package)
        severity = try container.decodeIfPresent([OSVSeverity].self, forKey: .severity)
        ranges = try container.decodeIfPresent([OSVRange].self, forKey: .ranges)
        versions = try container.decodeIfPresent([String].self, forKey: .versions)
        ecosystemSpecific = OSVSeverityLabel.decodeIfPresent(from: container, forKey: .ecosystemSpecific)
        databaseSpecific = OSVSeverityLabel.decodeIfPresent(from: container, forKey: .databaseSpecific)
    }
}

/// `affected[].package`.
struct OSVPackage: Decodable {
    var ecosystem: String?
    var name: String?
    var purl: String?
}

/// `affected[].ranges[]`.
struct OSVRange: Decodable {
    var type: String
    var events: [OSVEvent]
}

/// One event object; the schema allows exactly one of its keys.
struct OSVEvent: Decodable {
    var introduced: String?
    var fixed: String?
    var lastAffected: String?
    var limit: String?

    enum CodingKeys: String, CodingKey {
        case introduced, fixed, limit
        case lastAffected = "last_affected"
    }
}

/// The severity label a database keeps in a free-form `database_specific` or `ecosystem_specific` object.
///
/// GHSA writes `severity`, Debian `urgency`; anything else in the object is skipped.
struct OSVSeverityLabel: Decodable {
    var label: String?

    enum CodingKeys: String, CodingKey {
        case severity, urgency
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Free-form objects: a key of another type is ignored rather than failing the record.
        let severity = container.contains(.severity) ? try? container.decode(String.self, forKey: .severity) : nil
        let urgency = container.contains(.urgency) ? try? container.decode(String.self, forKey: .urgency) : nil
        label = severity ?? urgency
    }

    /// Decodes the label of a free-form object, or `nil` when the value is absent or not an object.
    static func decodeIfPresent<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) -> OSVSeverityLabel? {
        guard container.contains(key) else { return nil }
        return try? container.decodeIfPresent(OSVSeverityLabel.self, forKey: key)
    }
}

/// Why a decoded record cannot become an advisory.
struct OSVRecordError: Error, Equatable {
    var reason: String
}

extension OSVRecord {
    /// The advisory this record describes, with names normalised for lookup; `nil` for a withdrawn record.
    ///
    /// - Parameter detailsLimit: the most characters of `details` kept; `nil` keeps all of them.
    func advisory(detailsLimit: Int?) throws(OSVRecordError) -> Advisory? {
        guard withdrawn == nil else { return nil }
        guard !id.isEmpty else { throw OSVRecordError(reason: "the record has an empty id") }
        var seen: Set<String> = [id]
        var allAliases: [String] = []
        for alias in (aliases ?? []) + (upstream ?? []) where seen.insert(alias).inserted {
            allAliases.append(alias)
        }
        let recordLabel = databaseSpecific?.label
        var entries: [AffectedPackage] = []
        for entry in affected ?? [] {
            guard let package = entry.package, let ecosystem = package.ecosystem, let name = package.name,
                !ecosystem.isEmpty, !name.isEmpty
            else { continue }  // An entry without a package (a bare repository range) cannot be looked up.
            var ranges: [AffectedRange] = []
            for range in entry.ranges ?? [] {
                guard let type = AffectedRange.RangeType(rawValue: range.type) else {
                    throw OSVRecordError(reason: "unknown range type '\(range.type)'")
                }
                ranges.append(
                    AffectedRange(
                        type: type,
                        events: try range.events.map { event throws(OSVRecordError) in
                            try event.rangeEvent()
                        }))
            }
            entries.append(
                AffectedPackage(
                    ecosystem: ecosystem, name: name, purl: package.purl, ranges: ranges,
                    versions: entry.versions ?? [],
                    severities: (entry.severity ?? []).map { SeverityScore(type: $0.type, score: $0.score) },
                    databaseSeverity: entry.databaseSpecific?.label ?? entry.ecosystemSpecific?.label ?? recordLabel))
        }
        return Advisory(
            id: id, aliases: allAliases, summary: summary,
            details: details.flatMap { Self.truncate($0, to: detailsLimit) },
            published: published, modified: modified,
            severities: (severity ?? []).map { SeverityScore(type: $0.type, score: $0.score) },
            references: (references ?? []).compactMap(\.url), affected: entries)
    }

    private static func truncate(_ text: String, to limit: Int?) -> String? {
        guard let limit, text.count > limit else { return text }
        guard limit > 0 else { return nil }
        return String(text.prefix(limit - 1)) + "…"
    }
}

extension OSVEvent {
    func rangeEvent() throws(OSVRecordError) -> RangeEvent {
        let present = [introduced, fixed, lastAffected, limit].compactMap { $0 }
        guard present.count == 1 else {
            throw OSVRecordError(
                reason: "a range event must have exactly one of introduced, fixed, last_affected or limit")
        }
        if let introduced { return .introduced(introduced) }
        if let fixed { return .fixed(fixed) }
        if let lastAffected { return .lastAffected(lastAffected) }
        return .limit(present[0])
    }
}
