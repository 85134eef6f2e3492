import AsyncHTTPClient
import ChanstatCore
import Foundation
import NIOCore
import NIOPosix

/// The report from a Chatwoot server (docs/http.md), through the same `ReportSource` interface as a file.
///
/// Each report uses its own `HTTPClient`, shut down before `summary` returns (whatever happened), so no
/// client outlives a call and the front ends need no cleanup: a dashboard refresh every few seconds costs a
/// new connection, which is nothing next to the report itself.
public final class ChatwootAPISource: ReportSource {
    /// Bounds on every request. The defaults suit a person waiting at a terminal; the tests shorten them.
    public struct Limits: Sendable {
        public var connectTimeout: Duration = .seconds(5)
        /// The whole report: every redirect hop and the one retry, from the first byte sent to the last byte
        /// of the answer. One deadline for all of it, so a chain of slow hops cannot add up.
        public var requestTimeout: Duration = .seconds(15)
        /// A report is a few hundred bytes per channel type; 1 MiB is far beyond any real one.
        public var maximumBodyBytes = 1 << 20
        /// Wait before the one retry (connection failures and 502/503/504 without a `Retry-After` only).
        public var retryDelay: Duration = .milliseconds(500)

        public init() {}
    }

    public let displayName: String
    let endpoint: ChatwootEndpoint
    let accountID: Int64
    public var readAccountID: Int64? { accountID }
    let token: APIToken
    let limits: Limits
    let trust: CertificateTrust
    let configuration: HTTPClient.Configuration
    /// For an http `--url`: the client settings after a same-host redirect to https, whose proxy is the https
    /// one (`HTTPS_PROXY`), as if the person had given the https address. nil for an https `--url`.
    let upgradedConfiguration: HTTPClient.Configuration?
    /// The proxies of the two (named in a failure to reach them).
    let proxy: ProxyEnvironment.Setting?
    let upgradedProxy: ProxyEnvironment.Setting?

    /// `trust`: the certificate authorities for https (`CertificateTrust(caFile:environment:)` reads
    /// `--ca-file` and `$SSL_CERT_FILE`); the system's alone by default. Throws for a proxy variable that is not
    /// a proxy address.
    public init(endpoint: ChatwootEndpoint, accountID: Int64, token: APIToken, limits: Limits = Limits(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                trust: CertificateTrust = .system) throws(SourceError) {
        self.endpoint = endpoint
        self.accountID = accountID
        self.token = token
        self.limits = limits
        self.trust = trust
        displayName = "\(endpoint.address), account \(accountID)"
        proxy = try ProxyEnvironment.proxy(for: endpoint, environment: environment)
        configuration = Self.configuration(proxy: proxy?.proxy, limits: limits, trust: trust,
                                           tlsHost: endpoint.scheme == "https" ? endpoint.host : nil)
        if let upgraded = endpoint.upgradedToHTTPS {
            upgradedProxy = try ProxyEnvironment.proxy(for: upgraded, environment: environment)
            upgradedConfiguration = Self.configuration(proxy: upgradedProxy?.proxy, limits: limits, trust: trust,
                                                       tlsHost: upgraded.host)
        } else {
            upgradedProxy = nil
            upgradedConfiguration = nil
        }
    }

    /// `tlsHost`: for a client that speaks https, the host its certificates must name (every redirect it follows
    /// stays on that host); nil for the plain http client of an http `--url`.
    private static func configuration(proxy: HTTPClient.Configuration.Proxy?, limits: Limits,
                                      trust: CertificateTrust, tlsHost: String?) -> HTTPClient.Configuration {
        // TLS: the certificate chain is verified against `trust`, the host name by ServerNameCheck.
        // AsyncHTTPClient's redirects are off: ours (SameHostRedirect) are followed only where the token may go.
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: timeAmount(limits.connectTimeout), read: timeAmount(limits.requestTimeout)),
            proxy: proxy)
        configuration.tlsConfiguration = trust.tlsConfiguration
        if let tlsHost { ServerNameCheck.require(tlsHost, in: &configuration) }
        configuration.httpVersion = .automatic
        // The pool would otherwise retry a refused connection with backoff until the connect timeout, so a
        // server that is down took two whole timeouts (10 s) to report; the one retry below is ours.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Chatwoot's channel summary endpoint counts per channel type only; day by day is asked per day
    /// (`dailyRefusal`).
    public func refusal(for breakdown: Breakdown) -> SourceError? {
        switch breakdown {
        case .channel, .day: return nil
        case .inbox:
            return SourceError(.refused, "Chatwoot's API has no per-inbox counts; read the database (--db postgres://…) "
                               + "to see inboxes")
        case .team, .agent, .label:
            return SourceError(.refused, "Chatwoot's API has no status split by \(breakdown.rawValue) for a range; read "
                               + "the database (--db postgres://… or --db FILE) for \(breakdown.option)")
        }
    }

    public func report(for range: DateRange) async throws -> SourceReport {
        SourceReport(summary: try await channelSummary(for: range))
    }

    /// Chatwoot's API lists conversations by its own filter (UTC days, no cohort of the counts'): refused before
    /// anything is sent, with the sentence that names the database sources.
    public func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                              limit: ListLimit) async throws -> ConversationList {
        throw ConversationList.needsDatabase
    }

    /// Chatwoot's API has no per-day counts: one channel summary per day, at most 4 requests at a time.
    public func dailyReport(for request: ReportRequest, calendar: LocalCalendar,
                            progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        try await askingDayByDay(for: request, calendar: calendar, concurrency: 4, progress: progress)
    }

    /// Asked once per day, by channel only: a breakdown but channel gets its sentence, and a range of more days than
    /// `dailyLimit` the limit's.
    public func dailyRefusal(for request: ReportRequest, calendar: LocalCalendar) -> SourceError? {
        let breakdown = request.breakdown.dayGroups
        if breakdown != .channel { return refusal(for: breakdown) }
        return Self.dailyLimit.refusal(dayCount: LocalDays(request.range, calendar: calendar).days.count)
    }

    static let dailyLimit = DailyLimit(days: 31, advice: "read the database (--db postgres://…), which answers any "
                                       + "range in one query")

    private func channelSummary(for range: DateRange) async throws -> ChannelSummary {
        // `range` is a DateRange, so it already passed the rules of docs/report.md: nothing invalid is ever sent
        // (Chatwoot would answer 200 {} to some invalid ranges, which would look like "no conversations").
        try await HTTPClient.withHTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                            configuration: configuration) { client in
            try await fetch(range, client: client)
        }
    }

    private enum Attempt<T> {
        case answered(T)
        case failed(SourceError, retryable: Bool)
    }

    private func fetch(_ range: DateRange, client: HTTPClient) async throws -> ChannelSummary {
        try await fetch(.summary, url: endpoint.summaryURL(accountID: accountID, range: range), client: client)
    }

    /// Both attempts and all their hops within the one deadline of `limits.requestTimeout`.
    func fetch<T: Sendable>(_ request: ChatwootRequest<T>, url: String, client: HTTPClient) async throws -> T {
        do {
            return try await RequestDeadline.run(within: limits.requestTimeout) { [self] in
                var attempt = try await fetchOnce(request, url: url, client: client)
                if case .failed(_, retryable: true) = attempt {
                    try await Task.sleep(for: limits.retryDelay)
                    attempt = try await fetchOnce(request, url: url, client: client)
                }
                switch attempt {
                case .answered(let summary): return summary
                case .failed(let error, _): throw error
                }
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw TransportFailure(error, endpoint: endpoint, proxy: proxy, limits: limits, trust: trust).error
        }
    }

    /// One attempt: the request, and the same-host redirects it leads to (each hop a new request with the
    /// token; the deadline around `fetch` bounds them all together).
    private func fetchOnce<T: Sendable>(_ request: ChatwootRequest<T>, url first: String,
                                        client: HTTPClient) async throws -> Attempt<T> {
        let redirects = SameHostRedirect(endpoint: endpoint)
        var url = first
        // Where this hop went: the --url, or after a redirect its target (a failure there names that address).
        var hop = endpoint
        for _ in 0...SameHostRedirect.maximumHops {
            let answer: RawAnswer
            do {
                answer = try await send(url, client: client)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // An http --url upgraded to https on the way went through the https proxy (see `send`).
                let hopProxy = upgradedConfiguration != nil && url.lowercased().hasPrefix("https:") ? upgradedProxy : proxy
                let failure = TransportFailure(error, endpoint: hop, proxy: hopProxy, limits: limits, trust: trust)
                return .failed(failure.error, retryable: failure.retryable)
            }
            do {
                if let next = try redirects.next(status: answer.status, location: answer.location, from: url) {
                    url = next
                    hop = ChatwootEndpoint.origin(of: next) ?? endpoint
                    continue
                }
                let interpreter = ChatwootAnswer(endpoint: endpoint, accountID: accountID)
                return .answered(try interpreter.interpret(request, status: answer.status, contentType: answer.contentType,
                                                           location: answer.location, body: answer.body,
                                                           retryAfter: answer.retryAfter, now: answer.receivedAt))
            } catch {
                return .failed(error, retryable: ChatwootAnswer.isRetryable(status: answer.status, retryAfter: answer.retryAfter))
            }
        }
        return .failed(redirects.tooManyHops(), retryable: false)
    }

    private struct RawAnswer: Sendable {
        let status: Int
        let contentType: String?
        let location: String?
        let body: Data
        let receivedAt: Date
        let retryAfter: RetryAfter?
    }

    /// One request. A hop upgraded to https (the `--url` was http) goes through a client of its own, with the
    /// https proxy settings; its cost (a new connection) is paid only on that rare path.
    private func send(_ url: String, client: HTTPClient) async throws -> RawAnswer {
        if let upgradedConfiguration, url.lowercased().hasPrefix("https:") {
            return try await HTTPClient.withHTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                                       configuration: upgradedConfiguration) { upgraded in
                try await execute(url, client: upgraded)
            }
        }
        return try await execute(url, client: client)
    }

    private func execute(_ url: String, client: HTTPClient) async throws -> RawAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        // The hyphenated spelling: nginx in its stock configuration drops header names with an underscore
        // (`underscores_in_headers off`), and Chatwoot (Rack) reads both as the same header.
        request.headers.add(name: "Api-Access-Token", value: token.value)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "chanstat")
        let response = try await client.execute(request, timeout: Self.timeAmount(limits.requestTimeout))
        // Streamed and cut off at the cap: a runaway body is never held in memory.
        let buffer = try await response.body.collect(upTo: limits.maximumBodyBytes)
        let now = Date()
        return RawAnswer(status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                         location: response.headers.first(name: "location"), body: Data(buffer.readableBytesView),
                         receivedAt: now, retryAfter: RetryAfter(response.headers.first(name: "retry-after"), now: now))
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
