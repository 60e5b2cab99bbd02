import ScanModel

/// What looking for and checking an image's cosign signatures concluded.
public struct SignatureVerification: Sendable, Equatable {
    /// `.verified` when at least one check verified, `.missing` when no signature was found, `.invalid` otherwise.
    public var status: SignatureStatus
    /// Each signature found and what its check concluded, in the order found.
    public var checks: [SignatureCheck]
    /// One line for people: what was found and what it means.
    public var message: String

    /// Creates a verification result from its parts.
    public init(status: SignatureStatus, checks: [SignatureCheck], message: String) {
        self.status = status
        self.checks = checks
        self.message = message
    }

    /// Sums up `checks` of the signatures found for `manifestDigest`.
    ///
    /// - Parameter placesLooked: where signatures were looked for, for the message when none was found.
    init(manifestDigest: Digest, checks: [SignatureCheck], placesLooked: String) {
        self.checks = checks
        if let verified = checks.first(where: \.isVerified) {
            status = .verified
            let count = checks.filter(\.isVerified).count
            let key = verified.key.map { " with key \($0)" } ?? ""
            message =
                "\(manifestDigest) is signed: a \(verified.format) signature verified\(key) "
                + "(\(count) of \(checks.count) signatures verified)"
        } else if let telling = checks.max(by: { rank($0.failure) < rank($1.failure) }) {
            status = .invalid
            message = "no signature for \(manifestDigest) verified: \(telling.detail)"
        } else {
            status = .missing
            message = "no cosign signature for \(manifestDigest) (looked for \(placesLooked))"
        }
    }

    /// The check whose failure says the most: a replayed signature, then a wrong key, a tampered payload, a
    /// malformed signature, and last a kind Plimsoll cannot check.
    public var mostTellingFailure: SignatureCheck? {
        guard status == .invalid else { return nil }
        return checks.max { rank($0.failure) < rank($1.failure) }
    }
}

/// How much a failure tells, for choosing the one to report; ties keep the first found.
private func rank(_ failure: SignatureFailure?) -> Int {
    switch failure {
    case .digestMismatch: 5
    case .wrongKey: 4
    case .payloadTampered: 3
    case .malformed: 2
    case .unsupported: 1
    case nil: 0
    }
}
