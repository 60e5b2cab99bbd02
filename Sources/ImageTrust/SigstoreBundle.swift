import Foundation
import ScanModel

/// A sigstore bundle in its JSON form (`sigstore/protobuf-specs` `protos/sigstore_bundle.proto`, cosign
/// `specs/BUNDLE_SPEC.md`): verification material, then either a DSSE envelope or a message signature.
struct SigstoreBundle {
    /// What the bundle signs.
    enum Content {
        /// A DSSE envelope (`secure-systems-lab/dsse` `protocol.md`) around an in-toto statement.
        case envelope(payload: [UInt8], payloadType: String, signatures: [[UInt8]])
        /// A signature over a message known by its digest; for an image, the manifest bytes.
        case messageSignature(algorithm: String, digest: [UInt8], signature: [UInt8])
    }

    var content: Content
    /// Whether the verification material is a certificate (keyless) rather than a public key hint.
    var hasCertificate: Bool

    /// Parses bundle bytes.
    static func parse(_ bytes: [UInt8]) throws(BundleProblem) -> SigstoreBundle {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw .malformed("the bundle is not a JSON object")
        }
        guard let mediaType = root["mediaType"] as? String, CosignVocabulary.isBundle(mediaType) else {
            throw .malformed("the bundle's mediaType is not a sigstore bundle type")
        }
        let material = root["verificationMaterial"] as? [String: Any] ?? [:]
        let hasCertificate = material["certificate"] != nil || material["x509CertificateChain"] != nil
        if let envelope = root["dsseEnvelope"] as? [String: Any] {
            guard let payloadText = envelope["payload"] as? String, let payload = decodeBase64(payloadText),
                let payloadType = envelope["payloadType"] as? String
            else {
                throw .malformed("the DSSE envelope has no base64 payload or no payloadType")
            }
            let entries = envelope["signatures"] as? [[String: Any]] ?? []
            let signatures = entries.compactMap { ($0["sig"] as? String).flatMap(decodeBase64) }
            guard !signatures.isEmpty, signatures.count == entries.count else {
                throw .malformed("the DSSE envelope's signatures are missing or not base64")
            }
            return SigstoreBundle(
                content: .envelope(payload: payload, payloadType: payloadType, signatures: signatures),
                hasCertificate: hasCertificate)
        }
        if let message = root["messageSignature"] as? [String: Any] {
            guard let messageDigest = message["messageDigest"] as? [String: Any],
                let algorithm = messageDigest["algorithm"] as? String,
                let digest = (messageDigest["digest"] as? String).flatMap(decodeBase64),
                let signature = (message["signature"] as? String).flatMap(decodeBase64)
            else {
                throw .malformed("the message signature lacks a base64 messageDigest or signature")
            }
            return SigstoreBundle(
                content: .messageSignature(algorithm: algorithm, digest: digest, signature: signature),
                hasCertificate: hasCertificate)
        }
        throw .malformed("the bundle has neither a dsseEnvelope nor a messageSignature")
    }

    /// The first key of `root` that verifies the bundle's signature, with what it signed; nil when none does.
    func verifiedContent(with root: TrustRoot) -> (VerificationKey, VerifiedContent)? {
        switch content {
        case .envelope(let payload, let payloadType, let signatures):
            let message = preAuthenticationEncoding(payloadType: payloadType, payload: payload)
            for signature in signatures {
                if let key = root.verifyingKey(for: signature, over: message) {
                    return (key, .statement(payload: payload, payloadType: payloadType))
                }
            }
            return nil
        case .messageSignature(let algorithm, let digest, let signature):
            guard algorithm == "SHA2_256",
                let key = root.keys.first(where: { $0.isValidSignature(signature, forSHA256Digest: digest) })
            else { return nil }
            return (key, .messageDigest(Digest(algorithm: .sha256, hash: digest)))
        }
    }
}

/// What a verified bundle signed.
enum VerifiedContent {
    /// A DSSE payload, which for an image signature is an in-toto statement naming it.
    case statement(payload: [UInt8], payloadType: String)
    /// The digest of the message signed.
    case messageDigest(Digest)

    /// The digests the signature vouches for: the statement's subjects, or the message digest.
    func signedDigests() throws(BundleProblem) -> [Digest] {
        switch self {
        case .messageDigest(let digest):
            return [digest]
        case .statement(let payload, let payloadType):
            guard payloadType == CosignVocabulary.inTotoPayloadType else {
                throw .malformed("the DSSE payload type is '\(payloadType)', not an in-toto statement")
            }
            guard let statement = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any],
                let type = statement["_type"] as? String, type.hasPrefix("https://in-toto.io/Statement/"),
                let subjects = statement["subject"] as? [[String: Any]]
            else {
                throw .malformed("the DSSE payload is not an in-toto statement with subjects")
            }
            let predicateType = statement["predicateType"] as? String ?? "none"
            guard predicateType == CosignVocabulary.signPredicateType else {
                throw BundleProblem(
                    failure: .unsupported,
                    reason: "an in-toto attestation of '\(predicateType)', not an image signature")
            }
            return subjects.flatMap { subject -> [Digest] in
                let digests = subject["digest"] as? [String: Any] ?? [:]
                return digests.keys.sorted().compactMap { algorithm in
                    (digests[algorithm] as? String).flatMap { Digest("\(algorithm):\($0.lowercased())") }
                }
            }
        }
    }
}

/// Why a bundle was not accepted, as the failure to report.
struct BundleProblem: Error {
    var failure: SignatureFailure
    var reason: String

    static func malformed(_ reason: String) -> BundleProblem {
        BundleProblem(failure: .malformed, reason: reason)
    }
}

/// DSSE's pre-authentication encoding: `DSSEv1 SP len(type) SP type SP len(body) SP body`, lengths in decimal bytes.
func preAuthenticationEncoding(payloadType: String, payload: [UInt8]) -> [UInt8] {
    let type = Array(payloadType.utf8)
    return Array("DSSEv1 \(type.count) ".utf8) + type + Array(" \(payload.count) ".utf8) + payload
}
