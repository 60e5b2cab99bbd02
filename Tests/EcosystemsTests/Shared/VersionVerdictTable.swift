import Foundation
import Testing

/// A committed table of version strings with the package manager's own verdict on each: `text<TAB>verdict`.
///
/// What a verdict says depends on the table: `dpkg-syntax-*.tsv` holds `valid` or dpkg's reason for rejecting
/// the text, `pep440-parse-*.tsv` holds `str(Version(text))` or `invalid`. Fields are kept byte for byte,
/// blanks included, since blanks around a version are part of what is being tested.
struct VersionVerdictTable: CustomTestStringConvertible, Sendable {
    struct Row: Sendable {
        var text: String
        var verdict: String
    }

    let name: String
    let rows: [Row]

    var testDescription: String { name }

    /// The shard files of one table, such as `dpkg-syntax-0.tsv` for `scheme` `dpkg` and `kind` `syntax`.
    static func shards(of scheme: String, kind: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: VersionOracleTable.directory().path)) ?? []
        return names.filter { $0.hasPrefix("\(scheme)-\(kind)-") && $0.hasSuffix(".tsv") }.sorted()
    }

    init(shard name: String) throws {
        self.name = name
        let bytes = try [UInt8](Data(contentsOf: VersionOracleTable.directory().appendingPathComponent(name)))
        rows = bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard line.first != UInt8(ascii: "#"), let tab = line.firstIndex(of: UInt8(ascii: "\t")) else {
                return nil
            }
            return Row(
                text: String(decoding: line[..<tab], as: UTF8.self),
                verdict: String(decoding: line[(tab + 1)...], as: UTF8.self))
        }
    }

    /// Checks every row with `verdict`, which returns what the code under test says of a text, and reports
    /// the first disagreements.
    func expectAgreement(
        minimumRows: Int = 1_000, sourceLocation: SourceLocation = #_sourceLocation,
        _ verdict: (String) -> String
    ) {
        #expect(rows.count >= minimumRows, sourceLocation: sourceLocation)
        let failures = rows.compactMap { row -> String? in
            let actual = verdict(row.text)
            return actual == row.verdict ? nil : "\(row.text.debugDescription): expected \(row.verdict), got \(actual)"
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(rows.count) disagree; first:\n\(failures.prefix(25).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }
}
