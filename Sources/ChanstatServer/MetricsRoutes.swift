import ChanstatCore
import Foundation
import Hummingbird
import Logging

/// `GET /metrics` (SPEC 13, docs/monitoring.md): the families of `ChatwootMetrics` for the accounts the token's
/// user administers, or the one `?account=ID` names. Authorised by the API's own check and grant cache
/// (`SummaryRoutes.access`); read through the API's bounded report work, from `MetricsCache`.
struct MetricsRoutes: Sendable {
    typealias Context = ServeContext
    static var path: RouterPath { "/metrics" }

    let api: SummaryRoutes
    let settings: MetricsSettings
    let cache: MetricsCache
    let recent: RecentTokens

    init(api: SummaryRoutes, settings: MetricsSettings) {
        self.api = api
        self.settings = settings
        cache = MetricsCache(lifetime: settings.lifetime)
        recent = RecentTokens(window: MetricsSettings.recentAuthorisation)
    }

    func register(on router: Router<Context>) {
        router.get(Self.path, use: metrics)
        for method in SummaryRoutes.refusedMethods {
            router.on(Self.path, method: method) { request, _ -> Response in throw APIError.methodNotAllowed(request.method) }
        }
    }

    @Sendable func metrics(_ request: Request, context: Context) async throws -> Response {
        let arrival = ContinuousClock.now
        guard let token = AccessToken.from(request.headers) else { throw APIError.missingToken }
        guard token.utf8.count <= ServeLimits.maximumTokenBytes else {
            api.logger.warning("refused: a token of \(token.utf8.count) bytes from \(context.client), 401 before any query")
            throw APIError.unknownToken
        }
        let accounts: [Int64]
        do {
            accounts = try await authorisedAccounts(token: token, named: request.uri.queryParameters["account"].map(String.init),
                                                    arrival: arrival, client: context.client)
        } catch let refusal as APIError where refusal.status != .serviceUnavailable {
            throw refusal
        } catch where recent.wasAuthorised(token) {
            // The source failed during the token check; this token was let in lately: an exporter's answer.
            api.logger.warning("metrics: the source failed during the access check (\(SafeLog.reason(error))); chanstat_source_up 0")
            return Self.exposition(ChatwootMetrics.sourceFamilies(.down))
        }
        recent.remember(token)

        var read: [AccountMetrics] = []
        var seconds = 0.0
        for account in accounts {
            let reading = await cache.reading(account: account, read: reader(account: account, client: context.client))
            switch reading.metrics {
            case .success(let metrics):
                read.append(metrics)
                seconds += reading.seconds
            case .failure(let error):
                api.logger.warning("metrics: account \(account): \(SafeLog.reason(error)); chanstat_source_up 0")
                return Self.exposition(ChatwootMetrics.sourceFamilies(.down))
            }
        }
        return Self.exposition(ChatwootMetrics.families(read, health: SourceHealth(up: true, readSeconds: seconds)))
    }

    /// `?account=ID`: that account, as the API decides it. Without it: every account of the token's user that
    /// the same check lets it read; none is 403 (401 for a token nobody has).
    private func authorisedAccounts(token: String, named accountText: String?, arrival: ContinuousClock.Instant,
                                    client: String) async throws -> [Int64] {
        if let accountText {
            let accountID = accountText.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                ? Int64(accountText) : nil
            let decision = try await api.access(token: token, accountID: accountID, arrival: arrival, client: client)
            if let refusal = AccessToken.refusal(decision, accountText: accountText) { throw refusal }
            guard let accountID else { throw APIError.unknownAccount(accountText) }
            return [accountID]
        }
        let store = api.store
        let candidates = try await api.checks.run(until: arrival + api.limits.checkDeadline, client: client) {
            try await store.memberAccounts(token: token)
        }
        var allowed: [Int64] = [], refused: AccessDecision?
        for account in candidates {
            let decision = try await api.access(token: token, accountID: account, arrival: arrival, client: client)
            if decision == .allowed { allowed.append(account) } else { refused = refused ?? decision }
        }
        guard allowed.isEmpty else { return allowed }
        // No account of its own: who is asking decides 401 (nobody) or 403 (a bot, a user of no account).
        var decision = refused
        if decision == nil { decision = try await api.access(token: token, accountID: nil, arrival: arrival, client: client) }
        throw AccessToken.refusal(decision == .unknownAccount ? .notMember : decision ?? .notMember, accountText: "")
            ?? APIError.notMember
    }

    /// One account's numbers: the channel summary of each range (presets in serve's zone, at one reading of the
    /// clock) and the queue by channel, each query through the API's bounded report work.
    private func reader(account: Int64, client: String) -> @Sendable () async throws -> AccountMetrics {
        let api = self.api, settings = self.settings
        return {
            let now = Date()
            let store = api.store
            var created: [CreatedInRange] = []
            for preset in settings.ranges {
                let range = preset.range(now: now, calendar: settings.calendar)
                let summary = try await api.reports.run(until: .now + store.reportTimeLimit + .seconds(1), client: client) {
                    try await store.summary(accountID: account, range: range)
                }
                created.append(CreatedInRange(preset: preset, summary: summary))
            }
            let at = Int64(now.timeIntervalSince1970.rounded(.down))
            let queue = try await api.reports.run(until: .now + store.reportTimeLimit + .seconds(1), client: client) {
                try await store.queue(accountID: account, by: .channel, at: at)
            }
            return AccountMetrics(accountID: account, created: created, queue: queue)
        }
    }

    static func exposition(_ families: [MetricFamily]) -> Response {
        Response(status: .ok, headers: [.contentType: MetricsExposition.contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: MetricsExposition.text(families))))
    }
}
