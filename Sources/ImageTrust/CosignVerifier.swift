import Foundation
import ScanModel

/// Finds an image's cosign signatures and checks them against a trust root (`sigstore/cosign`
/// `specs/SIGNATURE_SPEC.md` and `specs/BUNDLE_SPEC.md`).
///
/// Signatures are looked for in three places, and every one found is checked:
/// 1. the tag `sha256-<hex>.sig`, whose manifest has one simple-signing layer per signature;
/// 2. the referrers API, keeping cosign's OCI 1.1 signature artifacts and sigstore bundles;
/// 3. when the registry has no referrers API, the referrers tag `sha256-<hex>`, which holds the same index.
public struct CosignVerifier: Sendable {
    /// The most signatures checked for one image; more are ignored.
    public static let maximumSignatureCount = 64
    /// The largest signature manifest or referrers index read.
    public static let maximumManifestSize = 4 * 1024 * 1024
    /// The largest payload or bundle read.
    public static let maximumPayloadSize = 1024 * 1024

    /// What the signatures must verify against.
    public var trustRoot: TrustRoot

    /// Creates a verifier that believes signatures that verify against `trustRoot`.
    public init(trustRoot: TrustRoot) {
        self.trustRoot = trustRoot
    }

    /// Creates a verifier that believes signatures made with one of `keys`.
    public init(keys: [VerificationKey]) {
        self.init(trustRoot: .publicKeys(keys))
    }

    /// Looks for the signatures of the manifest `manifestDigest` in `store` and checks each.
    ///
    /// - Throws: what `store` throws, other than digest mismatches and oversized blobs, which become failed checks.
    public func verify(manifestDigest: Digest, store: any SignatureStore) async throws -> SignatureVerification {
        var found = FoundSignatures()
        let signatureTag = Self.signatureTag(for: manifestDigest)
        if let manifest = try await store.manifest(tagged: signatureTag) {
            found.addLayers(of: manifest.bytes, location: "tag \(signatureTag)", requiringSignatureKind: false)
        }
        let referrersTag = Self.referrersTag(for: manifestDigest)
        var index = try await store.referrers(of: manifestDigest)
        if index == nil {
            index = try await store.manifest(tagged: referrersTag)?.bytes
        }
        if let index {
            try await addReferrers(in: index, to: &found, store: store)
        }
        var checks = found.failures
        for candidate in found.candidates.prefix(Self.maximumSignatureCount) {
            try Task.checkCancellation()
            checks.append(try await check(candidate, manifestDigest: manifestDigest, store: store))
        }
        return SignatureVerification(
            manifestDigest: manifestDigest, checks: checks,
            placesLooked: "tag \(signatureTag) and referrers")
    }

    /// The tag cosign stores an image's signatures under: `sha256-<hex>.sig`.
    public static func signatureTag(for digest: Digest) -> String {
        "\(digest.algorithm.rawValue)-\(digest.encoded).sig"
    }

    /// The referrers tag schema's tag for `digest`: `<algorithm>-<encoded>`, the encoded part cut to 64 characters
    /// (OCI distribution-spec, "Referrers Tag Schema").
    public static func referrersTag(for digest: Digest) -> String {
        "\(digest.algorithm.rawValue)-\(digest.encoded.prefix(64))"
    }

    private func addReferrers(in index: [UInt8], to found: inout FoundSignatures, store: any SignatureStore)
        async throws
    {
        guard index.count <= Self.maximumManifestSize, let document = OCIDocument.parse(index) else {
            found.failures.append(
                SignatureCheck(
                    location: "referrers", format: "OCI referrers index", failure: .malformed,
                    detail: "the referrers index is not an OCI image index of at most 4 MiB"))
            return
        }
        var fetched = 0
        for entry in document.manifests ?? [] where fetched < Self.maximumSignatureCount {
            // Registries that build the index from the tag schema may leave `artifactType` empty or give the empty
            // type; those entries are fetched to read the manifest's own type.
            if let type = entry.artifactType, type != CosignVocabulary.emptyArtifact,
                !CosignVocabulary.isSignature(type)
            {
                continue
            }
            if let predicate = entry.annotations?[CosignVocabulary.bundlePredicateTypeAnnotation],
                predicate != CosignVocabulary.signPredicateType
            {
                continue
            }
            let location = "referrer \(entry.digest)"
            guard let digest = Digest(entry.digest) else {
                found.failures.append(
                    SignatureCheck(
                        location: location, format: "OCI referrers index", failure: .malformed,
                        detail: "the referrers index names '\(entry.digest)', which is not a digest"))
                continue
            }
            fetched += 1
            let manifest: FetchedManifest?
            do {
                manifest = try await store.manifest(digest: digest)
            } catch TrustError.contentDigestMismatch(let expected, let actual) {
                found.failures.append(
                    SignatureCheck(
                        location: location, format: "OCI referrer", failure: .payloadTampered,
                        detail: "the referrer manifest \(expected) hashes to \(actual): it was altered"))
                continue
            }
            guard let manifest else { continue }
            guard manifest.bytes.count <= Self.maximumManifestSize,
                contentDigest(of: manifest.bytes, algorithm: digest.algorithm) == digest
            else {
                found.failures.append(
                    SignatureCheck(
                        location: location, format: "OCI referrer", failure: .payloadTampered,
                        detail: "the referrer manifest does not hash to \(digest) or is larger than 4 MiB"))
                continue
            }
            found.addLayers(of: manifest.bytes, location: location, requiringSignatureKind: true)
        }
    }

    private func check(_ candidate: Candidate, manifestDigest: Digest, store: any SignatureStore) async throws
        -> SignatureCheck
    {
        switch candidate {
        case .simpleSigning(let layer):
            try await checkSimpleSigning(layer, manifestDigest: manifestDigest, store: store)
        case .bundle(let location, let digest):
            try await checkBundle(at: location, digest: digest, manifestDigest: manifestDigest, store: store)
        }
    }

    private func checkSimpleSigning(_ layer: SimpleSigningLayer, manifestDigest: Digest, store: any SignatureStore)
        async throws -> SignatureCheck
    {
        let format = "cosign simple signing"
        func failed(_ failure: SignatureFailure, _ detail: String, key: String? = nil) -> SignatureCheck {
            SignatureCheck(location: layer.location, format: format, key: key, failure: failure, detail: detail)
        }
        guard let encoded = layer.signature else {
            return failed(.malformed, "the layer has no \(CosignVocabulary.signatureAnnotation) annotation")
        }
        guard let signature = decodeBase64(encoded) else {
            return failed(.malformed, "the \(CosignVocabulary.signatureAnnotation) annotation is not base64")
        }
        let payload: [UInt8]
        switch try await fetchBlob(layer.payloadDigest, store: store) {
        case .success(let bytes): payload = bytes
        case .failure(let failure, let detail): return failed(failure, "the payload \(detail)")
        }
        guard let key = trustRoot.verifyingKey(for: signature, over: payload) else {
            if layer.hasCertificate { return failed(.unsupported, keylessDetail) }
            return failed(.wrongKey, noKeyDetail, key: trustRoot.triedKeys)
        }
        let parsed: SimpleSigningPayload
        do {
            parsed = try SimpleSigningPayload.parse(payload)
        } catch {
            return failed(.malformed, error.description, key: key.fingerprint)
        }
        guard parsed.manifestDigest == manifestDigest else {
            return failed(
                .digestMismatch, mismatchDetail(signed: parsed.manifestDigest, image: manifestDigest),
                key: key.fingerprint)
        }
        return SignatureCheck(
            location: layer.location, format: format, key: key.fingerprint,
            detail: "verified with key \(key.fingerprint) over \(manifestDigest)")
    }

    private func checkBundle(at location: String, digest: Digest?, manifestDigest: Digest, store: any SignatureStore)
        async throws -> SignatureCheck
    {
        let format = "sigstore bundle"
        func failed(_ failure: SignatureFailure, _ detail: String, key: String? = nil) -> SignatureCheck {
            SignatureCheck(location: location, format: format, key: key, failure: failure, detail: detail)
        }
        let bytes: [UInt8]
        switch try await fetchBlob(digest, store: store) {
        case .success(let blob): bytes = blob
        case .failure(let failure, let detail): return failed(failure, "the bundle \(detail)")
        }
        let bundle: SigstoreBundle
        do {
            bundle = try SigstoreBundle.parse(bytes)
        } catch {
            return failed(error.failure, error.reason)
        }
        guard let verified = bundle.verifiedContent(with: trustRoot) else {
            if bundle.hasCertificate { return failed(.unsupported, keylessDetail) }
            return failed(.wrongKey, noKeyDetail, key: trustRoot.triedKeys)
        }
        let (key, content) = verified
        let signed: [Digest]
        do {
            signed = try content.signedDigests()
        } catch {
            return failed(error.failure, error.reason, key: key.fingerprint)
        }
        guard signed.contains(manifestDigest) else {
            guard let other = signed.first else {
                return failed(.malformed, "the signed statement names no digest", key: key.fingerprint)
            }
            return failed(.digestMismatch, mismatchDetail(signed: other, image: manifestDigest), key: key.fingerprint)
        }
        return SignatureCheck(
            location: location, format: format, key: key.fingerprint,
            detail: "verified with key \(key.fingerprint) over \(manifestDigest)")
    }

    /// Fetches a payload or bundle and checks its digest again, since the store is outside this module.
    private func fetchBlob(_ digest: Digest?, store: any SignatureStore) async throws -> BlobOutcome {
        guard let digest else { return .failure(.malformed, "is named by something that is not a digest") }
        let bytes: [UInt8]
        do {
            bytes = try await store.blob(digest, maximumSize: Self.maximumPayloadSize)
        } catch TrustError.contentDigestMismatch(let expected, let actual) {
            return .failure(.payloadTampered, "hashes to \(actual), not \(expected): it was altered after signing")
        } catch TrustError.blobTooLarge(_, let size, _) {
            return .failure(.malformed, "is \(size) bytes, more than the 1 MiB a signature may have")
        }
        guard bytes.count <= Self.maximumPayloadSize else {
            return .failure(.malformed, "is \(bytes.count) bytes, more than the 1 MiB a signature may have")
        }
        let actual = contentDigest(of: bytes, algorithm: digest.algorithm)
        guard actual == digest else {
            return .failure(.payloadTampered, "hashes to \(actual), not \(digest): it was altered after signing")
        }
        return .success(bytes)
    }

    private var noKeyDetail: String {
        trustRoot.keys.isEmpty
            ? "no key was given to check it with; pass the signer's public key"
            : "no trusted key verifies it (tried \(trustRoot.triedKeys ?? ""))"
    }

    private var keylessDetail: String {
        "keyless signature (certificate) — verify with a key or wait for keyless support"
    }
}

private func mismatchDetail(signed: Digest, image: Digest) -> String {
    "the signature signs \(signed), not this image's \(image) — it belongs to another image"
}

private enum BlobOutcome {
    case success([UInt8])
    case failure(SignatureFailure, String)
}

/// A signature layer of a cosign signature manifest.
private struct SimpleSigningLayer {
    var location: String
    var payloadDigest: Digest?
    var signature: String?
    var hasCertificate: Bool
}

private enum Candidate {
    case simpleSigning(SimpleSigningLayer)
    case bundle(location: String, digest: Digest?)
}

/// The signatures found so far, without the same signature twice.
private struct FoundSignatures {
    var candidates: [Candidate] = []
    /// Signature manifests that could not be read, reported as failed checks.
    var failures: [SignatureCheck] = []
    private var seen: Set<String> = []

    /// Adds the signature layers of the manifest `bytes`.
    ///
    /// - Parameter requiringSignatureKind: whether the manifest must declare itself a cosign signature or a sigstore
    ///   bundle (true for referrers, whose other kinds are SBOMs and attestations; the `.sig` tag holds only
    ///   signatures).
    mutating func addLayers(of bytes: [UInt8], location: String, requiringSignatureKind: Bool) {
        guard bytes.count <= CosignVerifier.maximumManifestSize, let manifest = OCIDocument.parse(bytes) else {
            failures.append(
                SignatureCheck(
                    location: location, format: "cosign signature manifest", failure: .malformed,
                    detail: "the signature manifest is not an OCI or Docker image manifest of at most 4 MiB"))
            return
        }
        if requiringSignatureKind && !CosignVocabulary.isSignature(manifest.kind) { return }
        if let predicate = manifest.annotations?[CosignVocabulary.bundlePredicateTypeAnnotation],
            predicate != CosignVocabulary.signPredicateType
        {
            return
        }
        for layer in manifest.layers ?? [] {
            let digest = Digest(layer.digest)
            if CosignVocabulary.isBundle(layer.mediaType) {
                insert(.bundle(location: location, digest: digest), key: "bundle \(layer.digest)")
            } else if layer.mediaType == CosignVocabulary.simpleSigningLayer {
                let annotations = layer.annotations ?? [:]
                let signature = annotations[CosignVocabulary.signatureAnnotation]
                let hasCertificate = CosignVocabulary.certificateAnnotations.contains {
                    !(annotations[$0] ?? "").isEmpty
                }
                let entry = SimpleSigningLayer(
                    location: location, payloadDigest: digest, signature: signature, hasCertificate: hasCertificate)
                let normalized = signature.map { $0.filter { !$0.isWhitespace } } ?? ""
                insert(.simpleSigning(entry), key: "\(layer.digest) \(normalized)")
            }
        }
    }

    private mutating func insert(_ candidate: Candidate, key: String) {
        guard seen.insert(key).inserted else { return }
        candidates.append(candidate)
    }
}

/// Decodes standard base64, allowing the line breaks older cosign versions wrote into annotations.
func decodeBase64(_ text: String) -> [UInt8]? {
    let compact = text.filter { !$0.isWhitespace }
    guard !compact.isEmpty, let data = Data(base64Encoded: compact) else { return nil }
    return Array(data)
}
