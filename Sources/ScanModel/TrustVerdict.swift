/// Whether an image is the one its owner published: the manifest digest it was read by, whether the reference pinned
/// that digest, and what its signatures said.
public struct TrustVerdict: Sendable, Codable, Equatable {
    /// The reference as resolved: `registry/repository:tag` or `registry/repository@sha256:…`.
    public var reference: String
    /// The digest of the manifest bytes received (for a multi-platform image, of the platform's manifest).
    public var manifestDigest: Digest
    /// The digest of the index the platform manifest was chosen from, when the reference named an index.
    public var indexDigest: Digest?
    /// Whether the reference named a digest, so the image cannot change under the same name.
    public var isPinned: Bool
    /// Whether every manifest and blob read hashed to the digest it was fetched by.
    public var isDigestVerified: Bool
    /// What the signatures said; `.notChecked` when no key or policy asked for a check.
    public var signatureStatus: SignatureStatus
    /// Each signature found and what its check concluded.
    public var signatures: [SignatureCheck]
    /// The trust-policy rule that applied (its registry or repository prefix), if any.
    public var policy: String?
    /// One sentence for people: what was checked and what it concluded.
    public var message: String

    public init(
        reference: String, manifestDigest: Digest, indexDigest: Digest? = nil, isPinned: Bool,
        isDigestVerified: Bool = true, signatureStatus: SignatureStatus = .notChecked,
        signatures: [SignatureCheck] = [],
        policy: String? = nil, message: String
    ) {
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.indexDigest = indexDigest
        self.isPinned = isPinned
        self.isDigestVerified = isDigestVerified
        self.signatureStatus = signatureStatus
        self.signatures = signatures
        self.policy = policy
        self.message = message
    }

    /// Whether the image may be believed: its digests held and, when signatures were required, one verified.
    public var isTrusted: Bool {
        isDigestVerified && (signatureStatus == .verified || signatureStatus == .notChecked)
    }
}

extension TrustVerdict {
    /// The JSON report's member names: `pinned` and `digestVerified` read as facts, as the report's other flags do.
    private enum CodingKeys: String, CodingKey {
        case reference, manifestDigest, indexDigest
        case isPinned = "pinned"
        case isDigestVerified = "digestVerified"
        case signatureStatus, signatures, policy, message
    }
}

/// The outcome of looking for and checking an image's signatures.
public enum SignatureStatus: String, Sendable, Codable, Equatable {
    /// No key or policy asked for a signature check.
    case notChecked = "not-checked"
    /// At least one signature verified with a trusted key over this exact manifest digest.
    case verified
    /// Signatures were found, and none verified.
    case invalid
    /// No signature was found for the image's digest.
    case missing
}

/// One signature and what checking it concluded.
public struct SignatureCheck: Sendable, Codable, Equatable {
    /// Where it was found: `tag sha256-<hex>.sig` or `referrer sha256:…`.
    public var location: String
    /// The signature format (`cosign simple signing`, `sigstore bundle`).
    public var format: String
    /// The key that verified it, or that it was checked against: `sha256:<hex of the public key's DER>`.
    public var key: String?
    /// `nil` when it verified; otherwise why not.
    public var failure: SignatureFailure?
    /// The failure or success in one sentence.
    public var detail: String

    public init(location: String, format: String, key: String? = nil, failure: SignatureFailure? = nil, detail: String)
    {
        self.location = location
        self.format = format
        self.key = key
        self.failure = failure
        self.detail = detail
    }

    public var isVerified: Bool { failure == nil }
}

extension SignatureCheck {
    private enum CodingKeys: String, CodingKey {
        case location, format, key, verified, failure, detail
    }

    /// Reads the JSON report's form; `verified` is derived from `failure`, so it is not read back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            location: try container.decode(String.self, forKey: .location),
            format: try container.decode(String.self, forKey: .format),
            key: try container.decodeIfPresent(String.self, forKey: .key),
            failure: try container.decodeIfPresent(SignatureFailure.self, forKey: .failure),
            detail: try container.decode(String.self, forKey: .detail))
    }

    /// Writes `verified` beside `failure`, so readers need not know that no failure means verified.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(location, forKey: .location)
        try container.encode(format, forKey: .format)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encode(isVerified, forKey: .verified)
        try container.encodeIfPresent(failure, forKey: .failure)
        try container.encode(detail, forKey: .detail)
    }
}

/// Why a signature did not verify; each has its own message, so users can tell a wrong key from a replayed signature.
public enum SignatureFailure: String, Sendable, Codable, Equatable {
    /// The signature is well formed but no trusted key verifies it.
    case wrongKey = "wrong-key"
    /// The signed payload names another manifest digest: the signature belongs to another image.
    case digestMismatch = "digest-mismatch"
    /// The payload's bytes do not hash to the digest the signature manifest gives for them.
    case payloadTampered = "payload-tampered"
    /// The payload or signature cannot be parsed (bad base64, bad JSON, wrong payload type).
    case malformed
    /// A signature kind Plimsoll cannot check yet (keyless certificates without a trust root).
    case unsupported
}
