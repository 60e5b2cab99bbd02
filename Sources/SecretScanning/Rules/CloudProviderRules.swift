import ScanModel

extension SecretRule {
    /// AWS access key IDs: `AKIA` (long-term), `ASIA` (temporary), `ABIA`, `ACCA`, then 16 base-32 bytes.
    ///
    /// The other unique-ID prefixes (`AIDA` users, `AROA` roles…) name principals and grant nothing.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    static let awsAccessKeyID = SecretRule(
        id: "PLM-SECRET-AWS-ACCESS-KEY-ID", title: "AWS access key ID", severity: .high,
        keywords: ["AKIA", "ASIA", "ABIA", "ACCA"],
        isKeywordCaseSensitive: true, matcher: .token(body: .upperAlphanumeric, length: 16...16),
        minimumEntropy: 3.0)

    /// AWS secret access keys: 40 base64 bytes assigned to a key that names them (`aws_secret_access_key`).
    static let awsSecretAccessKey = SecretRule(
        id: "PLM-SECRET-AWS-SECRET-ACCESS-KEY", title: "AWS secret access key", severity: .critical,
        keywords: ["secret_access_key", "secretaccesskey", "aws_secret", "secret-access-key"],
        matcher: .assignment(
            key: { key in
                key.contains("secret_access_key") || key.contains("secretaccesskey") || key.contains("aws_secret")
            }, value: .base64, length: 40...40, guardsPlaceholders: true),
        minimumEntropy: 3.5, priority: 2)

    /// A Google Cloud service-account key file: JSON with `"type": "service_account"` and a `private_key`.
    static let gcpServiceAccount = SecretRule(
        id: "PLM-SECRET-GCP-SERVICE-ACCOUNT-KEY", title: "Google Cloud service-account key", severity: .critical,
        keywords: ["\"service_account\""], isKeywordCaseSensitive: true, matcher: .gcpServiceAccount(), priority: 3)

    /// Google API keys (Maps, Gemini, Firebase…): `AIza` and 35 URL-safe base64 bytes.
    static let gcpAPIKey = SecretRule(
        id: "PLM-SECRET-GCP-API-KEY", title: "Google API key", severity: .high, keywords: ["AIza"],
        isKeywordCaseSensitive: true, matcher: .token(body: .base64URL, length: 35...35), minimumEntropy: 3.5)

    /// Azure storage account keys and Service Bus / Event Hubs shared access keys in connection strings.
    static let azureStorageKey = SecretRule(
        id: "PLM-SECRET-AZURE-STORAGE-KEY", title: "Azure storage or shared access key", severity: .critical,
        keywords: ["AccountKey=", "SharedAccessKey="], matcher: .azureKey(),
        minimumEntropy: 4.0,
        // The key every Azure SDK documents for the local storage emulator (Azurite), which opens nothing.
        allowedValues: ["Eby8vdM02xNOcqFl"], priority: 2)

    /// Azure shared access signature (SAS) tokens: a URL query with `sv=` (version) and `sig=` (signature).
    static let azureSASToken = SecretRule(
        id: "PLM-SECRET-AZURE-SAS-TOKEN", title: "Azure shared access signature", severity: .high,
        keywords: ["sig="], isKeywordCaseSensitive: true, matcher: .azureSASSignature(), minimumEntropy: 3.5,
        priority: 2)
}

extension SecretMatcher {
    /// `AccountKey=` or `SharedAccessKey=` and a base64 key ending in `=` padding.
    static func azureKey() -> SecretMatcher {
        SecretMatcher(lookBehind: 0, lookAhead: 128) { site in
            let end = site.endOfRun(of: .base64, from: site.keyword.upperBound, limit: 101)
            let range = site.keyword.upperBound..<end
            guard (40...100).contains(range.count), site[end - 1] == UInt8(ascii: "=") else { return nil }
            guard !isPlaceholderToken(site.slice(range)) else { return nil }
            let key = site.string(site.keyword)
            return SecretMatch(
                secret: range, display: key + SecretRedaction.mask(site.string(range)),
                extent: site.keyword.lowerBound..<end)
        }
    }

    /// `sig=` inside a query string that also carries `sv=`, the SAS version every SAS token has.
    static func azureSASSignature() -> SecretMatcher {
        let queryBytes = ByteClass("A-Za-z0-9%&=?._~+/:-")
        let signatureBytes = ByteClass("A-Za-z0-9%+/=")
        return SecretMatcher(lookBehind: 1024, lookAhead: 160) { site in
            let queryStart = site.startOfRun(of: queryBytes, endingAt: site.keyword.lowerBound, limit: 1024)
            guard
                site.byte(at: site.keyword.lowerBound - 1).map({ $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "?") })
                    ?? false
            else { return nil }
            let end = site.endOfRun(of: signatureBytes, from: site.keyword.upperBound, limit: 151)
            let range = site.keyword.upperBound..<end
            guard (30...150).contains(range.count) else { return nil }
            let queryEnd = site.endOfRun(of: queryBytes, from: end, limit: 1024)
            guard site.firstOccurrence(of: Array("sv=".utf8), in: queryStart..<queryEnd) != nil else { return nil }
            guard !isPlaceholderToken(site.slice(range)) else { return nil }
            return SecretMatch(
                secret: range, display: "sig=" + SecretRedaction.mask(site.string(range)),
                extent: site.keyword.lowerBound..<end)
        }
    }

    /// `"service_account"` with a PEM `"private_key"` in the same JSON object (searched 4 KiB either side).
    static func gcpServiceAccount() -> SecretMatcher {
        let privateKey = Array("\"private_key\"".utf8)
        let begin = Array("-----BEGIN".utf8)
        return SecretMatcher(lookBehind: 4096, lookAhead: 8192) { site in
            guard let keyName = site.firstOccurrence(of: privateKey, in: site.window) else { return nil }
            guard let pem = site.firstOccurrence(of: begin, in: keyName..<(keyName + 64)) else { return nil }
            // The value ends at the first unescaped quote after the PEM text.
            var end = pem
            while end < site.window.upperBound, site[end] != UInt8(ascii: "\"") {
                end += site[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end - pem >= 100 else { return nil }
            let extent =
                min(site.keyword.lowerBound, keyName)..<max(site.keyword.upperBound, min(end, site.window.upperBound))
            return SecretMatch(
                secret: pem..<min(end, site.window.upperBound), display: "service_account private_key ****",
                extent: extent)
        }
    }
}
