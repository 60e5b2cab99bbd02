import ScanModel

extension SecretRule {
    /// Database connection URLs with a password: `postgres://app:…@db:5432/app`.
    static let databaseURL = SecretRule(
        id: "PLM-SECRET-DATABASE-URL", title: "Database URL with a password", severity: .high, keywords: ["://"],
        matcher: .urlCredentials(schemes: { SecretMatcher.databaseSchemes.contains($0) }), priority: 2)

    /// Other URLs with a password in their user-info part: `https://user:…@host`.
    static let urlCredentials = SecretRule(
        id: "PLM-SECRET-URL-CREDENTIALS", title: "URL with a password", severity: .medium, keywords: ["://"],
        matcher: .urlCredentials(schemes: { !SecretMatcher.databaseSchemes.contains($0) }, requiresUser: true),
        priority: 1)

    /// `.git-credentials`: one `https://user:token@host` per line, written by `git credential-store`.
    static let gitCredentials = SecretRule(
        id: "PLM-SECRET-GIT-CREDENTIALS", title: "Git credential-store entry", severity: .critical,
        keywords: ["://"], matcher: .urlCredentials(schemes: { _ in true }, acceptsDocumentationHosts: true),
        paths: [PathPattern(".git-credentials"), PathPattern("git-credentials"), PathPattern("**/git/credentials")],
        priority: 3)

    /// `.npmrc` registry credentials: `//registry/:_authToken=…`, `_auth=…` (base64 `user:password`),
    /// `_password=…`.
    static let npmrcAuth = SecretRule(
        id: "PLM-SECRET-NPMRC-AUTH", title: "npm registry credential (.npmrc)", severity: .high,
        keywords: ["_authToken", "_auth", "_password"], isKeywordCaseSensitive: true,
        matcher: .assignment(
            key: { $0 == "_authtoken" || $0 == "_auth" || $0 == "_password" }, length: 8...512), priority: 2)

    /// `.pypirc` upload credentials: `password = …` in a `[pypi]` or other index section.
    static let pypircPassword = SecretRule(
        id: "PLM-SECRET-PYPIRC-PASSWORD", title: "Package-index password (.pypirc)", severity: .high,
        keywords: ["password"], matcher: .assignment(key: { $0 == "password" }, length: 4...512),
        paths: [PathPattern(".pypirc")], priority: 2)

    /// `~/.docker/config.json` (and Kubernetes `.dockerconfigjson`) registry logins: `"auth": base64(user:password)`
    /// and `"identitytoken"`.
    static let dockerConfigAuth = SecretRule(
        id: "PLM-SECRET-DOCKER-CONFIG-AUTH", title: "Container registry login (Docker config.json)",
        severity: .critical, keywords: ["\"auth\"", "\"identitytoken\""], isKeywordCaseSensitive: true,
        matcher: .dockerConfigAuth(), priority: 2)

    /// `.netrc`: `machine host login user password secret`, read by curl, ftp, git and pip.
    static let netrcPassword = SecretRule(
        id: "PLM-SECRET-NETRC-PASSWORD", title: "Password in .netrc", severity: .high, keywords: ["password"],
        matcher: .assignment(key: { $0 == "password" }, length: 3...512, allowsSpaceSeparator: true),
        paths: [PathPattern(".netrc"), PathPattern("_netrc")], priority: 2)

    /// Kubeconfig bearer tokens (`users[].user.token`), which authenticate to the cluster as that user.
    static let kubeconfigToken = SecretRule(
        id: "PLM-SECRET-KUBECONFIG-TOKEN", title: "Kubernetes kubeconfig token", severity: .critical,
        keywords: ["token"], matcher: .assignment(key: { $0 == "token" || $0 == "id_token" }, length: 16...4096),
        minimumEntropy: 3.0,
        paths: [
            PathPattern("**/.kube/config"), PathPattern("kubeconfig"), PathPattern("*.kubeconfig"),
            PathPattern("kubeconfig.y*ml"), PathPattern("etc/kubernetes/*.conf"), PathPattern("**/.kube/*.y*ml"),
        ],
        priority: 3)

    /// Kubeconfig client keys: `client-key-data`, the base64 of a PEM private key.
    static let kubeconfigClientKey = SecretRule(
        id: "PLM-SECRET-KUBECONFIG-CLIENT-KEY", title: "Kubernetes kubeconfig client key", severity: .critical,
        keywords: ["client-key-data"],
        matcher: .assignment(key: { $0 == "client_key_data" }, value: .base64, length: 64...16384),
        minimumEntropy: 4.0, priority: 3)
}

extension SecretMatcher {
    /// `"auth": "<base64 of user:password>"` or `"identitytoken": "<token>"`.
    static func dockerConfigAuth() -> SecretMatcher {
        SecretMatcher(lookBehind: 0, lookAhead: 2048) { site in
            var index = site.endOfRun(of: .whitespace, from: site.keyword.upperBound, limit: 8)
            guard site.byte(at: index) == UInt8(ascii: ":") else { return nil }
            index = site.endOfRun(of: .whitespace, from: index + 1, limit: 8)
            guard site.byte(at: index) == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            let end = site.endOfRun(of: .base64URL.union(.base64).union(ByteClass(".")), from: start, limit: 2049)
            guard site.byte(at: end) == UInt8(ascii: "\""), end - start >= 8 else { return nil }
            let range = start..<end
            let isAuth = site.hasLiteral(Array("\"auth\"".utf8), at: site.keyword.lowerBound)
            if isAuth {
                guard let decoded = Base64.decode(site.slice(range)),
                    let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
                else { return nil }
                let password = String(decoding: decoded[(colon + 1)...], as: UTF8.self)
                guard password.count >= 3, !PlaceholderGuard.isPlaceholder(password) else { return nil }
            } else if isPlaceholderToken(site.slice(range)) {
                return nil
            }
            return SecretMatch(
                secret: range, display: site.string(site.keyword) + ": " + SecretRedaction.mask(site.string(range)),
                extent: site.keyword.lowerBound..<end)
        }
    }
}
