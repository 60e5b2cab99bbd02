import Crypto
import Foundation
import ScanModel
import SwiftASN1
import Testing
import X509
import _CryptoExtras

@testable import SecretScanning

struct CertificateInspectorTests {
    /// The fixed "now" of these tests: 2026-01-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let day: TimeInterval = 86_400

    static func certificate(
        name: String, publicKey: Certificate.PublicKey, notAfter: Date, issuerKey: P256.Signing.PrivateKey
    ) throws -> Certificate {
        let subject = try DistinguishedName { CommonName(name) }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: notAfter - 400 * day, notValidAfter: notAfter, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
            issuerPrivateKey: Certificate.PrivateKey(issuerKey))
    }

    static func selfSigned(name: String, notAfter: Date) throws -> Certificate {
        let key = P256.Signing.PrivateKey()
        return try certificate(
            name: name, publicKey: Certificate.PublicKey(key.publicKey), notAfter: notAfter, issuerKey: key)
    }

    static func pem(_ certificate: Certificate) throws -> [UInt8] {
        Array(try certificate.serializeAsPEM().pemString.utf8)
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    let inspector = CertificateInspector(now: Self.now)

    @Test func reportsAnExpiredCertificate() throws {
        let certificate = try Self.selfSigned(name: "old.internal", notAfter: Self.now - 30 * Self.day)
        let findings = inspector.findings(in: try Self.pem(certificate), path: ImagePath("opt/app/tls.crt"))
        #expect(findings.map(\.ruleID) == ["PLM-SECRET-CERTIFICATE-EXPIRED"])
        #expect(findings.first?.line == 1)
        #expect(findings.first?.match == "CN=old.internal expired 2025-12-02")
        #expect(findings.first?.category == .certificate)
    }

    @Test func acceptsACurrentCertificateInPEMAndDER() throws {
        let certificate = try Self.selfSigned(name: "new.internal", notAfter: Self.now + 30 * Self.day)
        #expect(inspector.findings(in: try Self.pem(certificate), path: ImagePath("opt/app/tls.pem")).isEmpty)
        #expect(inspector.findings(in: try Self.der(certificate), path: ImagePath("opt/app/tls.der")).isEmpty)
    }

    @Test func readsAnExpiredDERCertificate() throws {
        let certificate = try Self.selfSigned(name: "old.internal", notAfter: Self.now - Self.day)
        let findings = inspector.findings(in: try Self.der(certificate), path: ImagePath("opt/app/tls.cer"))
        #expect(findings.map(\.ruleID) == ["PLM-SECRET-CERTIFICATE-EXPIRED"])
        #expect(findings.first?.line == nil)
    }

    @Test func reportsAnRSA1024Key() throws {
        let rsa = try _RSA.Signing.PrivateKey(unsafeKeySize: _RSA.Signing.KeySize(bitCount: 1024))
        let certificate = try Self.certificate(
            name: "legacy.internal", publicKey: Certificate.PublicKey(rsa.publicKey),
            notAfter: Self.now + 90 * Self.day,
            issuerKey: P256.Signing.PrivateKey())
        let findings = inspector.findings(in: try Self.pem(certificate), path: ImagePath("opt/app/legacy.crt"))
        #expect(findings.map(\.ruleID) == ["PLM-SECRET-CERTIFICATE-WEAK-KEY"])
        #expect(findings.first?.match == "certificate RSA 1024 bits")
    }

    @Test func aCABundleIsATrustStore() throws {
        var text: [UInt8] = []
        for index in 0...CertificateInspector.bundleThreshold {
            text += try Self.pem(try Self.selfSigned(name: "root\(index)", notAfter: Self.now - Self.day)) + [0x0A]
        }
        #expect(
            inspector.findings(in: text, path: ImagePath("usr/lib/python3/site-packages/certifi/cacert.pem")).isEmpty)
    }

    @Test(
        "Only certificate files outside trust stores are candidates",
        arguments: [
            ("opt/app/tls.crt", true), ("srv/keys/server.pem", true), ("opt/app/ca.cer", true),
            ("etc/ssl/certs/ca-certificates.crt", false), ("usr/share/ca-certificates/mozilla/x.crt", false),
            ("etc/pki/tls/certs/ca-bundle.crt", false), ("opt/app/readme.txt", false),
        ])
    func candidates(path: String, isCandidate: Bool) {
        #expect(CertificateInspector.isCandidate(ImagePath(path)) == isCandidate)
    }

    @Test("Converts dates both ways", arguments: [(1970, 1, 1, 0), (2000, 3, 1, 11_017), (2026, 1, 1, 20_454)])
    func calendar(year: Int, month: Int, day: Int, days: Int) {
        #expect(CertificateInspector.daysSinceEpoch(year: year, month: month, day: day) == days)
        let text = CertificateInspector.day(Date(timeIntervalSince1970: TimeInterval(days) * Self.day))
        #expect(text == String(format: "%04d-%02d-%02d", year, month, day))
    }
}
