import ContainerImage
import ImageTrust
import ScanModel

/// The signatures of an image, read from its registry: `sha256-<hex>.sig` tags, referrers, their payload blobs.
///
/// `COSIGN_REPOSITORY` moves signatures to another repository (possibly of another registry), as cosign allows.
struct RegistrySignatureStore: SignatureStore {
    let client: RegistryClient
    let repository: String

    /// The store for the image `reference`, honouring `COSIGN_REPOSITORY`.
    static func forImage(
        _ reference: ImageReference, client: RegistryClient, options: RegistryOptions, environment: [String: String]
    ) throws -> RegistrySignatureStore {
        guard let moved = environment["COSIGN_REPOSITORY"], !moved.isEmpty else {
            return RegistrySignatureStore(client: client, repository: reference.repository)
        }
        let target = try ImageReference.parse(moved)
        let signatureClient =
            target.registry == reference.registry ? client : RegistryClient(registry: target.registry, options: options)
        return RegistrySignatureStore(client: signatureClient, repository: target.repository)
    }

    func manifest(tagged tag: String) async throws -> FetchedManifest? {
        do {
            return try await client.manifest(repository: repository, reference: tag, allowMissing: true).map(
                Self.fetched)
        } catch {
            throw Self.translated(error, digest: nil, maximumSize: RegistryClient.maximumManifestSize)
        }
    }

    func manifest(digest: Digest) async throws -> FetchedManifest? {
        do {
            return try await client.manifest(
                repository: repository, reference: digest.description, allowMissing: true
            ).map(Self.fetched)
        } catch {
            throw Self.translated(error, digest: digest, maximumSize: RegistryClient.maximumManifestSize)
        }
    }

    func blob(_ digest: Digest, maximumSize: Int) async throws -> [UInt8] {
        do {
            return try await client.blob(repository: repository, digest: digest, maximumSize: maximumSize)
        } catch {
            throw Self.translated(error, digest: digest, maximumSize: maximumSize)
        }
    }

    /// The registry's errors for content that is not what its digest says, or too large, as the `SignatureStore`
    /// contract names them: the verifier reports those as a failed signature (tampered, refused), not as an error
    /// that stops the check.
    static func translated(_ error: any Error, digest: Digest?, maximumSize: Int) -> any Error {
        switch error {
        case ImageReadError.digestMismatch(_, let expected, let actual):
            return TrustError.contentDigestMismatch(expected: expected, actual: actual)
        case RegistryError.manifestDigestMismatch(_, _, let expected, let actual):
            return TrustError.contentDigestMismatch(expected: expected, actual: actual)
        case RegistryError.responseTooLarge(_, _, let limit):
            guard let digest else { return error }
            return TrustError.blobTooLarge(digest, size: limit + 1, maximumSize: maximumSize)
        default:
            return error
        }
    }

    func referrers(of digest: Digest) async throws -> [UInt8]? {
        try await client.referrers(repository: repository, digest: digest)
    }

    static func fetched(_ manifest: RegistryManifest) -> FetchedManifest {
        FetchedManifest(bytes: manifest.bytes, digest: manifest.digest, mediaType: manifest.mediaType)
    }
}
