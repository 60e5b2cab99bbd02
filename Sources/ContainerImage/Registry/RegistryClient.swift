import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import ScanModel

/// How to talk to registries: timeouts, which hosts may use plain HTTP, where credentials come from.
public struct RegistryOptions: Sendable {
    /// Credentials per registry.
    public var credentials: RegistryCredentialStore
    /// Registries (`host[:port]`) reached without TLS verification, or over plain HTTP when they do not speak TLS.
    public var insecureRegistries: Set<String>
    /// The longest a metadata request (ping, token, manifest) may take, and the longest a blob may go silent.
    public var timeout: TimeAmount
    /// How many times a request answered 429 or 5xx is tried in all.
    public var maximumAttempts: Int
    /// The longest wait between attempts, whatever `Retry-After` asks.
    public var maximumRetryDelay: TimeAmount
    /// Where verified blobs are kept, keyed by digest; `nil` for no cache.
    public var blobCacheDirectory: String?

    public init(
        credentials: RegistryCredentialStore = RegistryCredentialStore(), insecureRegistries: Set<String> = [],
        timeout: TimeAmount = .seconds(60), maximumAttempts: Int = 4, maximumRetryDelay: TimeAmount = .seconds(30),
        blobCacheDirectory: String? = nil
    ) {
        self.credentials = credentials
        self.insecureRegistries = insecureRegistries
        self.timeout = timeout
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumRetryDelay = maximumRetryDelay
        self.blobCacheDirectory = blobCacheDirectory
    }
}

/// A manifest or index as fetched: its exact bytes, their digest, and the media type the registry gave.
public struct RegistryManifest: Sendable, Equatable {
    public var bytes: [UInt8]
    public var digest: Digest
    public var mediaType: String?
}

/// A client of one registry (OCI distribution spec): authentication, retries, bounded reads, digests checked.
///
/// One client serves every repository of its registry; bearer tokens are cached per scope.
public actor RegistryClient {
    public nonisolated let registry: String
    let options: RegistryOptions
    private var baseURL: String?
    private var challenge: AuthenticationChallenge?
    private var authorizations: [String: String] = [:]
    private var credential: RegistryCredential??

    /// The manifest types Plimsoll reads, in the order it prefers them.
    public static let manifestMediaTypes = [
        MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, MediaType.dockerManifest,
    ]
    /// The largest manifest or index accepted.
    public static let maximumManifestSize = 4 << 20

    public init(registry: String, options: RegistryOptions) {
        self.registry = registry
        self.options = options
    }

    // MARK: Requests

    /// Fetches a manifest by tag or digest and checks its digest.
    ///
    /// - Returns: `nil` when the registry has no such manifest (404), if `allowMissing`.
    public func manifest(repository: String, reference: String, allowMissing: Bool = false) async throws
        -> RegistryManifest?
    {
        let what = "manifest \(repository):\(reference)"
        let response = try await collect(
            path: "/v2/\(repository)/manifests/\(reference)", repository: repository, what: what,
            headers: [("Accept", Self.manifestMediaTypes.joined(separator: ", "))], limit: Self.maximumManifestSize,
            allowMissing: allowMissing)
        guard let response else { return nil }
        let requested = Digest(reference)
        let digest = DigestingSource.digest(of: response.body, algorithm: requested?.algorithm ?? .sha256)
        if let requested, requested != digest {
            throw RegistryError.manifestDigestMismatch(
                registry: registry, reference: "\(repository)@\(requested)", expected: requested, actual: digest)
        }
        if requested == nil, let header = response.headers.first(name: "Docker-Content-Digest"),
            let announced = Digest(header), announced.algorithm == digest.algorithm, announced != digest
        {
            throw RegistryError.manifestDigestMismatch(
                registry: registry, reference: "\(repository):\(reference)", expected: announced, actual: digest)
        }
        let contentType = response.headers.first(name: "Content-Type")?.split(separator: ";").first.map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        return RegistryManifest(bytes: response.body, digest: digest, mediaType: contentType)
    }

    /// Fetches a small blob (a configuration, a signature payload) whole, checking its size and digest.
    public func blob(repository: String, digest: Digest, maximumSize: Int) async throws -> [UInt8] {
        let what = "blob \(digest)"
        guard
            let response = try await collect(
                path: "/v2/\(repository)/blobs/\(digest)", repository: repository, what: what, headers: [],
                limit: maximumSize, allowMissing: false)
        else { throw RegistryError.notFound(registry: registry, repository: repository, what: what) }
        try DigestingSource.verify(response.body, against: digest, blob: "\(what) from \(registry)/\(repository)")
        return response.body
    }

    /// The referrers index of `digest`, or `nil` when the registry does not offer the referrers API.
    public func referrers(repository: String, digest: Digest) async throws -> [UInt8]? {
        let response = try await collect(
            path: "/v2/\(repository)/referrers/\(digest)", repository: repository, what: "referrers of \(digest)",
            headers: [("Accept", MediaType.ociIndex)], limit: Self.maximumManifestSize, allowMissing: true)
        guard let response else { return nil }
        // A registry without the API may answer 200 with something else (an HTML page, an error document).
        let type = response.headers.first(name: "Content-Type") ?? ""
        guard type.contains("json") || type.isEmpty else { return nil }
        return response.body
    }

    /// Opens a layer blob as a stream; its bytes are checked against `expectedSize` as they come, and the caller
    /// checks the digest at the end.
    public func openBlob(repository: String, digest: Digest, expectedSize: Int64?) async throws
        -> sending RegistryBlobStream
    {
        let what = "blob \(digest)"
        var attempt = 0
        var refreshedAuthorization = false
        while true {
            attempt += 1
            let base = try await resolveBaseURL()
            var headers = HTTPHeaders()
            if let authorization = try await authorization(for: repository) {
                headers.add(name: "Authorization", value: authorization)
            }
            let request = try HTTPClient.Request(
                url: base + "/v2/\(repository)/blobs/\(digest)", method: .GET, headers: headers)
            let delegate = StreamingDelegate()
            let task = client(for: base).execute(request: request, delegate: delegate)
            let head: HTTPResponseHead
            do {
                head = try await delegate.responseHead()
            } catch {
                task.cancel()
                throw mapTransportError(error, what: what)
            }
            let status = Int(head.status.code)
            if (200..<300).contains(status) {
                let announced = head.headers.first(name: "Content-Length").flatMap(Int64.init)
                if let announced, let expectedSize, announced != expectedSize {
                    task.cancel()
                    delegate.abandon()
                    throw RegistryError.wrongLength(
                        registry: registry, what: what, expected: expectedSize, actual: announced)
                }
                let resumption = RegistryBlobStream.Resumption(
                    client: client(for: base), url: request.url.absoluteString, headers: headers,
                    timeout: options.timeout)
                return RegistryBlobStream(
                    delegate: delegate, task: task, registry: registry, what: what, expectedSize: expectedSize,
                    resumption: resumption,
                    mapError: { [registry] error in Self.transportError(error, registry: registry, what: what) })
            }
            // An error answer is small; read what came for its message, then drop the connection.
            task.cancel()
            delegate.abandon()
            if status == 401 && !refreshedAuthorization {
                refreshedAuthorization = true
                try await reauthenticate(repository: repository, header: head.headers.first(name: "WWW-Authenticate"))
                attempt -= 1
                continue
            }
            try await handleFailure(
                status: status, headers: head.headers, body: [], what: what, repository: repository, attempt: attempt)
        }
    }

    // MARK: The request loop

    /// Sends a GET and collects its answer, authenticating and retrying as needed.
    ///
    /// - Returns: `nil` for 404 when `allowMissing`.
    func collect(
        path: String, repository: String?, what: String, headers extra: [(String, String)], limit: Int,
        allowMissing: Bool
    ) async throws -> CollectedResponse? {
        var attempt = 0
        var refreshedAuthorization = false
        while true {
            attempt += 1
            let base = try await resolveBaseURL()
            var headers = HTTPHeaders(extra)
            if let repository, let authorization = try await authorization(for: repository) {
                headers.add(name: "Authorization", value: authorization)
            }
            let response = try await send(url: base + path, headers: headers, what: what, limit: limit, base: base)
            switch response.status {
            case 200..<300:
                return response
            case 401 where repository != nil && !refreshedAuthorization:
                refreshedAuthorization = true
                try await reauthenticate(
                    repository: repository ?? "", header: response.headers.first(name: "WWW-Authenticate"))
                attempt -= 1
            case 404 where allowMissing:
                return nil
            default:
                try await handleFailure(
                    status: response.status, headers: response.headers, body: response.body, what: what,
                    repository: repository ?? "", attempt: attempt)
            }
        }
    }

    /// Throws the error for a failed answer, or waits before the next attempt when it may be retried.
    private func handleFailure(
        status: Int, headers: HTTPHeaders, body: [UInt8], what: String, repository: String, attempt: Int
    ) async throws {
        switch status {
        case 401:
            throw (try? resolvedCredential()) == nil
                ? RegistryError.authenticationRequired(registry: registry, repository: repository)
                : RegistryError.credentialsRejected(registry: registry, repository: repository)
        case 403:
            throw RegistryError.credentialsRejected(registry: registry, repository: repository)
        case 404:
            throw RegistryError.notFound(registry: registry, repository: repository, what: what)
        case 429, 500, 502, 503, 504:
            guard attempt < options.maximumAttempts else {
                throw RegistryError.tooManyRetries(registry: registry, what: what, status: status)
            }
            let backoff = TimeAmount.milliseconds(500 << min(attempt - 1, 6))
            let delay = min(Self.retryAfter(headers.first(name: "Retry-After")) ?? backoff, options.maximumRetryDelay)
            try await Task.sleep(nanoseconds: UInt64(max(delay.nanoseconds, 0)))
        default:
            throw RegistryError.unexpectedStatus(
                registry: registry, what: what, status: status, detail: Self.errorDetail(body))
        }
    }

    /// One bounded GET.
    private func send(url: String, headers: HTTPHeaders, what: String, limit: Int, base: String) async throws
        -> CollectedResponse
    {
        let request = try HTTPClient.Request(url: url, method: .GET, headers: headers)
        let delegate = CollectingDelegate(limit: limit)
        let task = client(for: base).execute(
            request: request, delegate: delegate, deadline: .now() + options.timeout)
        do {
            return try await task.futureResult.get()
        } catch is CollectingDelegate.TooLarge {
            throw RegistryError.responseTooLarge(registry: registry, what: what, limit: limit)
        } catch {
            throw mapTransportError(error, what: what)
        }
    }

    // MARK: Authentication

    /// The credential for this registry, read once.
    private func resolvedCredential() throws -> RegistryCredential? {
        if let credential { return credential }
        let found = try options.credentials.credential(for: registry)
        credential = .some(found)
        return found
    }

    /// The `Authorization` header for requests on `repository`, fetching a token first when the ping asked for one.
    private func authorization(for repository: String) async throws -> String? {
        guard let challenge else { return nil }
        let scope = "repository:\(repository):pull"
        if let cached = authorizations[scope] { return cached }
        let value = try await authorize(challenge: challenge, scope: scope, repository: repository)
        authorizations[scope] = value
        return value
    }

    /// Answers a 401: a new challenge (or the same one, for an expired token) gets a new token.
    private func reauthenticate(repository: String, header: String?) async throws {
        guard let header, let parsed = AuthenticationChallenge(header: header) else {
            throw RegistryError.authenticationRequired(registry: registry, repository: repository)
        }
        challenge = parsed
        let scope = "repository:\(repository):pull"
        authorizations[scope] = try await authorize(challenge: parsed, scope: scope, repository: repository)
    }

    private func authorize(challenge: AuthenticationChallenge, scope: String, repository: String) async throws
        -> String?
    {
        switch challenge.scheme {
        case .basic:
            guard let credential = try resolvedCredential() else {
                throw RegistryError.authenticationRequired(registry: registry, repository: repository)
            }
            return credential.basicAuthorization
        case .bearer:
            return "Bearer " + (try await token(challenge: challenge, scope: scope, repository: repository))
        case .other(let name):
            throw RegistryError.unexpectedStatus(
                registry: registry, what: "authentication", status: 401,
                detail: "it asks for the '\(name)' scheme, which Plimsoll does not speak")
        }
    }

    /// Gets a bearer token from the challenge's realm (distribution `token.md`, and `oauth.md` for identity tokens).
    private func token(challenge: AuthenticationChallenge, scope: String, repository: String) async throws -> String {
        guard let realm = challenge.parameters["realm"], let realmURL = URL(string: realm),
            let scheme = realmURL.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else {
            throw RegistryError.tokenRequestFailed(
                registry: registry, realm: challenge.parameters["realm"] ?? "(none)", reason: "the realm is not a URL")
        }
        let host = realmURL.host ?? ""
        if scheme == "http" && !Self.isLoopbackHost(host) && !options.insecureRegistries.contains(registry) {
            throw RegistryError.tokenRequestFailed(
                registry: registry, realm: realm, reason: "it is plain HTTP; credentials would travel in the clear")
        }
        let service = challenge.parameters["service"]
        let credential = try resolvedCredential()
        var request: HTTPClient.Request
        if let credential, credential.isIdentityToken {
            var form = URLComponents()
            form.queryItems = [
                URLQueryItem(name: "grant_type", value: "refresh_token"),
                URLQueryItem(name: "refresh_token", value: credential.secret),
                URLQueryItem(name: "service", value: service ?? ""), URLQueryItem(name: "scope", value: scope),
                URLQueryItem(name: "client_id", value: "plimsoll"),
            ]
            request = try HTTPClient.Request(
                url: realm, method: .POST, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: .string(form.percentEncodedQuery ?? ""))
        } else {
            var components = URLComponents(string: realm)
            var items = components?.queryItems ?? []
            if let service { items.append(URLQueryItem(name: "service", value: service)) }
            items.append(URLQueryItem(name: "scope", value: scope))
            components?.queryItems = items
            guard let url = components?.url?.absoluteString else {
                throw RegistryError.tokenRequestFailed(
                    registry: registry, realm: realm, reason: "the realm is not a URL")
            }
            var headers = HTTPHeaders()
            if let credential { headers.add(name: "Authorization", value: credential.basicAuthorization) }
            request = try HTTPClient.Request(url: url, method: .GET, headers: headers)
        }
        let delegate = CollectingDelegate(limit: 1 << 20)
        let response: CollectedResponse
        do {
            response = try await client(for: realm).execute(
                request: request, delegate: delegate, deadline: .now() + options.timeout
            ).futureResult.get()
        } catch is CollectingDelegate.TooLarge {
            throw RegistryError.tokenRequestFailed(registry: registry, realm: realm, reason: "its answer is over 1 MiB")
        } catch {
            if let mapped = mapTransportError(error, what: "a token") as? RegistryError,
                case .timedOut = mapped
            {
                throw RegistryError.tokenRequestFailed(
                    registry: registry, realm: realm,
                    reason: "it did not answer within \(Self.seconds(options.timeout))")
            }
            throw RegistryError.tokenRequestFailed(registry: registry, realm: realm, reason: "it cannot be reached")
        }
        switch response.status {
        case 200..<300: break
        case 401, 403:
            if credential == nil {
                throw RegistryError.authenticationRequired(registry: registry, repository: repository)
            }
            throw RegistryError.credentialsRejected(registry: registry, repository: repository)
        default:
            throw RegistryError.tokenRequestFailed(
                registry: registry, realm: realm, reason: "it answered HTTP \(response.status)")
        }
        struct TokenAnswer: Decodable {
            var token: String?
            var accessToken: String?

            enum CodingKeys: String, CodingKey {
                case token, accessToken = "access_token"
            }
        }
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: Data(response.body)),
            let token = answer.token ?? answer.accessToken, !token.isEmpty
        else {
            throw RegistryError.tokenRequestFailed(
                registry: registry, realm: realm, reason: "its answer holds no token")
        }
        return token
    }

    // MARK: Transport

    /// Chooses HTTPS or HTTP for the registry with a ping of `/v2/`, and remembers the challenge it answers with.
    private func resolveBaseURL() async throws -> String {
        if let baseURL { return baseURL }
        let reference = ImageReference(registry: registry, repository: "")
        let host = reference.endpointHost
        let insecure = options.insecureRegistries.contains(registry)
        let candidates =
            reference.isLoopback
            ? ["http://\(host)"] : insecure ? ["https://\(host)", "http://\(host)"] : ["https://\(host)"]
        var lastError: (any Error)?
        for base in candidates {
            do {
                let response = try await send(
                    url: base + "/v2/", headers: [:], what: "the API version check", limit: 1 << 20, base: base)
                if response.status == 401, let header = response.headers.first(name: "WWW-Authenticate") {
                    challenge = AuthenticationChallenge(header: header)
                }
                guard [200, 401, 404].contains(response.status) || (500..<600).contains(response.status) else {
                    throw RegistryError.unexpectedStatus(
                        registry: registry, what: "GET /v2/", status: response.status,
                        detail: "it may not be a container registry")
                }
                baseURL = base
                return base
            } catch let error as RegistryError {
                lastError = error
                if case .timedOut = error { throw error }
            }
        }
        throw lastError ?? RegistryError.cannotConnect(registry: registry, reason: "no address answered")
    }

    private func client(for url: String) -> HTTPClient {
        SharedHTTPClients.client(
            verifyingCertificates: !(options.insecureRegistries.contains(registry) && url.hasPrefix("https://")),
            readTimeout: options.timeout)
    }

    private func mapTransportError(_ error: any Error, what: String) -> any Error {
        Self.transportError(error, registry: registry, what: what)
    }

    /// Turns AsyncHTTPClient's and NIO's errors into one clear sentence.
    static func transportError(_ error: any Error, registry: String, what: String) -> any Error {
        if error is RegistryError || error is ImageReadError { return error }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return RegistryError.timedOut(registry: registry, what: what)
            case .redirectCycleDetected, .redirectLimitReached:
                return RegistryError.redirectLoop(registry: registry, what: what)
            case .remoteConnectionClosed:
                return RegistryError.cannotConnect(
                    registry: registry, reason: "the connection closed in the middle of \(what)")
            case .cancelled:
                return CancellationError()
            default:
                return RegistryError.cannotConnect(registry: registry, reason: "\(client) during \(what)")
            }
        }
        let text = String(describing: error)
        if text.lowercased().contains("ssl") || text.lowercased().contains("tls") || text.contains("handshake") {
            return RegistryError.insecureRegistry(registry: registry)
        }
        if text.contains("refused") || text.contains("ECONNREFUSED") {
            return RegistryError.cannotConnect(registry: registry, reason: "connection refused")
        }
        return RegistryError.cannotConnect(
            registry: registry, reason: text.split(separator: "\n").first.map(String.init) ?? text)
    }

    // MARK: Helpers

    /// `Retry-After` as seconds or an HTTP date.
    static func retryAfter(_ value: String?) -> TimeAmount? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int64(value), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }

    /// The first `message` of a distribution error body (`{"errors":[{"code","message"}]}`).
    static func errorDetail(_ body: [UInt8]) -> String {
        struct Errors: Decodable {
            struct Entry: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Entry]?
        }
        guard let errors = try? JSONDecoder().decode(Errors.self, from: Data(body)), let first = errors.errors?.first
        else { return "" }
        let text = [first.code, first.message].compactMap { $0 }.joined(separator: ": ")
        return String(text.prefix(200)).replacingOccurrences(of: "\n", with: " ")
    }

    static func isLoopbackHost(_ host: String) -> Bool {
        ImageReference(registry: host, repository: "").isLoopback
    }

    static func seconds(_ amount: TimeAmount) -> String { "\(amount.nanoseconds / 1_000_000_000) s" }
}

/// The HTTP clients every registry shares, one per TLS mode and read timeout; they live as long as the process, as
/// `HTTPClient.shared` does, so their connection pools serve every registry of a run.
enum SharedHTTPClients {
    private static let clients = NIOLockedValueBox<[String: HTTPClient]>([:])

    static func client(verifyingCertificates verify: Bool, readTimeout: TimeAmount) -> HTTPClient {
        clients.withLockedValue { clients in
            let key = "\(verify)-\(readTimeout.nanoseconds)"
            if let client = clients[key] { return client }
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: configuration(verify: verify, readTimeout: readTimeout))
            clients[key] = client
            return client
        }
    }

    static func configuration(verify: Bool, readTimeout: TimeAmount) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 8, allowCycles: false),
            timeout: .init(connect: min(.seconds(15), readTimeout), read: readTimeout))
        if !verify {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        configuration.decompression = .disabled
        return configuration
    }
}
