import Foundation

/// The fields of an OCI image manifest or index (or a Docker schema 2 manifest) that signature discovery reads
/// (OCI image-spec `manifest.md`, `image-index.md`, `descriptor.md`).
struct OCIDocument: Decodable {
    /// A content descriptor: what a manifest, layer or index entry points at.
    struct Descriptor: Decodable {
        var mediaType: String?
        var digest: String
        var size: Int?
        var artifactType: String?
        var annotations: [String: String]?
    }

    var mediaType: String?
    var artifactType: String?
    var config: Descriptor?
    var layers: [Descriptor]?
    var manifests: [Descriptor]?
    var annotations: [String: String]?

    /// The artifact's type: `artifactType`, or else the config's media type (OCI image-spec 1.1 `manifest.md`).
    var kind: String? { artifactType ?? config?.mediaType }

    /// Decodes `bytes`; nil when they are not a manifest or index.
    static func parse(_ bytes: [UInt8]) -> OCIDocument? {
        try? JSONDecoder().decode(OCIDocument.self, from: Data(bytes))
    }
}

/// Media types, annotations and predicate types that cosign and sigstore write.
enum CosignVocabulary {
    static let simpleSigningLayer = "application/vnd.dev.cosign.simplesigning.v1+json"
    static let signatureArtifact = "application/vnd.dev.cosign.artifact.sig.v1+json"
    /// Bundle media types start with this: `…bundle.v0.3+json`, and `…bundle+json;version=0.2` before it.
    static let bundlePrefix = "application/vnd.dev.sigstore.bundle"
    static let emptyArtifact = "application/vnd.oci.empty.v1+json"
    static let signatureAnnotation = "dev.cosignproject.cosign/signature"
    /// The spec's prose names the second key; its examples and every implementation write the first.
    static let certificateAnnotations = ["dev.sigstore.cosign/certificate", "dev.cosignproject.cosign/certificate"]
    static let bundlePredicateTypeAnnotation = "dev.sigstore.bundle.predicateType"
    /// The predicate of the in-toto statement `cosign sign` puts in a bundle; others are attestations.
    static let signPredicateType = "https://sigstore.dev/cosign/sign/v1"
    static let inTotoPayloadType = "application/vnd.in-toto+json"

    static func isBundle(_ mediaType: String?) -> Bool { mediaType?.hasPrefix(bundlePrefix) ?? false }

    static func isSignature(_ artifactType: String?) -> Bool {
        artifactType == signatureArtifact || isBundle(artifactType)
    }
}
