import Foundation
import ScanModel
import SwiftASN1
import X509

/// Reports expired certificates and certificates with weak keys outside the system trust stores.
///
/// Certificates are parsed with swift-certificates. It refuses RSA keys under 2048 bits (swift-crypto will not
/// load them), which are exactly the weak keys to report, so for those the validity and the key's modulus are read
/// from the DER structure with swift-asn1 (RFC 5280 §4.1: `tbsCertificate.validity`,
/// `tbsCertificate.subjectPublicKeyInfo`; RFC 8017 A.1.1 for `RSAPublicKey`).
public struct CertificateInspector: Sendable {
    public static let expired = SensitiveFiles.Rule(
        id: "PLM-SECRET-CERTIFICATE-EXPIRED", title: "Expired certificate", severity: .low)
    public static let weakKey = SensitiveFiles.Rule(
        id: "PLM-SECRET-CERTIFICATE-WEAK-KEY", title: "Certificate with a weak key (RSA under 2048 bits)",
        severity: .medium)

    /// Folders of the system trust stores, whose contents the distribution manages.
    public static let trustStoreFolders: [ImagePath] = [
        ImagePath("etc/ssl/certs"), ImagePath("usr/share/ca-certificates"), ImagePath("etc/pki"),
        ImagePath("etc/ca-certificates"), ImagePath("usr/local/share/ca-certificates"),
        ImagePath("usr/lib/ssl/certs"), ImagePath("etc/ssl/cert.pem"),
    ]
    /// File extensions that may hold certificates.
    public static let certificateExtensions: Set<String> = ["crt", "pem", "cer", "der", "cert"]
    /// A file with more certificates than this is a CA bundle (certifi's `cacert.pem`), a trust store in all but
    /// its location: its roots are not the image's own certificates.
    public static let bundleThreshold = 8
    /// Keys shorter than this many bits are weak (NIST SP 800-131A).
    public static let minimumRSABits = 2048

    /// The time against which expiry is judged.
    public let now: Date

    public init(now: Date) {
        self.now = now
    }

    /// Returns whether the file at `path` may hold certificates the inspector reports on.
    public static func isCandidate(_ path: ImagePath) -> Bool {
        guard let dot = path.name.lastIndex(of: ".") else { return false }
        let fileExtension = path.name[path.name.index(after: dot)...].lowercased()
        return certificateExtensions.contains(fileExtension)
            && !trustStoreFolders.contains { path.isSelfOrDescendant(of: $0) }
    }

    /// The findings for the certificates in `contents` (PEM text, or a single DER certificate).
    public func findings(in contents: [UInt8], path: ImagePath) -> [SecretFinding] {
        var certificates: [(der: [UInt8], line: Int?)] = []
        if contents.first == 0x30 {
            certificates = [(contents, nil)]
        } else {
            certificates = Self.pemCertificates(in: contents)
        }
        guard certificates.count <= Self.bundleThreshold else { return [] }
        var results: [SecretFinding] = []
        for certificate in certificates {
            guard let facts = Self.facts(of: certificate.der) else { continue }
            func finding(_ rule: SensitiveFiles.Rule, _ detail: String) -> SecretFinding {
                SecretFinding(
                    ruleID: rule.id, category: .certificate, title: rule.title, severity: rule.severity, path: path,
                    line: certificate.line, match: "\(facts.subject) \(detail)")
            }
            if facts.notValidAfter < now {
                results.append(finding(Self.expired, "expired \(Self.day(facts.notValidAfter))"))
            }
            if let bits = facts.rsaBits, bits < Self.minimumRSABits {
                results.append(finding(Self.weakKey, "RSA \(bits) bits"))
            }
        }
        return results
    }

    /// What the inspector needs of one certificate.
    struct Facts {
        var subject: String
        var notValidAfter: Date
        /// The modulus size of an RSA key; `nil` for other algorithms.
        var rsaBits: Int?
    }

    static func facts(of der: [UInt8]) -> Facts? {
        if let certificate = try? Certificate(derEncoded: der) {
            // swift-crypto loads only RSA keys of 2048 bits or more, so a parsed RSA key is never weak.
            return Facts(
                subject: certificate.subject.description, notValidAfter: certificate.notValidAfter, rsaBits: nil)
        }
        return try? structuralFacts(of: der)
    }

    /// Reads validity and RSA key size from the DER structure, for certificates swift-certificates refuses.
    static func structuralFacts(of der: [UInt8]) throws -> Facts? {
        let root = try DER.parse(der)
        guard case .constructed(let top) = root.content, let tbs = top.first(where: { _ in true }),
            case .constructed(let fields) = tbs.content
        else { return nil }
        var children = Array(fields)
        if let first = children.first, first.identifier.tagClass == .contextSpecific { children.removeFirst() }
        // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo.
        guard children.count >= 6, case .constructed(let validity) = children[3].content else { return nil }
        let times = Array(validity)
        guard times.count == 2, let notAfter = date(of: times[1]) else { return nil }
        var rsaBits: Int?
        if case .constructed(let spki) = children[5].content {
            let parts = Array(spki)
            if parts.count == 2, case .constructed(let algorithm) = parts[0].content,
                let oid = algorithm.first(where: { _ in true }),
                let identifier = try? ASN1ObjectIdentifier(derEncoded: oid),
                identifier == [1, 2, 840, 113_549, 1, 1, 1]
            {
                let bitString = try ASN1BitString(derEncoded: parts[1])
                let key = try DER.parse(Array(bitString.bytes))
                if case .constructed(let numbers) = key.content, let modulus = numbers.first(where: { _ in true }),
                    case .primitive(let bytes) = modulus.content
                {
                    rsaBits = bitLength(of: bytes)
                }
            }
        }
        return Facts(subject: "certificate", notValidAfter: notAfter, rsaBits: rsaBits)
    }

    static func bitLength(of bytes: ArraySlice<UInt8>) -> Int {
        guard let firstNonZero = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        let remaining = bytes.distance(from: firstNonZero, to: bytes.endIndex)
        return (remaining - 1) * 8 + (8 - bytes[firstNonZero].leadingZeroBitCount)
    }

    static func date(of node: ASN1Node) -> Date? {
        let parts: (Int, Int, Int, Int, Int, Int)
        if let time = try? UTCTime(derEncoded: node) {
            parts = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        } else if let time = try? GeneralizedTime(derEncoded: node) {
            parts = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        } else {
            return nil
        }
        let days = daysSinceEpoch(year: parts.0, month: parts.1, day: parts.2)
        let seconds = days * 86_400 + parts.3 * 3_600 + parts.4 * 60 + parts.5
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2024-05-01`, in UTC.
    static func day(_ date: Date) -> String {
        var days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// The DER bytes and line of each `CERTIFICATE` block of a PEM text.
    static func pemCertificates(in contents: [UInt8]) -> [(der: [UInt8], line: Int?)] {
        let text = String(decoding: contents, as: UTF8.self)
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        var results: [(der: [UInt8], line: Int?)] = []
        var line = 1
        var inBlock: (lines: [Substring], line: Int)?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = rawLine.trimmingSpaces()
            if trimmed == begin {
                inBlock = ([trimmed], line)
            } else if trimmed == end, let block = inBlock {
                let pem = (block.lines + [trimmed]).joined(separator: "\n")
                if let document = try? PEMDocument(pemString: pem) {
                    results.append((document.derBytes, block.line))
                }
                inBlock = nil
                if results.count > bundleThreshold { break }
            } else if inBlock != nil {
                inBlock?.lines.append(trimmed)
            }
            line += 1
        }
        return results
    }
}
