import Crypto
import Foundation
import ImageTrust
import ScanModel

/// A cosign signer made at test time: a fresh P-256 key, and builders for what `cosign sign --key` pushes (a
/// simple-signing payload, its DER signature, the `.sig` manifest, an OCI 1.1 signature artifact, a referrers index).
public struct CosignFixture: Sendable {
    /// The private key's raw scalar; swift-crypto keys are not `Sendable`, so the key is rebuilt from it.
    public let rawPrivateKey: [UInt8]

    /// Creates a signer with a new random key.
    public init() {
        rawPrivateKey = Array(P256.Signing.PrivateKey().rawRepresentation)
    }

    /// The signer's public key as PEM `PUBLIC KEY`, the contents of `cosign.pub`.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// The signer's public key, parsed.
    public func verificationKey() throws -> VerificationKey {
        try VerificationKey(pemRepresentation: publicKeyPEM)
    }

    /// The DER ECDSA signature of `payload` over SHA-256, as cosign writes it.
    public func signature(of payload: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: payload).derRepresentation)
    }

    /// A signature layer for the image `digest`: the payload cosign would write, signed with this key.
    ///
    /// - Parameters:
    ///   - payload: other payload bytes to sign instead, for tests of payloads naming another image.
    ///   - certificate: a PEM certificate to attach, making the layer look keyless.
    public func signatureLayer(for digest: ScanModel.Digest, payload: [UInt8]? = nil, certificate: String? = nil) throws
        -> SignatureLayer
    {
        let bytes = payload ?? Self.payload(for: digest)
        return SignatureLayer(
            payload: bytes, signatureBase64: Data(try signature(of: bytes)).base64EncodedString(),
            certificate: certificate)
    }

    /// The simple-signing payload cosign writes for `digest`, byte for byte.
    public static func payload(for digest: ScanModel.Digest, reference: String = "registry.example.com/team/app")
        -> [UInt8]
    {
        Array(
            (#"{"critical":{"identity":{"docker-reference":"\#(reference)"},"#
                + #""image":{"docker-manifest-digest":"\#(digest)"},"#
                + #""type":"cosign container image signature"},"optional":null}"#).utf8)
    }

    /// The manifest holding `layers`: the `.sig` tag's manifest, or with `artifactType`, an OCI 1.1 artifact whose
    /// `subject` is `subject`.
    public static func signatureManifest(
        layers: [SignatureLayer], artifactType: String? = nil, subject: ScanModel.Digest? = nil
    ) -> [UInt8] {
        let config =
            artifactType == nil
            ? ManifestDescriptor(
                mediaType: "application/vnd.oci.image.config.v1+json", digest: digest(of: Array("{}".utf8)), size: 2)
            : ManifestDescriptor(
                mediaType: "application/vnd.oci.empty.v1+json", digest: digest(of: Array("{}".utf8)), size: 2)
        let manifest = Manifest(
            mediaType: "application/vnd.oci.image.manifest.v1+json", artifactType: artifactType, config: config,
            layers: layers.map { layer in
                var annotations = ["dev.cosignproject.cosign/signature": layer.signatureBase64]
                if let certificate = layer.certificate { annotations["dev.sigstore.cosign/certificate"] = certificate }
                return ManifestDescriptor(
                    mediaType: layer.mediaType, digest: digest(of: layer.payload), size: layer.payload.count,
                    annotations: annotations)
            },
            subject: subject.map {
                ManifestDescriptor(mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $0, size: 0)
            })
        return encode(manifest)
    }

    /// A referrers index listing `entries`.
    public static func referrersIndex(_ entries: [ReferrerEntry]) -> [UInt8] {
        let index = Index(
            manifests: entries.map {
                ManifestDescriptor(
                    mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $0.digest, size: $0.size,
                    artifactType: $0.artifactType, annotations: $0.annotations)
            })
        return encode(index)
    }

    /// The SHA-256 digest of `bytes`.
    public static func digest(of bytes: [UInt8]) -> ScanModel.Digest {
        ScanModel.Digest(
            algorithm: .sha256, encoded: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
    }

    private var privateKey: P256.Signing.PrivateKey {
        // The bytes came from a valid key, so parsing them cannot fail; fall back to a fresh key rather than trap.
        (try? P256.Signing.PrivateKey(rawRepresentation: rawPrivateKey)) ?? P256.Signing.PrivateKey()
    }

    private static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? []
    }
}

/// One signature as a layer of a cosign signature manifest.
public struct SignatureLayer: Sendable {
    /// The payload blob.
    public var payload: [UInt8]
    /// The `dev.cosignproject.cosign/signature` annotation.
    public var signatureBase64: String
    /// The `dev.sigstore.cosign/certificate` annotation, when keyless.
    public var certificate: String?
    /// The layer's media type.
    public var mediaType = "application/vnd.dev.cosign.simplesigning.v1+json"

    /// Creates a layer.
    public init(payload: [UInt8], signatureBase64: String, certificate: String? = nil) {
        self.payload = payload
        self.signatureBase64 = signatureBase64
        self.certificate = certificate
    }
}

/// One entry of a referrers index.
public struct ReferrerEntry: Sendable {
    /// The referring manifest's digest.
    public var digest: ScanModel.Digest
    /// Its size in bytes.
    public var size: Int
    /// Its artifact type, when the index gives one.
    public var artifactType: String?
    /// Its annotations.
    public var annotations: [String: String]?

    /// Creates an entry.
    public init(digest: ScanModel.Digest, size: Int, artifactType: String?, annotations: [String: String]? = nil) {
        self.digest = digest
        self.size = size
        self.artifactType = artifactType
        self.annotations = annotations
    }
}

private struct ManifestDescriptor: Encodable {
    var mediaType: String
    var digest: ScanModel.Digest
    var size: Int
    var artifactType: String?
    var annotations: [String: String]?
}

private struct Manifest: Encodable {
    var schemaVersion = 2
    var mediaType: String
    var artifactType: String?
    var config: ManifestDescriptor
    var layers: [ManifestDescriptor]
    var subject: ManifestDescriptor?
}

private struct Index: Encodable {
    var schemaVersion = 2
    var mediaType = "application/vnd.oci.image.index.v1+json"
    var manifests: [ManifestDescriptor]
}

/// A signature repository held in memory, for tests of signature discovery and verification.
public struct InMemorySignatureStore: SignatureStore {
    /// Content the store was asked for and does not hold.
    public struct MissingContent: Error {
        /// The digest asked for.
        public var digest: ScanModel.Digest
    }

    /// Manifests by tag.
    public var tags: [String: FetchedManifest] = [:]
    /// Manifests by digest; the key is the digest they are served for, so tests can serve altered bytes.
    public var manifests: [ScanModel.Digest: FetchedManifest] = [:]
    /// Blobs by the digest they are served for.
    public var blobs: [ScanModel.Digest: [UInt8]] = [:]
    /// Referrers indexes by subject digest; nil when the registry offers no referrers API.
    public var referrersIndexes: [ScanModel.Digest: [UInt8]]?
    /// Whether the store checks content against its digest, as a registry client must.
    public var verifiesDigests = true

    /// Creates an empty store.
    ///
    /// - Parameter supportsReferrersAPI: whether `referrers(of:)` answers (with an empty index when it holds none).
    public init(supportsReferrersAPI: Bool = true) {
        referrersIndexes = supportsReferrersAPI ? [:] : nil
    }

    /// Stores `bytes` as a blob and returns its digest.
    @discardableResult
    public mutating func addBlob(_ bytes: [UInt8]) -> ScanModel.Digest {
        let digest = CosignFixture.digest(of: bytes)
        blobs[digest] = bytes
        return digest
    }

    /// Stores a manifest, under `tag` too when given, and returns its digest.
    @discardableResult
    public mutating func addManifest(
        _ bytes: [UInt8], mediaType: String = "application/vnd.oci.image.manifest.v1+json", tag: String? = nil
    ) -> ScanModel.Digest {
        let manifest = FetchedManifest(bytes: bytes, digest: CosignFixture.digest(of: bytes), mediaType: mediaType)
        manifests[manifest.digest] = manifest
        if let tag { tags[tag] = manifest }
        return manifest.digest
    }

    /// Publishes `layers` as cosign does for `image`: the payload blobs, and the manifest under `sha256-<hex>.sig`.
    public mutating func publishSignatures(_ layers: [SignatureLayer], for image: ScanModel.Digest) {
        for layer in layers { addBlob(layer.payload) }
        addManifest(CosignFixture.signatureManifest(layers: layers), tag: CosignVerifier.signatureTag(for: image))
    }

    /// Publishes `layers` as an OCI 1.1 signature artifact referring to `image`, and returns the index listing it.
    ///
    /// - Parameter inReferrersAPI: whether the index is served by the referrers API or by the referrers tag.
    @discardableResult
    public mutating func publishReferrer(
        _ layers: [SignatureLayer], for image: ScanModel.Digest,
        artifactType: String = "application/vnd.dev.cosign.artifact.sig.v1+json", inReferrersAPI: Bool = true
    ) -> [UInt8] {
        for layer in layers { addBlob(layer.payload) }
        let manifest = CosignFixture.signatureManifest(layers: layers, artifactType: artifactType, subject: image)
        let digest = addManifest(manifest)
        let index = CosignFixture.referrersIndex([
            ReferrerEntry(digest: digest, size: manifest.count, artifactType: artifactType)
        ])
        if inReferrersAPI {
            referrersIndexes?[image] = index
        } else {
            addManifest(
                index, mediaType: "application/vnd.oci.image.index.v1+json",
                tag: CosignVerifier.referrersTag(for: image))
        }
        return index
    }

    public func manifest(tagged tag: String) async throws -> FetchedManifest? {
        tags[tag]
    }

    public func manifest(digest: ScanModel.Digest) async throws -> FetchedManifest? {
        guard let manifest = manifests[digest] else { return nil }
        try check(manifest.bytes, against: digest)
        return manifest
    }

    public func blob(_ digest: ScanModel.Digest, maximumSize: Int) async throws -> [UInt8] {
        guard let bytes = blobs[digest] else { throw MissingContent(digest: digest) }
        guard bytes.count <= maximumSize else {
            throw TrustError.blobTooLarge(digest, size: bytes.count, maximumSize: maximumSize)
        }
        try check(bytes, against: digest)
        return bytes
    }

    public func referrers(of digest: ScanModel.Digest) async throws -> [UInt8]? {
        guard let referrersIndexes else { return nil }
        return referrersIndexes[digest] ?? CosignFixture.referrersIndex([])
    }

    private func check(_ bytes: [UInt8], against digest: ScanModel.Digest) throws {
        guard verifiesDigests else { return }
        let actual = CosignFixture.digest(of: bytes)
        guard actual == digest else { throw TrustError.contentDigestMismatch(expected: digest, actual: actual) }
    }
}
