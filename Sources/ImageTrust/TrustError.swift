import ScanModel

/// Why an image's trust could not be established; each case says what to do.
public enum TrustError: Error, Equatable, CustomStringConvertible {
    /// A public key file that cannot be used.
    case unreadableKey(path: String, reason: String)
    /// A signature payload that cannot be parsed or is not a cosign image signature.
    case malformedPayload(reason: String)
    /// A manifest or blob whose bytes do not hash to the digest it was fetched by.
    case contentDigestMismatch(expected: Digest, actual: Digest)
    /// A blob larger than the reader allows.
    case blobTooLarge(Digest, size: Int, maximumSize: Int)
    /// A configuration file whose `trust:` section cannot be read.
    case unreadablePolicy(path: String, reason: String)
    /// A key in the `trust:` section that Plimsoll does not know, most often a misspelling.
    case unknownPolicyKey(path: String, key: String)

    public var description: String {
        switch self {
        case .unreadableKey(let path, let reason):
            "Cannot use the key '\(path)': \(reason)."
        case .malformedPayload(let reason):
            "The signature payload is not a cosign image signature: \(reason)."
        case .contentDigestMismatch(let expected, let actual):
            "Content fetched as \(expected) hashes to \(actual); the registry or something in between altered it."
        case .blobTooLarge(let digest, let size, let maximumSize):
            "The blob \(digest) is \(size) bytes, more than the \(maximumSize) allowed for it; it is not a signature."
        case .unreadablePolicy(let path, let reason):
            "Cannot read the trust policy in '\(path)': \(reason)."
        case .unknownPolicyKey(let path, let key):
            "Unknown key '\(key)' in the trust policy in '\(path)'; check its spelling (see docs/rules/trust.md)."
        }
    }
}
