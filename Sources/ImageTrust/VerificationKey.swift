import Crypto
import Foundation
import ScanModel
import SwiftASN1
import _CryptoExtras

/// A public key that signatures are checked against, read from a PEM `PUBLIC KEY` (SubjectPublicKeyInfo, RFC 5280
/// §4.1.2.7) such as the `cosign.pub` that `cosign generate-key-pair` writes.
///
/// Supported: ECDSA P-256 (cosign's default) and P-384, RSA of 2048 bits or more, and Ed25519 (RFC 8410).
public struct VerificationKey: Sendable, Hashable, CustomStringConvertible {
    /// The kind of key, which decides how a signature is checked.
    public enum Algorithm: String, Sendable, Hashable, Codable {
        /// ECDSA on P-256 over SHA-256.
        case ecdsaP256 = "ecdsa-p256"
        /// ECDSA on P-384, over SHA-256 as cosign signs with it, or over SHA-384.
        case ecdsaP384 = "ecdsa-p384"
        /// RSA, PKCS #1 v1.5 or PSS, over SHA-256.
        case rsa
        /// Ed25519 over the message itself.
        case ed25519
    }

    /// The largest key file read; a public key is a few hundred bytes.
    public static let maximumFileSize = 64 * 1024

    /// The kind of key.
    public let algorithm: Algorithm
    /// The DER bytes of the SubjectPublicKeyInfo.
    public let derRepresentation: [UInt8]
    /// The subjectPublicKey bits: for Ed25519, the 32-byte key.
    private let keyBytes: [UInt8]

    /// Parses a PEM `PUBLIC KEY` document.
    ///
    /// - Throws: `TrustError.unreadableKey`, naming the key `(inline PEM)`.
    public init(pemRepresentation: String) throws(TrustError) {
        try self.init(pemRepresentation: pemRepresentation, path: "(inline PEM)")
    }

    /// Parses the DER bytes of a SubjectPublicKeyInfo.
    ///
    /// - Throws: `TrustError.unreadableKey`, naming the key `(DER)`.
    public init(derRepresentation: [UInt8]) throws(TrustError) {
        try self.init(derRepresentation: derRepresentation, path: "(DER)")
    }

    init(pemRepresentation text: String, path: String) throws(TrustError) {
        let label = try Self.pemLabel(in: text, path: path)
        guard label == "PUBLIC KEY" else {
            if label.contains("PRIVATE KEY") {
                throw .unreadableKey(
                    path: path, reason: "it is an encrypted or private key (\(label)); give the public key (cosign.pub)"
                )
            }
            throw .unreadableKey(path: path, reason: "not a PEM PUBLIC KEY but a PEM \(label)")
        }
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: text)
        } catch {
            throw .unreadableKey(path: path, reason: "not a PEM PUBLIC KEY: \(error)")
        }
        try self.init(derRepresentation: document.derBytes, path: path)
    }

    init(derRepresentation der: [UInt8], path: String) throws(TrustError) {
        let info: SubjectPublicKeyInfoFields
        do {
            info = try SubjectPublicKeyInfoFields(der: der)
        } catch {
            throw .unreadableKey(path: path, reason: "not a SubjectPublicKeyInfo: \(error)")
        }
        do {
            switch info.algorithm {
            case .ecPublicKey where info.curve == .curveP256:
                _ = try P256.Signing.PublicKey(derRepresentation: der)
                algorithm = .ecdsaP256
            case .ecPublicKey where info.curve == .curveP384:
                _ = try P384.Signing.PublicKey(derRepresentation: der)
                algorithm = .ecdsaP384
            case .ecPublicKey:
                let curve = info.curve.map { "\($0)" } ?? "none"
                throw TrustError.unreadableKey(
                    path: path, reason: "unsupported elliptic curve OID \(curve); use P-256 or P-384")
            case .rsaEncryption, .rsaPSS:
                _ = try _RSA.Signing.PublicKey(derRepresentation: der)
                algorithm = .rsa
            case .ed25519:
                guard info.keyBytes.count == 32 else {
                    throw TrustError.unreadableKey(
                        path: path, reason: "an Ed25519 key must be 32 bytes, not \(info.keyBytes.count)")
                }
                _ = try Curve25519.Signing.PublicKey(rawRepresentation: info.keyBytes)
                algorithm = .ed25519
            default:
                throw TrustError.unreadableKey(
                    path: path,
                    reason: "unsupported key type OID \(info.algorithm); use ECDSA P-256, P-384, RSA or Ed25519")
            }
        } catch let error as TrustError {
            throw error
        } catch {
            throw .unreadableKey(path: path, reason: "the key does not parse: \(error)")
        }
        derRepresentation = der
        keyBytes = info.keyBytes
    }

    /// Reads a PEM public key file, at most `maximumFileSize` bytes.
    ///
    /// - Throws: `TrustError.unreadableKey` naming `path` and saying what is wrong with it.
    public static func load(path: String) throws(TrustError) -> VerificationKey {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw .unreadableKey(path: path, reason: "the file cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= maximumFileSize else {
            throw .unreadableKey(path: path, reason: "the file is larger than \(maximumFileSize / 1024) KiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableKey(path: path, reason: "not a PEM PUBLIC KEY (the file is not text)")
        }
        return try VerificationKey(pemRepresentation: text, path: path)
    }

    /// `sha256:<hex>` of the DER SubjectPublicKeyInfo: the key's name in reports.
    ///
    /// A sigstore bundle's `publicKey.hint` is the same hash, base64-encoded.
    public var fingerprint: String {
        ScanModel.Digest(algorithm: .sha256, hash: SHA256.hash(data: derRepresentation)).description
    }

    public var description: String { "\(algorithm.rawValue) key \(fingerprint)" }

    /// Returns whether `signature` is this key's signature over `payload`.
    ///
    /// ECDSA signatures may be ASN.1 DER (as cosign writes them) or raw `r‖s` of the curve's length.
    public func isValidSignature(_ signature: [UInt8], for payload: [UInt8]) -> Bool {
        guard let backing else { return false }
        switch backing {
        case .p256(let key):
            return p256Signatures(signature).contains { key.isValidSignature($0, for: payload) }
        case .p384(let key):
            return p384Signatures(signature).contains {
                key.isValidSignature($0, for: SHA256.hash(data: payload)) || key.isValidSignature($0, for: payload)
            }
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(parsed, for: payload, padding: .insecurePKCS1v1_5)
                || key.isValidSignature(parsed, for: payload, padding: .PSS)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: payload)
        }
    }

    /// Returns whether `signature` is this key's signature over a message whose SHA-256 is `digest`.
    ///
    /// Used for sigstore message signatures, which sign an image by its manifest digest. Ed25519 signs messages, not
    /// digests, so an Ed25519 key never verifies one.
    public func isValidSignature(_ signature: [UInt8], forSHA256Digest digest: [UInt8]) -> Bool {
        guard let prehashed = PrehashedSHA256(digest), let backing else { return false }
        switch backing {
        case .p256(let key):
            return p256Signatures(signature).contains { key.isValidSignature($0, for: prehashed) }
        case .p384(let key):
            return p384Signatures(signature).contains { key.isValidSignature($0, for: prehashed) }
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(parsed, for: prehashed, padding: .insecurePKCS1v1_5)
                || key.isValidSignature(parsed, for: prehashed, padding: .PSS)
        case .ed25519:
            return false
        }
    }

    /// The swift-crypto key, parsed again for each check.
    ///
    /// swift-crypto's key types are not `Sendable`, and parsing takes microseconds. The initializer has already
    /// parsed the key once, so this is nil only if swift-crypto changes its mind.
    private var backing: Backing? {
        switch algorithm {
        case .ecdsaP256: (try? P256.Signing.PublicKey(derRepresentation: derRepresentation)).map(Backing.p256)
        case .ecdsaP384: (try? P384.Signing.PublicKey(derRepresentation: derRepresentation)).map(Backing.p384)
        case .rsa: (try? _RSA.Signing.PublicKey(derRepresentation: derRepresentation)).map(Backing.rsa)
        case .ed25519: (try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)).map(Backing.ed25519)
        }
    }

    public static func == (lhs: VerificationKey, rhs: VerificationKey) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derRepresentation)
    }

    private static func pemLabel(in text: String, path: String) throws(TrustError) -> String {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .unreadableKey(path: path, reason: "not a PEM PUBLIC KEY (the file is empty)")
        }
        guard let begin = text.range(of: "-----BEGIN "),
            let end = text.range(of: "-----", range: begin.upperBound..<text.endIndex)
        else {
            throw .unreadableKey(path: path, reason: "not a PEM PUBLIC KEY (no -----BEGIN PUBLIC KEY----- line)")
        }
        return String(text[begin.upperBound..<end.lowerBound])
    }
}

private enum Backing {
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
}

/// The readings of an ECDSA signature: ASN.1 DER `ECDSA-Sig-Value`, and raw `r‖s` when it has the raw length.
private func p256Signatures(_ bytes: [UInt8]) -> [P256.Signing.ECDSASignature] {
    var readings: [P256.Signing.ECDSASignature] = []
    if let der = try? P256.Signing.ECDSASignature(derRepresentation: bytes) { readings.append(der) }
    if bytes.count == 64, let raw = try? P256.Signing.ECDSASignature(rawRepresentation: bytes) { readings.append(raw) }
    return readings
}

/// The readings of an ECDSA signature: ASN.1 DER `ECDSA-Sig-Value`, and raw `r‖s` when it has the raw length.
private func p384Signatures(_ bytes: [UInt8]) -> [P384.Signing.ECDSASignature] {
    var readings: [P384.Signing.ECDSASignature] = []
    if let der = try? P384.Signing.ECDSASignature(derRepresentation: bytes) { readings.append(der) }
    if bytes.count == 96, let raw = try? P384.Signing.ECDSASignature(rawRepresentation: bytes) { readings.append(raw) }
    return readings
}

/// A SHA-256 digest received as bytes (a sigstore `messageDigest`), so a key can verify a signature over it.
private struct PrehashedSHA256: Crypto.Digest {
    static let byteCount = 32
    let bytes: [UInt8]

    init?(_ bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    var description: String { "SHA256 digest: " + ScanModel.Digest.hexadecimal(bytes) }
}

/// The parts of a SubjectPublicKeyInfo that choose the key type (RFC 5280 §4.1, RFC 5480 §2, RFC 8410 §4).
private struct SubjectPublicKeyInfoFields {
    var algorithm: ASN1ObjectIdentifier
    /// The named curve of an EC key (RFC 5480 `ECParameters`).
    var curve: ASN1ObjectIdentifier?
    var keyBytes: [UInt8]

    init(der: [UInt8]) throws {
        let root = try DER.parse(der)
        (algorithm, curve, keyBytes) = try DER.sequence(root, identifier: .sequence) { nodes in
            guard let algorithmNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "no algorithm identifier")
            }
            let (algorithm, curve) = try DER.sequence(algorithmNode, identifier: .sequence) { inner in
                let algorithm = try ASN1ObjectIdentifier(derEncoded: &inner)
                var curve: ASN1ObjectIdentifier?
                while let parameter = inner.next() {
                    if parameter.identifier == .objectIdentifier {
                        curve = try ASN1ObjectIdentifier(derEncoded: parameter)
                    }
                }
                return (algorithm, curve)
            }
            let key = try ASN1BitString(derEncoded: &nodes)
            guard key.paddingBits == 0 else {
                throw ASN1Error.invalidASN1Object(reason: "the public key bit string is not whole bytes")
            }
            return (algorithm, curve, Array(key.bytes))
        }
    }
}

extension ASN1ObjectIdentifier {
    fileprivate static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    fileprivate static let curveP256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
    fileprivate static let curveP384: ASN1ObjectIdentifier = [1, 3, 132, 0, 34]
    fileprivate static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    fileprivate static let rsaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 10]
    fileprivate static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
}
