import ChanstatCore
import Hummingbird
import Logging

/// The two things `serve` answers: Chatwoot's channel summary path, and a health check.
struct SummaryRoutes: Sendable {
    typealias Context = ServeContext
    static var summaryPath: RouterPath { "/api/v2/accounts/:account_id/summary_reports/channel" }
    static var healthPath: RouterPath { "/health" }
    /// Methods answered with 405 rather than 404 on a known path. (The router only knows registered
    /// methods; an exotic method still gets the JSON 404.) HEAD is answered like GET, without the body.
    static var refusedMethods: [HTTPRequest.Method] { [.post, .put, .patch, .delete, .options, .trace] }

    let store: any ReportStore
    let limits: ServeLimits
    let logger: Logger
    let grants: GrantCache
    let reports: BoundedWork
    let checks: BoundedWork
    let healthCheck: HealthCheck
    /// Ranges are read in UTC: a server has no idea of its caller's zone. Unix seconds, Chatwoot's form,
    /// are zone-free; the other WHEN forms (dates, ISO 8601) are accepted as a convenience.
    let parser = WhenParser(calendar: .utc)

    init(store: any ReportStore, limits: ServeLimits, logger: Logger) {
        self.store = store
        self.limits = limits
        self.logger = logger
        grants = GrantCache(lifetime: limits.grantLifetime)
        reports = BoundedWork(capacity: limits.reportsInFlight, what: "report", logger: logger)
        checks = BoundedWork(capacity: limits.checksInFlight, what: "access check", logger: logger)
        healthCheck = HealthCheck(store: store, wait: limits.healthWait, logger: logger)
    }

    func register(on router: Router<Context>) {
        router.get(Self.summaryPath, use: summary)
        router.get(Self.healthPath, use: health)
        for path in [Self.summaryPath, Self.healthPath] {
            for method in Self.refusedMethods {
                router.on(path, method: method) { request, _ -> Response in
                    throw APIError.methodNotAllowed(request.method)
                }
            }
        }
    }

    /// docs/http.md. The order of checks is Chatwoot's: who is asking (401), which account (404),
    /// may they (403), then the range (400), so a caller without access learns nothing about ranges
    /// and an anonymous caller learns nothing about which accounts exist.
    @Sendable func summary(_ request: Request, context: Context) async throws -> Response {
        let (accountID, arrival) = try await authorise(request, context: context)

        let query = request.uri.queryParameters
        let range: DateRange
        do {
            range = try parser.range(since: query["since"].map(String.init), until: query["until"].map(String.init))
        } catch {
            throw APIError.range(error)
        }
        // The store ends a report `reportTimeLimit` after it starts, with its own sentence; a request still
        // unanswered a second after that from its arrival was waiting behind other reports: "busy".
        let store = self.store
        let summary = try await reports.run(until: arrival + store.reportTimeLimit + .seconds(1), client: context.client) {
            try await store.summary(accountID: accountID, range: range)
        }
        return Self.json(.ok, ReportJSON.encode(summary))
    }

    /// Who is asking (401), which account (404), may they (403): the account, and when the request arrived (its
    /// deadlines run from then). Every report endpoint of serve asks this first.
    func authorise(_ request: Request, context: Context) async throws -> (accountID: Int64, arrival: ContinuousClock.Instant) {
        let arrival = ContinuousClock.now
        guard let token = AccessToken.from(request.headers) else { throw APIError.missingToken }
        guard token.utf8.count <= ServeLimits.maximumTokenBytes else {
            logger.warning("refused: a token of \(token.utf8.count) bytes from \(context.client), 401 before any query")
            throw APIError.unknownToken
        }
        let accountText = context.parameters.get("account_id") ?? ""
        let accountID = accountText.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            ? Int64(accountText) : nil
        let decision = try await access(token: token, accountID: accountID, arrival: arrival, client: context.client)
        if let refusal = AccessToken.refusal(decision, accountText: accountText) { throw refusal }
        guard let accountID else { throw APIError.unknownAccount(accountText) }
        return (accountID, arrival)
    }

    /// A grant kept from the last few seconds, or the store's decision (on its checks' connection), shared by
    /// the same question asked meanwhile.
    private func access(token: String, accountID: Int64?, arrival: ContinuousClock.Instant,
                        client: String) async throws -> AccessDecision {
        let store = self.store, checks = self.checks, deadline = arrival + limits.checkDeadline
        return try await grants.decision(token: token, accountID: accountID) {
            try await checks.run(until: deadline, client: client) {
                try await store.access(token: token, accountID: accountID)
            }
        }
    }

    /// 200 `{"status":"ok"}` when the database answered a cheap read just now, else 503
    /// `{"status":"unavailable"}`: nothing about the database, whoever asks (the reason is in the log).
    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        await healthCheck.isHealthy()
            ? Self.json(.ok, "{\"status\":\"ok\"}")
            : Self.json(.serviceUnavailable, "{\"status\":\"unavailable\"}", headers: [.retryAfter: "1"])
    }

    static func json(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
