import ScanModel

/// Why an image's trust could not be established; each case says what to do.
public enum TrustError: Error, Equatable, CustomStringConvertible {
    /// A public key file that cannot be used.
    case unreadableKey(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableKey(let path, let reason): "Cannot use the key '\(path)': \(reason)."
        }
    }
}
