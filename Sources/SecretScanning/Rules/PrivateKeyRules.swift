import ScanModel

extension SecretRule {
    /// PKCS#1 RSA private keys (RFC 8017, PEM per RFC 7468).
    static let rsaPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-RSA", title: "RSA private key", label: "BEGIN RSA PRIVATE KEY")
    /// SEC 1 elliptic-curve private keys (RFC 5915).
    static let ecPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-EC", title: "EC private key", label: "BEGIN EC PRIVATE KEY")
    /// DSA private keys (OpenSSL's traditional format).
    static let dsaPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-DSA", title: "DSA private key", label: "BEGIN DSA PRIVATE KEY")
    /// Unencrypted PKCS#8 private keys of any algorithm (RFC 5958).
    static let pkcs8PrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-PKCS8", title: "PKCS#8 private key", label: "BEGIN PRIVATE KEY")
    /// Passphrase-protected PKCS#8 private keys: safer, but open to offline guessing of the passphrase.
    static let encryptedPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-ENCRYPTED", title: "Encrypted PKCS#8 private key",
        label: "BEGIN ENCRYPTED PRIVATE KEY", severity: .medium)
    /// OpenSSH private keys (`openssh-key-v1`, PROTOCOL.key).
    static let openSSHPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-OPENSSH", title: "OpenSSH private key", label: "BEGIN OPENSSH PRIVATE KEY")
    /// OpenPGP secret-key blocks (RFC 9580 armor).
    static let pgpPrivateKey = privateKey(
        id: "PLM-SECRET-PRIVATE-KEY-PGP", title: "PGP private key block", label: "BEGIN PGP PRIVATE KEY BLOCK")

    /// PuTTY private key files (`.ppk`, versions 2 and 3), whose `Private-Lines` hold the key.
    static let puttyPrivateKey = SecretRule(
        id: "PLM-SECRET-PRIVATE-KEY-PUTTY", title: "PuTTY private key", severity: .critical,
        keywords: ["PuTTY-User-Key-File-"], isKeywordCaseSensitive: true, matcher: .puttyPrivateKey(), priority: 2)

    private static func privateKey(id: String, title: String, label: String, severity: Severity = .critical)
        -> SecretRule
    {
        SecretRule(
            id: id, title: title, severity: severity, keywords: [label], isKeywordCaseSensitive: true,
            matcher: .pemPrivateKey(label: label), priority: 2)
    }

    /// Every private-key rule; a file found sensitive for holding a key reports these no more.
    static let privateKeyRuleIDs: Set<String> = [
        rsaPrivateKey.id, ecPrivateKey.id, dsaPrivateKey.id, pkcs8PrivateKey.id, encryptedPrivateKey.id,
        openSSHPrivateKey.id, pgpPrivateKey.id, puttyPrivateKey.id,
    ]
}

extension SecretMatcher {
    /// `PuTTY-User-Key-File-N: algorithm` … `Private-Lines: N` and at least 40 base64 bytes.
    static func puttyPrivateKey() -> SecretMatcher {
        let marker = Array("Private-Lines:".utf8)
        return SecretMatcher(lookBehind: 0, lookAhead: 8192) { site in
            guard
                let privateLines = site.firstOccurrence(
                    of: marker, in: site.keyword.upperBound..<site.window.upperBound)
            else { return nil }
            var index = site.endOfRun(of: ByteClass(" 0-9\r\n"), from: privateLines + marker.count, limit: 16)
            var count = 0
            while index < site.window.upperBound, ByteClass.base64.union(.whitespace).contains(site[index]) {
                if ByteClass.base64.contains(site[index]) { count += 1 }
                index += 1
            }
            guard count >= 40 else { return nil }
            let range = site.keyword.lowerBound..<index
            return SecretMatch(secret: range, display: "PuTTY-User-Key-File ****(\(count))", extent: range)
        }
    }
}
