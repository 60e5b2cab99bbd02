import ScanModel

extension SecretRule {
    /// GitHub classic personal access tokens: `ghp_` and 36 base62 bytes.
    /// https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
    static let githubPersonalAccessToken = SecretRule(
        id: "PLM-SECRET-GITHUB-PAT", title: "GitHub personal access token (classic)", severity: .critical,
        keywords: ["ghp_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .alphanumeric, length: 36...36), minimumEntropy: 3.5, priority: 2)

    /// GitHub fine-grained personal access tokens: `github_pat_`, 22 base62 bytes, `_`, 59 base62 bytes.
    static let githubFineGrainedToken = SecretRule(
        id: "PLM-SECRET-GITHUB-FINE-GRAINED-PAT", title: "GitHub fine-grained personal access token",
        severity: .critical, keywords: ["github_pat_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .word, length: 82...82), minimumEntropy: 3.5, priority: 2)

    /// GitHub OAuth access tokens: `gho_` and 36 base62 bytes.
    static let githubOAuthToken = SecretRule(
        id: "PLM-SECRET-GITHUB-OAUTH-TOKEN", title: "GitHub OAuth access token", severity: .critical,
        keywords: ["gho_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .alphanumeric, length: 36...36), minimumEntropy: 3.5, priority: 2)

    /// GitHub App tokens: user-to-server `ghu_`, server-to-server `ghs_`, refresh `ghr_`.
    static let githubAppToken = SecretRule(
        id: "PLM-SECRET-GITHUB-APP-TOKEN", title: "GitHub App token", severity: .critical,
        keywords: ["ghu_", "ghs_", "ghr_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .alphanumeric, length: 36...76), minimumEntropy: 3.5, priority: 2)

    /// GitLab tokens: personal (`glpat-`), deploy (`gldt-`), runner (`glrt-`), pipeline trigger (`glptt-`),
    /// CI job (`glcbt-`), service account (`glsoat-`), feed (`glft-`), and legacy runner registration
    /// (`GR1348941`); including the routable form with a `.xx` suffix.
    /// https://docs.gitlab.com/security/tokens/
    static let gitlabToken = SecretRule(
        id: "PLM-SECRET-GITLAB-TOKEN", title: "GitLab access token", severity: .critical,
        keywords: ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glsoat-", "glft-", "GR1348941"],
        isKeywordCaseSensitive: true, matcher: .token(body: ByteClass("A-Za-z0-9_.-"), length: 20...320),
        minimumEntropy: 3.0, priority: 2)

    /// Slack tokens: bot `xoxb-`, user `xoxp-`, app-level `xapp-`, and the other `xox?-` kinds.
    /// https://api.slack.com/concepts/token-types
    static let slackToken = SecretRule(
        id: "PLM-SECRET-SLACK-TOKEN", title: "Slack token", severity: .high,
        keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxe.xoxp-", "xapp-"],
        isKeywordCaseSensitive: true,
        matcher: .token(
            body: ByteClass("A-Za-z0-9-"), length: 20...255,
            validate: { body in body.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
        minimumEntropy: 3.0, priority: 2)

    /// Slack incoming webhooks and workflow triggers: whoever has the URL can post to the channel.
    static let slackWebhook = SecretRule(
        id: "PLM-SECRET-SLACK-WEBHOOK", title: "Slack webhook URL", severity: .medium,
        keywords: ["hooks.slack.com/"], matcher: .slackWebhook(), minimumEntropy: 3.0, priority: 2)

    /// Stripe live secret and restricted keys: `sk_live_`, `rk_live_`.
    /// https://docs.stripe.com/keys
    static let stripeLiveKey = SecretRule(
        id: "PLM-SECRET-STRIPE-LIVE-KEY", title: "Stripe live secret key", severity: .critical,
        keywords: ["sk_live_", "rk_live_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .alphanumeric, length: 20...247), minimumEntropy: 3.5, priority: 2)

    /// Stripe test-mode keys: no money moves, but the account's test data and settings are exposed.
    static let stripeTestKey = SecretRule(
        id: "PLM-SECRET-STRIPE-TEST-KEY", title: "Stripe test secret key", severity: .low,
        keywords: ["sk_test_", "rk_test_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .alphanumeric, length: 20...247), minimumEntropy: 3.5, priority: 2)

    /// Twilio API key SIDs: `SK` and 32 hexadecimal bytes.
    static let twilioAPIKey = SecretRule(
        id: "PLM-SECRET-TWILIO-API-KEY", title: "Twilio API key", severity: .high, keywords: ["SK"],
        isKeywordCaseSensitive: true,
        matcher: .token(
            body: .hexadecimal, length: 32...32,
            validate: { body in
                SecretMatcher.hasCharacterClasses(body, atLeast: 2)
                    && !body.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
            }),
        minimumEntropy: 3.0, priority: 2)

    /// Twilio auth tokens: 32 hexadecimal bytes assigned to a key naming Twilio.
    static let twilioAuthToken = SecretRule(
        id: "PLM-SECRET-TWILIO-AUTH-TOKEN", title: "Twilio auth token", severity: .high, keywords: ["twilio"],
        matcher: .assignment(
            key: { key in
                key.contains("twilio") && (key.contains("token") || key.contains("auth") || key.contains("secret"))
            },
            value: .hexadecimal, length: 32...32),
        minimumEntropy: 3.0, priority: 2)

    /// SendGrid API keys: `SG.`, 22 bytes, `.`, 43 bytes.
    static let sendGridAPIKey = SecretRule(
        id: "PLM-SECRET-SENDGRID-API-KEY", title: "SendGrid API key", severity: .high, keywords: ["SG."],
        isKeywordCaseSensitive: true,
        matcher: .token(
            body: ByteClass("A-Za-z0-9_.-"), length: 66...66,
            validate: { body in body[22] == UInt8(ascii: ".") && body.filter { $0 == UInt8(ascii: ".") }.count == 1 }),
        minimumEntropy: 3.5, priority: 2)

    /// npm access tokens: `npm_` and 36 base62 bytes.
    static let npmToken = SecretRule(
        id: "PLM-SECRET-NPM-TOKEN", title: "npm access token", severity: .critical, keywords: ["npm_"],
        isKeywordCaseSensitive: true, matcher: .token(body: .alphanumeric, length: 36...36), minimumEntropy: 3.5,
        priority: 2)

    /// PyPI API tokens: macaroons starting `pypi-AgEIcHlwaS5vcmc` (base64 of the issuer `pypi.org`).
    static let pypiToken = SecretRule(
        id: "PLM-SECRET-PYPI-TOKEN", title: "PyPI API token", severity: .critical,
        keywords: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"], isKeywordCaseSensitive: true,
        matcher: .token(body: .base64URL, length: 50...400), minimumEntropy: 3.5, priority: 2)

    /// Docker Hub personal and organization access tokens: `dckr_pat_`, `dckr_oat_`.
    static let dockerHubToken = SecretRule(
        id: "PLM-SECRET-DOCKER-HUB-TOKEN", title: "Docker Hub access token", severity: .critical,
        keywords: ["dckr_pat_", "dckr_oat_"], isKeywordCaseSensitive: true,
        matcher: .token(body: .base64URL, length: 20...64), minimumEntropy: 3.5, priority: 2)

    /// Hugging Face user (`hf_`) and organization (`api_org_`) tokens: 34 letters.
    static let huggingFaceToken = SecretRule(
        id: "PLM-SECRET-HUGGING-FACE-TOKEN", title: "Hugging Face access token", severity: .high,
        keywords: ["hf_", "api_org_"], isKeywordCaseSensitive: true,
        matcher: .token(
            body: .letters, length: 34...34, before: .word,
            validate: { body in SecretMatcher.hasCharacterClasses(body, atLeast: 2) }),
        minimumEntropy: 3.5, priority: 2)

    /// OpenAI API keys: `sk-` (`sk-proj-`, `sk-svcacct-`, `sk-admin-`) with `T3BlbkFJ` (base64 of `openai`) inside.
    static let openAIKey = SecretRule(
        id: "PLM-SECRET-OPENAI-API-KEY", title: "OpenAI API key", severity: .critical, keywords: ["T3BlbkFJ"],
        isKeywordCaseSensitive: true, matcher: .openAIKey(), minimumEntropy: 3.5, priority: 2)

    /// Anthropic API and admin keys: `sk-ant-api03-…`, `sk-ant-admin01-…`.
    static let anthropicKey = SecretRule(
        id: "PLM-SECRET-ANTHROPIC-API-KEY", title: "Anthropic API key", severity: .critical, keywords: ["sk-ant-"],
        isKeywordCaseSensitive: true, matcher: .token(body: .base64URL, length: 80...200), minimumEntropy: 3.5,
        priority: 2)

    /// JSON Web Tokens: three base64url segments, header and payload JSON objects (`eyJ`).
    static let jsonWebToken = SecretRule(
        id: "PLM-SECRET-JWT", title: "JSON Web Token", severity: .medium, keywords: ["eyJ"],
        isKeywordCaseSensitive: true, matcher: .jsonWebToken(), minimumEntropy: 3.0, priority: 1)
}

extension SecretMatcher {
    /// `hooks.slack.com/services/T…/B…/…` (and `workflows/`, `triggers/`).
    static func slackWebhook() -> SecretMatcher {
        let pathBytes = ByteClass("A-Za-z0-9/_-")
        let kinds = ["services/", "workflows/", "triggers/"].map { Array($0.utf8) }
        return SecretMatcher(lookBehind: 0, lookAhead: 256) { site in
            guard let kind = kinds.first(where: { site.hasLiteral($0, at: site.keyword.upperBound) }) else {
                return nil
            }
            let start = site.keyword.upperBound + kind.count
            let end = site.endOfRun(of: pathBytes, from: start, limit: 201)
            let range = start..<end
            guard (20...200).contains(range.count), site.slice(range).filter({ $0 == UInt8(ascii: "/") }).count >= 1,
                !isPlaceholderToken(site.slice(range))
            else { return nil }
            return SecretMatch(
                secret: range, display: "hooks.slack.com/\(String(decoding: kind, as: UTF8.self))****",
                extent: site.keyword.lowerBound..<end)
        }
    }

    /// The whole `sk-…T3BlbkFJ…` token around the marker.
    static func openAIKey() -> SecretMatcher {
        SecretMatcher(lookBehind: 200, lookAhead: 200) { site in
            let start = site.startOfRun(of: .base64URL, endingAt: site.keyword.lowerBound, limit: 200)
            let end = site.endOfRun(of: .base64URL, from: site.keyword.upperBound, limit: 200)
            guard site.hasLiteral(Array("sk-".utf8), at: start), end - start >= 40, end - start < 400 else {
                return nil
            }
            guard !isPlaceholderToken(site.slice(start..<site.keyword.lowerBound)) else { return nil }
            let range = start..<end
            return SecretMatch(secret: range, display: SecretRedaction.mask(site.string(range)), extent: range)
        }
    }

    /// `eyJ….eyJ….signature`, whose header decodes to JSON naming an `alg`.
    static func jsonWebToken() -> SecretMatcher {
        SecretMatcher(lookBehind: 1, lookAhead: 8192) { site in
            if let previous = site.byte(at: site.keyword.lowerBound - 1), ByteClass.base64URL.contains(previous) {
                return nil
            }
            let headerEnd = site.endOfRun(of: .base64URL, from: site.keyword.upperBound, limit: 1024)
            guard site.byte(at: headerEnd) == UInt8(ascii: "."), headerEnd - site.keyword.lowerBound >= 10 else {
                return nil
            }
            let payloadStart = headerEnd + 1
            guard site.hasLiteral(Array("eyJ".utf8), at: payloadStart) else { return nil }
            let payloadEnd = site.endOfRun(of: .base64URL, from: payloadStart, limit: 6144)
            guard site.byte(at: payloadEnd) == UInt8(ascii: "."), payloadEnd - payloadStart >= 10 else { return nil }
            let signatureEnd = site.endOfRun(of: .base64URL, from: payloadEnd + 1, limit: 1024)
            guard signatureEnd - payloadEnd - 1 >= 16 else { return nil }
            if let next = site.byte(at: signatureEnd), next == UInt8(ascii: ".") { return nil }
            guard let header = Base64.decode(site.slice(site.keyword.lowerBound..<headerEnd)),
                String(decoding: header, as: UTF8.self).contains("\"alg\"")
            else { return nil }
            if let payload = Base64.decode(site.slice(payloadStart..<payloadEnd)) {
                // The token every JWT tutorial shows (jwt.io's "John Doe", subject 1234567890).
                let text = String(decoding: payload, as: UTF8.self)
                if text.contains("John Doe") || text.contains("\"1234567890\"") { return nil }
            }
            let range = site.keyword.lowerBound..<signatureEnd
            return SecretMatch(secret: range, display: SecretRedaction.mask(site.string(range)), extent: range)
        }
    }
}
