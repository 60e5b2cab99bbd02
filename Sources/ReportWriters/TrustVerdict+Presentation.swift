import ScanModel

extension TrustVerdict {
    /// The `trust` object of the JSON report, also written as SARIF's `runs[0].properties.trust`.
    ///
    /// The members are those `TrustVerdict` encodes to: `pinned`, `digestVerified`, and per signature `verified`
    /// beside the `failure` that decides it; `indexDigest`, `policy`, `key` and `failure` are left out when unknown.
    var jsonValue: JSONValue {
        var object = JSONObject()
        object["reference"] = .string(reference)
        object["manifestDigest"] = .string(manifestDigest.description)
        object["indexDigest"] = .string(ifPresent: indexDigest?.description)
        object["pinned"] = .boolean(isPinned)
        object["digestVerified"] = .boolean(isDigestVerified)
        object["signatureStatus"] = .string(signatureStatus.rawValue)
        object["signatures"] = .array(
            signatures.map { signature in
                var check = JSONObject()
                check["location"] = .string(signature.location)
                check["format"] = .string(signature.format)
                check["key"] = .string(ifPresent: signature.key)
                check["verified"] = .boolean(signature.isVerified)
                check["failure"] = .string(ifPresent: signature.failure?.rawValue)
                check["detail"] = .string(signature.detail)
                return .object(check)
            })
        object["policy"] = .string(ifPresent: policy)
        object["message"] = .string(message)
        return .object(object)
    }

    /// The verdict in one line, for the table and the SPDX annotation.
    ///
    /// `signature verified (1 of 2 signatures; key sha256:ab12ab12ab12…), pinned by digest`,
    /// `NOT TRUSTED — signature missing (none found for sha256:…), not pinned`,
    /// `digest sha256:… (not pinned; signatures not checked)`. The text may hold registry-provided strings:
    /// callers that print it make it printable.
    var summary: String {
        let pinning = isPinned ? "pinned by digest" : "not pinned"
        let policyNote = policy.map { "; policy \($0)" } ?? ""
        var line: String
        switch signatureStatus {
        case .verified:
            let verified = signatures.filter(\.isVerified)
            let key = verified.lazy.compactMap(\.key).first.map { "; key " + Self.abbreviated($0) } ?? ""
            line =
                "signature verified (\(verified.count) of \(Self.count(signatures.count, "signature"))\(key)"
                + "\(policyNote)), \(pinning)"
        case .invalid:
            let reasons = Set(signatures.compactMap(\.failure?.rawValue)).sorted().joined(separator: ", ")
            line =
                "NOT TRUSTED — signature invalid (none of \(Self.count(signatures.count, "signature")) verified"
                + (reasons.isEmpty ? "" : ": " + reasons) + "\(policyNote)), \(pinning)"
        case .missing:
            line = "NOT TRUSTED — signature missing (none found for \(manifestDigest)\(policyNote)), \(pinning)"
        case .notChecked:
            line = "digest \(manifestDigest) (\(pinning); signatures not checked\(policyNote))"
        }
        if !isDigestVerified {
            line = "NOT TRUSTED — a manifest or blob did not match its digest; " + line
        }
        return line
    }

    /// `1 signature`, `2 signatures`.
    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    /// A key digest cut to its algorithm and twelve hex digits (`sha256:ab12ab12ab12…`), as digests are shown short.
    static func abbreviated(_ key: String) -> String {
        guard let colon = key.firstIndex(of: ":") else { return TableReportWriter.truncated(key, to: 13) }
        let hex = key[key.index(after: colon)...]
        return hex.count > 12 ? key[...colon] + hex.prefix(12) + "…" : key
    }
}

extension SignatureCheck {
    /// `verified`, or the failure's raw value (`wrong-key`), as the table and the CycloneDX properties show it.
    var result: String { failure?.rawValue ?? "verified" }
}
