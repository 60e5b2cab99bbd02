import Foundation
import ScannerTesting

/// OSV records built in code, shaped after real ones: Go's vulndb, PyPA's advisory database, GHSA, and the Debian,
/// Alpine and Ubuntu security trackers (source packages, `introduced: "0"` with no fix, `versions` lists,
/// `last_affected`, `limit`, severities in `database_specific` and `ecosystem_specific`).
enum OSVFixture {
    /// Serialises a record as OSV's bulk data does: one pretty-printed JSON object.
    static func json(_ record: [String: Any]) -> [UInt8] {
        (try? Array(JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys]))) ?? []
    }

    /// Modelled on GO-2025-4178: several Go modules, `+incompatible` versions, symbols in `ecosystem_specific`.
    static var goRecord: [String: Any] {
        [
            "schema_version": "1.3.1", "id": "GO-2025-4178", "modified": "2025-12-15T18:30:00Z",
            "published": "2025-12-12T20:00:00Z", "aliases": ["CVE-2025-13870", "GHSA-58w6-w55x-6wq8"],
            "summary": "Mattermost fails to validate user permissions in Boards in github.com/mattermost/mattermost",
            "details": "Mattermost fails to validate user permissions in Boards.",
            "affected": [
                [
                    "package": ["name": "github.com/mattermost/mattermost", "ecosystem": "Go"],
                    "ranges": [
                        [
                            "type": "SEMVER",
                            "events": [
                                ["introduced": "10.5.0+incompatible"], ["fixed": "10.5.13+incompatible"],
                                ["introduced": "10.11.0+incompatible"], ["fixed": "10.11.5+incompatible"],
                            ],
                        ]
                    ],
                    "ecosystem_specific": [
                        "imports": [["path": "github.com/mattermost/mattermost", "symbols": ["A"]]]
                    ],
                ],
                [
                    "package": ["name": "github.com/mattermost/mattermost-server/v6", "ecosystem": "Go"],
                    "ranges": [["type": "SEMVER", "events": [["introduced": "0"]]]],
                    "ecosystem_specific": [:],
                ],
            ],
            "references": [
                ["type": "ADVISORY", "url": "https://github.com/advisories/GHSA-58w6-w55x-6wq8"],
                ["type": "WEB", "url": "https://mattermost.com/security-updates"],
            ],
            "database_specific": ["url": "https://pkg.go.dev/vuln/GO-2025-4178", "review_status": "REVIEWED"],
        ]
    }

    /// Modelled on PYSEC-2024-68: a PyPI name written with capitals, ranges and a `versions` list, no summary.
    static var pypiRecord: [String: Any] {
        [
            "id": "PYSEC-2024-68", "modified": "2024-08-07T17:22:10.682679Z", "published": "2024-08-07T15:15:00Z",
            "aliases": ["CVE-2024-41990"],
            "details": "An issue was discovered in Django 5.0 before 5.0.8 and 4.2 before 4.2.15.",
            "affected": [
                [
                    "package": ["ecosystem": "PyPI", "name": "Django", "purl": "pkg:pypi/django"],
                    "ranges": [
                        [
                            "type": "ECOSYSTEM",
                            "events": [
                                ["introduced": "5.0"], ["fixed": "5.0.8"], ["introduced": "4.2"], ["fixed": "4.2.15"],
                            ],
                        ]
                    ],
                    "versions": ["4.2", "4.2.1", "5.0", "5.0.7"],
                ]
            ],
            "references": [["type": "ARTICLE", "url": "https://www.djangoproject.com/weblog/2024/aug/06/"]],
        ]
    }

    /// A GHSA record: `database_specific.severity` at the top level, a CVSS vector, an `upstream` ID, and a
    /// `last_affected` range.
    static var ghsaRecord: [String: Any] {
        [
            "id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-05-01T00:00:00Z", "aliases": ["CVE-2024-1111"],
            "upstream": ["CVE-2024-0001"], "summary": "Prototype pollution in left_pad",
            "severity": [["type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"]],
            "affected": [
                [
                    "package": ["ecosystem": "npm", "name": "Left_Pad"],
                    "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"], ["last_affected": "1.3.0"]]]],
                ]
            ],
            "database_specific": ["severity": "HIGH", "cwe_ids": ["CWE-1321"], "github_reviewed": true],
        ]
    }

    /// A Debian record: a source package in two releases, one not fixed yet (`introduced: "0"` only), urgency in
    /// `ecosystem_specific`.
    static var debianRecord: [String: Any] {
        [
            "id": "DEBIAN-CVE-2024-2511", "modified": "2024-11-02T10:00:00Z", "published": "2024-04-08T14:15:00Z",
            "upstream": ["CVE-2024-2511"], "details": "Unbounded memory growth with session handling in TLSv1.3.",
            "affected": [
                [
                    "package": ["ecosystem": "Debian:12", "name": "openssl"],
                    "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "3.0.14-1~deb12u1"]]]],
                    "ecosystem_specific": ["urgency": "low"],
                ],
                [
                    "package": ["ecosystem": "Debian:11", "name": "openssl"],
                    "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"]]]],
                    "ecosystem_specific": ["urgency": "not yet assigned"],
                ],
            ],
            "references": [["type": "ADVISORY", "url": "https://security-tracker.debian.org/tracker/CVE-2024-2511"]],
        ]
    }

    /// An Alpine record with a `versions` list only, and a `limit` event on a second range.
    static var alpineRecord: [String: Any] {
        [
            "id": "ALPINE-CVE-2023-5678", "modified": "2024-01-10T00:00:00Z", "upstream": ["CVE-2023-5678"],
            "affected": [
                [
                    "package": ["ecosystem": "Alpine:v3.19", "name": "openssl"],
                    "versions": ["3.1.4-r0", "3.1.4-r1"],
                    "ranges": [
                        [
                            "type": "ECOSYSTEM",
                            "events": [["introduced": "0"], ["fixed": "3.1.4-r2"], ["limit": "3.2.0-r0"]],
                        ]
                    ],
                ]
            ],
        ]
    }

    /// An Ubuntu record: a severity label with type `Ubuntu`, and a sub-ecosystem entry.
    static var ubuntuRecord: [String: Any] {
        [
            "id": "UBUNTU-CVE-2024-3333", "modified": "2024-06-01T00:00:00Z",
            "severity": [["type": "Ubuntu", "score": "medium"]],
            "affected": [
                [
                    "package": ["ecosystem": "Ubuntu:22.04:LTS", "name": "curl"],
                    "ranges": [
                        ["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "7.81.0-1ubuntu1.16"]]]
                    ],
                ],
                [
                    "package": ["ecosystem": "Ubuntu:Pro:22.04:LTS", "name": "curl"],
                    "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"]]]],
                ],
            ],
        ]
    }

    /// A withdrawn record: dropped on import.
    static var withdrawnRecord: [String: Any] {
        [
            "id": "GHSA-wwww-wwww-wwww", "modified": "2024-02-02T00:00:00Z", "withdrawn": "2024-02-02T00:00:00Z",
            "affected": [["package": ["ecosystem": "npm", "name": "left_pad"], "versions": ["1.0.0"]]],
        ]
    }

    /// Every well-formed, live record above, as `<ID>.json` files.
    static var liveRecords: [(String, [UInt8])] {
        [goRecord, pypiRecord, ghsaRecord, debianRecord, alpineRecord, ubuntuRecord].map { record in
            ("\(record["id"] as? String ?? "unknown").json", json(record))
        }
    }

    /// A record with its `modified` time replaced.
    static func record(_ record: [String: Any], modified: String, summary: String? = nil) -> [String: Any] {
        var copy = record
        copy["modified"] = modified
        if let summary { copy["summary"] = summary }
        return copy
    }

    /// A minimal valid record for one package.
    static func simple(id: String, ecosystem: String, name: String, modified: String = "2024-01-01T00:00:00Z")
        -> [String: Any]
    {
        [
            "id": id, "modified": modified, "summary": "Flaw \(id)",
            "affected": [
                [
                    "package": ["ecosystem": ecosystem, "name": name],
                    "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "2.0"]]]],
                ]
            ],
        ]
    }
}

/// Writes zip archives for tests, including broken and hostile ones (PKWARE APPNOTE.TXT 6.3).
struct ZipFixture {
    /// One entry; the overrides write a header that lies.
    struct Entry {
        var name: String
        var contents: [UInt8]
        var isDeflated = true
        /// Written as the uncompressed size instead of the real one.
        var declaredSize: UInt32?
        var isSymbolicLink = false

        init(_ name: String, _ contents: [UInt8], isDeflated: Bool = true, declaredSize: UInt32? = nil) {
            self.name = name
            self.contents = contents
            self.isDeflated = isDeflated
            self.declaredSize = declaredSize
        }
    }

    var entries: [Entry]

    /// The archive's bytes.
    ///
    /// Raw deflate data and CRC-32 come from a gzip member (RFC 1952): a 10-byte header, the deflate stream, then
    /// CRC-32 and size.
    var bytes: [UInt8] {
        var archive: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let gzip = Compression.gzip(entry.contents)
            let crc = Array(gzip[(gzip.count - 8)..<(gzip.count - 4)])
            let data = entry.isDeflated ? Array(gzip[10..<(gzip.count - 8)]) : entry.contents
            let name = Array(entry.name.utf8)
            let offset = UInt32(archive.count)
            let size = entry.declaredSize ?? UInt32(entry.contents.count)
            var common: [UInt8] = []
            common += le16(20) + le16(1 << 11) + le16(entry.isDeflated ? 8 : 0) + le16(0) + le16(0x21)
            common += crc + le32(UInt32(data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
            archive += le32(0x0403_4B50) + common + name + data
            let attributes: UInt32 = entry.isSymbolicLink ? 0o120777 << 16 : 0o100644 << 16
            directory += le32(0x0201_4B50) + le16(0x0314) + common + le16(0) + le16(0) + le16(0)
            directory += le32(attributes) + le32(offset) + name
        }
        let directoryOffset = UInt32(archive.count)
        archive += directory
        archive += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        archive += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return archive
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
}
