import ChanstatCore
import Hummingbird

/// The two things `serve` answers: Chatwoot's channel summary path, and a health check.
struct SummaryRoutes<Context: RequestContext>: Sendable {
    static var summaryPath: RouterPath { "/api/v2/accounts/:account_id/summary_reports/channel" }
    static var healthPath: RouterPath { "/health" }
    /// Methods answered with 405 rather than 404 on a known path. (The router only knows registered
    /// methods; an exotic method still gets the JSON 404.)
    static var refusedMethods: [HTTPRequest.Method] { [.head, .post, .put, .patch, .delete, .options, .trace] }

    let store: any ReportStore
    /// Ranges are read in UTC: a server has no idea of its caller's zone. Unix seconds, Chatwoot's form,
    /// are zone-free; the other WHEN forms (dates, ISO 8601) are accepted as a convenience.
    let parser = WhenParser(calendar: .utc)

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
        guard let token = AccessToken.from(request.headers) else { throw APIError.missingToken }
        let accountText = context.parameters.get("account_id") ?? ""
        let accountID = accountText.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            ? Int64(accountText) : nil
        let decision = try await store.access(token: token, accountID: accountID)
        if let refusal = AccessToken.refusal(decision, accountText: accountText) { throw refusal }
        guard let accountID else { throw APIError.unknownAccount(accountText) }

        let query = request.uri.queryParameters
        let range: DateRange
        do {
            range = try parser.range(since: query["since"].map(String.init), until: query["until"].map(String.init))
        } catch {
            throw APIError.range(error)
        }
        let summary = try await store.summary(accountID: accountID, range: range)
        return Self.json(.ok, ReportJSON.encode(summary))
    }

    /// 200 when a report could be read right now, else the 503 a report would get.
    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        try await store.checkReadable()
        return Self.json(.ok, "{\"status\":\"ok\",\"database\":\(ReportJSON.quoted(store.name))}")
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
