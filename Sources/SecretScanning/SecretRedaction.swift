/// Masks secrets for display: a finding shows at most a recognisable prefix, never the secret.
public enum SecretRedaction {
    /// The number of leading characters shown of a long secret.
    public static let visiblePrefixLength = 4
    /// Secrets shorter than this show no character at all.
    public static let minimumLengthForPrefix = 16

    /// Masks `secret`: `ghp_****(40)` for long ones, `****` for short ones.
    public static func mask<Text: StringProtocol>(_ secret: Text) -> String {
        let characters = Array(secret)
        guard characters.count >= minimumLengthForPrefix else { return "****" }
        return String(characters.prefix(visiblePrefixLength)) + "****(\(characters.count))"
    }

    /// Masks the bytes of a secret, decoding them as UTF-8 with invalid sequences replaced.
    public static func mask<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        mask(String(decoding: Array(bytes), as: UTF8.self))
    }
}
