import ScanModel

/// Why an image could not be pulled from a registry.
///
/// Messages name the registry and repository, never credentials.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case invalidReference(String, reason: String)
    case cannotConnect(registry: String, reason: String)
    case timedOut(registry: String, what: String)
    case authenticationRequired(registry: String, repository: String)
    case credentialsRejected(registry: String, repository: String)
    case tokenRequestFailed(registry: String, realm: String, reason: String)
    case notFound(registry: String, repository: String, what: String)
    case unexpectedStatus(registry: String, what: String, status: Int, detail: String)
    case tooManyRetries(registry: String, what: String, status: Int)
    case redirectLoop(registry: String, what: String)
    case responseTooLarge(registry: String, what: String, limit: Int)
    case wrongLength(registry: String, what: String, expected: Int64, actual: Int64)
    case manifestDigestMismatch(registry: String, reference: String, expected: Digest, actual: Digest)
    case unsupportedManifest(registry: String, reference: String, mediaType: String)
    case indexCycle(registry: String, digest: Digest)
    case insecureRegistry(registry: String)
    case credentialHelperFailed(helper: String, reason: String)
    case unreadableCredentials(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidReference(let text, let reason):
            "'\(text)' is not an image reference ([registry/]repository[:tag][@sha256:digest]): \(reason)."
        case .cannotConnect(let registry, let reason):
            "Cannot reach the registry \(registry): \(reason)."
        case .timedOut(let registry, let what):
            "The registry \(registry) did not answer in time (\(what)); try again, or raise --registry-timeout."
        case .authenticationRequired(let registry, let repository):
            "The registry \(registry) requires credentials for \(repository); log in with `docker login \(registry)`, or pass --username with --password-stdin."
        case .credentialsRejected(let registry, let repository):
            "The registry \(registry) rejected the credentials for \(repository) (or they do not grant pull access)."
        case .tokenRequestFailed(let registry, let realm, let reason):
            "The token service \(realm) of \(registry) failed: \(reason)."
        case .notFound(let registry, let repository, let what):
            "The registry \(registry) has no \(what) in \(repository): not found (the repository or tag does not exist, or these credentials cannot see it)."
        case .unexpectedStatus(let registry, let what, let status, let detail):
            "The registry \(registry) answered HTTP \(status) for \(what)\(detail.isEmpty ? "" : ": \(detail)")."
        case .tooManyRetries(let registry, let what, let status):
            "The registry \(registry) kept answering HTTP \(status) for \(what); gave up after retrying."
        case .redirectLoop(let registry, let what):
            "The registry \(registry) redirected \(what) in a loop or too many times."
        case .responseTooLarge(let registry, let what, let limit):
            "The registry \(registry) sent more than \(limit) bytes for \(what); refused as hostile."
        case .wrongLength(let registry, let what, let expected, let actual):
            "The registry \(registry) has \(what) as \(actual) bytes where the manifest gives \(expected); the transfer is corrupt or hostile."
        case .manifestDigestMismatch(let registry, let reference, let expected, let actual):
            "The manifest \(reference) from \(registry) hashes to \(actual), not \(expected); it was tampered with or corrupted in transit."
        case .unsupportedManifest(let registry, let reference, let mediaType):
            "The manifest \(reference) from \(registry) has media type '\(mediaType)', which is not an image Plimsoll can read."
        case .indexCycle(let registry, let digest):
            "The image index \(digest) from \(registry) lists itself (or nests too deep); refused as hostile."
        case .insecureRegistry(let registry):
            "The registry \(registry) does not speak HTTPS; pass --insecure-registry \(registry) if it is trusted."
        case .credentialHelperFailed(let helper, let reason):
            "The credential helper docker-credential-\(helper) failed: \(reason)."
        case .unreadableCredentials(let path, let reason):
            "Cannot read the registry credentials in '\(path)': \(reason)."
        }
    }
}
