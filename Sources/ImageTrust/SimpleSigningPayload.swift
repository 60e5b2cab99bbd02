import Foundation
import ScanModel

/// The JSON a cosign signature signs: the image's manifest digest and the payload type, in the "simple signing"
/// format (`containers/image` `docs/containers-signature.5.md`, `sigstore/cosign` `specs/SIGNATURE_SPEC.md`).
///
/// Keys are matched without regard to case, as Go's JSON decoder does: cosign writes `docker-manifest-digest`, the
/// containers/image example writes `Docker-manifest-digest`.
public struct SimpleSigningPayload: Sendable, Equatable {
    /// The only `critical.type` a cosign image signature has.
    public static let cosignSignatureType = "cosign container image signature"
    /// The largest payload parsed.
    public static let maximumSize = 1024 * 1024

    /// `critical.image.docker-manifest-digest`: the manifest the signature is for.
    public var manifestDigest: Digest
    /// `critical.identity.docker-reference`: where the image was when signed; informative, never matched (cosign
    /// ignores it, and mirroring rewrites it).
    public var dockerReference: String?
    /// `critical.type`.
    public var type: String
    /// The string values of `optional` (annotations given to `cosign sign -a`); other values are dropped.
    public var optional: [String: String]

    /// Creates a payload from its fields.
    public init(
        manifestDigest: Digest, dockerReference: String? = nil, type: String = cosignSignatureType,
        optional: [String: String] = [:]
    ) {
        self.manifestDigest = manifestDigest
        self.dockerReference = dockerReference
        self.type = type
        self.optional = optional
    }

    /// Parses payload bytes.
    ///
    /// - Throws: `TrustError.malformedPayload` when the bytes are too large, not a JSON object, lack
    ///   `critical.image.docker-manifest-digest`, or are not of type `cosign container image signature`.
    public static func parse(_ bytes: [UInt8]) throws(TrustError) -> SimpleSigningPayload {
        guard bytes.count <= maximumSize else {
            throw .malformedPayload(reason: "it is \(bytes.count) bytes, more than the 1 MiB a payload may have")
        }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw TrustError.malformedPayload(reason: "it is not a JSON object")
            }
            root = object
        } catch let error as TrustError {
            throw error
        } catch {
            throw .malformedPayload(reason: "it is not JSON")
        }
        guard let critical = member(root, "critical") as? [String: Any] else {
            throw .malformedPayload(reason: "it has no 'critical' object")
        }
        guard let type = member(critical, "type") as? String else {
            throw .malformedPayload(reason: "it has no 'critical.type'")
        }
        guard type == cosignSignatureType else {
            throw .malformedPayload(reason: "its type is '\(type)', not '\(cosignSignatureType)'")
        }
        guard let image = member(critical, "image") as? [String: Any],
            let digestText = member(image, "docker-manifest-digest") as? String
        else {
            throw .malformedPayload(reason: "it has no 'critical.image.docker-manifest-digest'")
        }
        guard let digest = Digest(digestText) else {
            throw .malformedPayload(reason: "'\(digestText)' is not a sha256 or sha512 digest")
        }
        let identity = member(critical, "identity") as? [String: Any]
        let reference = identity.flatMap { member($0, "docker-reference") as? String }
        var optional: [String: String] = [:]
        if let values = member(root, "optional") as? [String: Any] {
            for (key, value) in values {
                if let text = value as? String { optional[key] = text }
            }
        }
        return SimpleSigningPayload(manifestDigest: digest, dockerReference: reference, type: type, optional: optional)
    }
}

/// The value of `key` in `object`, preferring an exact match, then one that differs only in case.
private func member(_ object: [String: Any], _ key: String) -> Any? {
    if let exact = object[key] { return exact }
    let folded = key.lowercased()
    return object.keys.sorted().first { $0.lowercased() == folded }.flatMap { object[$0] }
}
