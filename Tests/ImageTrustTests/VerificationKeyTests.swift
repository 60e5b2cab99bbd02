import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import ImageTrust

struct VerificationKeyTests {
    @Test func parsesAP256KeyAndVerifiesItsDERAndRawSignatures() throws {
        let privateKey = P256.Signing.PrivateKey()
        let key = try VerificationKey(pemRepresentation: privateKey.publicKey.pemRepresentation)
        let payload = Array("payload".utf8)
        let signature = try privateKey.signature(for: payload)
        #expect(key.algorithm == .ecdsaP256)
        #expect(key.isValidSignature(Array(signature.derRepresentation), for: payload))
        #expect(key.isValidSignature(Array(signature.rawRepresentation), for: payload))
        #expect(!key.isValidSignature(Array(signature.derRepresentation), for: Array("other".utf8)))
    }

    @Test func parsesAP384KeyAndVerifiesSignaturesOverSHA256AsCosignMakesThem() throws {
        let privateKey = P384.Signing.PrivateKey()
        let key = try VerificationKey(pemRepresentation: privateKey.publicKey.pemRepresentation)
        let payload = Array("payload".utf8)
        let overSHA256 = try privateKey.signature(for: SHA256.hash(data: payload))
        let overSHA384 = try privateKey.signature(for: payload)
        #expect(key.algorithm == .ecdsaP384)
        #expect(key.isValidSignature(Array(overSHA256.derRepresentation), for: payload))
        #expect(key.isValidSignature(Array(overSHA384.rawRepresentation), for: payload))
    }

    @Test func parsesAnRSAKeyAndVerifiesPKCS1AndPSSSignatures() throws {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = try VerificationKey(pemRepresentation: privateKey.publicKey.pemRepresentation)
        let payload = Array("payload".utf8)
        let pkcs1 = try privateKey.signature(for: payload, padding: .insecurePKCS1v1_5)
        let pss = try privateKey.signature(for: payload, padding: .PSS)
        #expect(key.algorithm == .rsa)
        #expect(key.isValidSignature(Array(pkcs1.rawRepresentation), for: payload))
        #expect(key.isValidSignature(Array(pss.rawRepresentation), for: payload))
        #expect(!key.isValidSignature(Array(pkcs1.rawRepresentation), for: Array("other".utf8)))
    }

    @Test func parsesAnEd25519KeyFromItsSubjectPublicKeyInfo() throws {
        let privateKey = Curve25519.Signing.PrivateKey()
        let der: [UInt8] =
            [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
            + Array(privateKey.publicKey.rawRepresentation)
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString())\n-----END PUBLIC KEY-----\n"
        let key = try VerificationKey(pemRepresentation: pem)
        let payload = Array("payload".utf8)
        #expect(key.algorithm == .ed25519)
        #expect(key.derRepresentation == der)
        #expect(key.isValidSignature(Array(try privateKey.signature(for: payload)), for: payload))
        #expect(!key.isValidSignature(Array(try privateKey.signature(for: payload)), for: Array("other".utf8)))
    }

    @Test func fingerprintIsTheSHA256OfTheDER() throws {
        let publicKey = P256.Signing.PrivateKey().publicKey
        let key = try VerificationKey(derRepresentation: Array(publicKey.derRepresentation))
        let expected = SHA256.hash(data: publicKey.derRepresentation).map { String(format: "%02x", $0) }.joined()
        #expect(key.fingerprint == "sha256:\(expected)")
    }

    @Test(
        "Refuses what is not a public key, saying why",
        arguments: [
            ("", "not a PEM PUBLIC KEY (the file is empty)"),
            ("hello", "not a PEM PUBLIC KEY (no -----BEGIN PUBLIC KEY----- line)"),
            (
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "not a PEM PUBLIC KEY but a PEM CERTIFICATE"
            ),
            (
                "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n"
                    + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n",
                "it is an encrypted or private key (ENCRYPTED SIGSTORE PRIVATE KEY); give the public key (cosign.pub)"
            ),
        ])
    func refusesWhatIsNotAPublicKey(text: String, reason: String) {
        #expect(throws: TrustError.unreadableKey(path: "(inline PEM)", reason: reason)) {
            try VerificationKey(pemRepresentation: text)
        }
    }

    @Test func refusesAPrivateKeyPEM() {
        let pem = P256.Signing.PrivateKey().pemRepresentation
        #expect(
            throws: TrustError.unreadableKey(
                path: "(inline PEM)",
                reason: "it is an encrypted or private key (PRIVATE KEY); give the public key (cosign.pub)")
        ) {
            try VerificationKey(pemRepresentation: pem)
        }
    }

    @Test func namesTheOIDOfAnUnsupportedKeyType() throws {
        // X25519 (1.3.101.110) is a key-agreement key, not a signing key.
        let der: [UInt8] =
            [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00] + Array(repeating: 7, count: 32)
        let error = try #require(throws: TrustError.self) { try VerificationKey(derRepresentation: der) }
        #expect(error.description.contains("unsupported key type OID 1.3.101.110"))
    }

    @Test func refusesGarbageInsideThePEM() throws {
        let pem = "-----BEGIN PUBLIC KEY-----\nAAECAwQ=\n-----END PUBLIC KEY-----\n"
        let error = try #require(throws: TrustError.self) { try VerificationKey(pemRepresentation: pem) }
        #expect(error.description.contains("not a SubjectPublicKeyInfo"))
    }

    @Test func loadNamesTheFileInItsErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.pub").path
        let large = folder.appendingPathComponent("large.pub").path
        let good = folder.appendingPathComponent("cosign.pub").path
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data(repeating: 0x41, count: 70_000).write(to: URL(fileURLWithPath: large))
        let publicKey = P256.Signing.PrivateKey().publicKey
        try Data(publicKey.pemRepresentation.utf8).write(to: URL(fileURLWithPath: good))

        #expect(throws: TrustError.unreadableKey(path: empty, reason: "not a PEM PUBLIC KEY (the file is empty)")) {
            try VerificationKey.load(path: empty)
        }
        #expect(throws: TrustError.unreadableKey(path: large, reason: "the file is larger than 64 KiB")) {
            try VerificationKey.load(path: large)
        }
        let missing = folder.appendingPathComponent("missing.pub").path
        let error = try #require(throws: TrustError.self) { try VerificationKey.load(path: missing) }
        #expect(error.description.contains(missing))
        #expect(try VerificationKey.load(path: good).derRepresentation == Array(publicKey.derRepresentation))
    }
}
