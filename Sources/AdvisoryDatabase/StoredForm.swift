import ScanModel

/// The compact blobs stored for an advisory and for each of its affected entries.
///
/// Each blob starts with a format byte. The advisory's ID and `modified` live in columns, and so do an affected
/// entry's ecosystem and normalised name; the entry's name as written is stored only when it differs.
enum StoredForm {
    static let formatVersion: UInt8 = 1

    private static let severityTypes = ["CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"]

    /// The advisory body's format byte when the fields follow deflated, after their inflated length.
    static let deflatedFormat: UInt8 = 2
    /// Fields shorter than this are stored as they are: deflate gains little on them.
    static let compressionThreshold = 160

    /// Encodes what an advisory holds besides its ID, `modified` and affected entries.
    ///
    /// The prose (summary, details) makes up most of it, so fields of `compressionThreshold` bytes or more are
    /// deflated when that makes them smaller: about 1.8 times on real OSV text.
    static func advisoryBody(_ advisory: Advisory, deflater: ZlibDeflater? = nil) -> [UInt8] {
        var fields = CompactWriter()
        fields.write(advisory.aliases)
        fields.write(optional: advisory.summary)
        fields.write(optional: advisory.details)
        fields.write(optional: advisory.published)
        write(advisory.severities, to: &fields)
        fields.write(advisory.references)
        if let deflater, fields.bytes.count >= compressionThreshold, let deflated = deflater.compress(fields.bytes),
            deflated.count + 4 < fields.bytes.count
        {
            var writer = CompactWriter(capacity: deflated.count + 8)
            writer.write(byte: deflatedFormat)
            writer.write(count: fields.bytes.count)
            return writer.bytes + deflated
        }
        return [formatVersion] + fields.bytes
    }

    static func advisory(
        id: String, modified: String?, body: UnsafeRawBufferPointer, inflater: ZlibInflater
    ) throws(CompactReader.Truncated) -> Advisory {
        var reader = CompactReader(body)
        switch try reader.readByte() {
        case formatVersion:
            return try advisoryFields(id: id, modified: modified, reader: &reader)
        case deflatedFormat:
            let count = try reader.readCount(limit: 1 << 24)
            guard let fields = inflater.decompress(reader.remainder, count: count) else {
                throw CompactReader.Truncated()
            }
            let advisory: Advisory? = fields.withUnsafeBytes { bytes in
                var fieldReader = CompactReader(bytes)
                return try? advisoryFields(id: id, modified: modified, reader: &fieldReader)
            }
            guard let advisory else { throw CompactReader.Truncated() }
            return advisory
        default:
            throw CompactReader.Truncated()
        }
    }

    private static func advisoryFields(
        id: String, modified: String?, reader: inout CompactReader
    ) throws(CompactReader.Truncated) -> Advisory {
        let aliases = try reader.readStrings()
        let summary = try reader.readOptionalString()
        let details = try reader.readOptionalString()
        let published = try reader.readOptionalString()
        let severities = try readSeverities(&reader)
        let references = try reader.readStrings()
        return Advisory(
            id: id, aliases: aliases, summary: summary, details: details, published: published, modified: modified,
            severities: severities, references: references)
    }

    /// Encodes an affected entry, less its ecosystem and normalised name.
    static func affectedBody(_ affected: AffectedPackage, normalizedName: String) -> [UInt8] {
        var writer = CompactWriter(capacity: 64 + affected.versions.count * 8)
        writer.write(byte: formatVersion)
        writer.write(optional: affected.name == normalizedName ? nil : affected.name)
        writer.write(optional: affected.purl)
        writer.write(count: affected.ranges.count)
        for range in affected.ranges {
            switch range.type {
            case .semver: writer.write(byte: 0)
            case .ecosystem: writer.write(byte: 1)
            case .git: writer.write(byte: 2)
            }
            writer.write(count: range.events.count)
            for event in range.events {
                switch event {
                case .introduced(let version):
                    writer.write(byte: 0)
                    writer.write(version)
                case .fixed(let version):
                    writer.write(byte: 1)
                    writer.write(version)
                case .lastAffected(let version):
                    writer.write(byte: 2)
                    writer.write(version)
                case .limit(let version):
                    writer.write(byte: 3)
                    writer.write(version)
                }
            }
        }
        writer.write(affected.versions)
        write(affected.severities, to: &writer)
        writer.write(optional: affected.databaseSeverity)
        return writer.bytes
    }

    static func affected(
        ecosystem: String, normalizedName: String, body: UnsafeRawBufferPointer
    ) throws(CompactReader.Truncated) -> AffectedPackage {
        var reader = CompactReader(body)
        guard try reader.readByte() == formatVersion else { throw CompactReader.Truncated() }
        let name = try reader.readOptionalString() ?? normalizedName
        let purl = try reader.readOptionalString()
        let rangeCount = try reader.readCount()
        var ranges: [AffectedRange] = []
        ranges.reserveCapacity(rangeCount)
        for _ in 0..<rangeCount {
            let type: AffectedRange.RangeType
            switch try reader.readByte() {
            case 0: type = .semver
            case 1: type = .ecosystem
            case 2: type = .git
            default: throw CompactReader.Truncated()
            }
            let eventCount = try reader.readCount()
            var events: [RangeEvent] = []
            events.reserveCapacity(eventCount)
            for _ in 0..<eventCount {
                let kind = try reader.readByte()
                let version = try reader.readString()
                switch kind {
                case 0: events.append(.introduced(version))
                case 1: events.append(.fixed(version))
                case 2: events.append(.lastAffected(version))
                case 3: events.append(.limit(version))
                default: throw CompactReader.Truncated()
                }
            }
            ranges.append(AffectedRange(type: type, events: events))
        }
        let versions = try reader.readStrings()
        let severities = try readSeverities(&reader)
        let databaseSeverity = try reader.readOptionalString()
        return AffectedPackage(
            ecosystem: ecosystem, name: name, purl: purl, ranges: ranges, versions: versions, severities: severities,
            databaseSeverity: databaseSeverity)
    }

    private static func write(_ severities: [SeverityScore], to writer: inout CompactWriter) {
        writer.write(count: severities.count)
        for severity in severities {
            if let index = severityTypes.firstIndex(of: severity.type) {
                writer.write(byte: UInt8(index + 1))
            } else {
                writer.write(byte: 0)
                writer.write(severity.type)
            }
            writer.write(severity.score)
        }
    }

    private static func readSeverities(_ reader: inout CompactReader) throws(CompactReader.Truncated) -> [SeverityScore]
    {
        let count = try reader.readCount()
        var severities: [SeverityScore] = []
        for _ in 0..<count {
            let code = Int(try reader.readByte())
            let type: String
            if code == 0 {
                type = try reader.readString()
            } else if code <= severityTypes.count {
                type = severityTypes[code - 1]
            } else {
                throw CompactReader.Truncated()
            }
            severities.append(SeverityScore(type: type, score: try reader.readString()))
        }
        return severities
    }
}
