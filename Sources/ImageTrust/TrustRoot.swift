/// What a signature must verify against for Plimsoll to believe it.
///
/// Only public keys are supported today. Keyless verification will be a second case carrying the Sigstore trust
/// root (Fulcio certificate authorities and Rekor keys from TUF) and the signer identities to accept (subject and
/// OIDC issuer); `CosignVerifier` asks the trust root for the key that verifies each signature
/// (`verifyingKey(for:over:)`), and reports a signature that carries a certificate as `.unsupported` only when
/// the trust root cannot judge it, so that case plugs in without changing callers.
public enum TrustRoot: Sendable, Equatable {
    /// Signatures must verify with one of these keys (`cosign verify --key`).
    case publicKeys([VerificationKey])

    /// The keys signatures are checked against.
    public var keys: [VerificationKey] {
        switch self {
        case .publicKeys(let keys): keys
        }
    }

    /// The first key for which `signature` verifies over `payload`.
    func verifyingKey(for signature: [UInt8], over payload: [UInt8]) -> VerificationKey? {
        keys.first { $0.isValidSignature(signature, for: payload) }
    }

    /// The fingerprints of the keys tried, for a check that none verified; nil when there are none.
    var triedKeys: String? {
        keys.isEmpty ? nil : keys.map(\.fingerprint).joined(separator: ", ")
    }
}
