import ChanstatCore
import Hummingbird

/// Every answer of `serve` that is not a report: docs/http.md's shape,
/// `{"description":…,"errors":[{"field":…,"message":…,"code":…}]}`, always JSON, never HTML.
struct APIError: HTTPResponseError, Equatable {
    struct Detail: Equatable, Sendable {
        let field: String
        let message: String
        let code: String
    }

    let status: HTTPResponse.Status
    let description: String
    let errors: [Detail]
    /// Extra headers: `Allow` on a 405, `Retry-After` on a 503.
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ description: String, field: String, message: String, code: String,
         headers: HTTPFields = [:]) {
        self.status = status
        self.description = description
        self.errors = [Detail(field: field, message: message, code: code)]
        self.headers = headers
    }

    /// Written by hand so the key order is docs/http.md's (JSONEncoder does not keep order).
    var json: String {
        let details = errors.map {
            "{\"field\":\(ReportJSON.quoted($0.field)),\"message\":\(ReportJSON.quoted($0.message)),"
                + "\"code\":\(ReportJSON.quoted($0.code))}"
        }
        return "{\"description\":\(ReportJSON.quoted(description)),\"errors\":[\(details.joined(separator: ","))]}"
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

// The answers themselves, so that each wording lives in one place.
extension APIError {
    static func range(_ error: RangeError) -> APIError {
        let code: String
        switch error {
        case .tooLong: code = "date_range_too_long"
        case .missing: code = "missing_parameter"
        case .notAWhen, .misreadNumber: code = "invalid_date"
        case .notAfter: code = "invalid_date_range"
        }
        // Too long is said in Chatwoot's exact words, which clients may match on; the days are for a person.
        if case .tooLong = error {
            return APIError(.badRequest, "Date range exceeds 6 months limit", field: error.field.rawValue,
                            message: DateRange.tooLongMessage, code: code)
        }
        return APIError(.badRequest, "Invalid date range", field: error.field.rawValue, message: error.message, code: code)
    }

    static let missingToken = APIError(
        .unauthorized, "Invalid Access Token", field: "api_access_token",
        message: "An api_access_token header is required", code: "missing_token")

    static let unknownToken = APIError(
        .unauthorized, "Invalid Access Token", field: "api_access_token",
        message: "The access token is not valid", code: "invalid_token")

    static let notAdministrator = APIError(
        .forbidden, "Access denied", field: "account_id",
        message: "You are not authorized to do this action", code: "not_an_administrator")

    static let notMember = APIError(
        .forbidden, "Access denied", field: "account_id",
        message: "You are not authorized to access this account", code: "not_a_member")

    static let botToken = APIError(
        .forbidden, "Access denied", field: "api_access_token",
        message: "Agent bot tokens cannot read reports", code: "bot_token")

    static let suspendedAccount = APIError(
        .forbidden, "Access denied", field: "account_id",
        message: "This account is suspended", code: "account_suspended")

    static func unknownAccount(_ raw: String) -> APIError {
        APIError(.notFound, "Resource could not be found", field: "account_id",
                 message: "There is no account \(TerminalSafeText.sanitize(raw, maxCharacters: 40))",
                 code: "account_not_found")
    }

    static func unknownPath(_ path: String) -> APIError {
        APIError(.notFound, "Not found", field: "path",
                 message: "There is nothing at \(TerminalSafeText.sanitize(path, maxCharacters: 100))",
                 code: "route_not_found")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method) -> APIError {
        APIError(.methodNotAllowed, "Method not allowed", field: "method",
                 message: "\(TerminalSafeText.sanitize(method.rawValue, maxCharacters: 20)) is not allowed here: use GET",
                 code: "method_not_allowed", headers: [.allow: "GET, HEAD"])
    }

    /// A source failure: 503 (with Retry-After) when the database is busy or unreadable right now, else 500.
    /// The same words whatever happened: the store's sentence names a file, a database, a host or a role,
    /// which is for serve's log (`ErrorBodyMiddleware`), not for whoever asks.
    static func source(_ error: SourceError) -> APIError {
        if error.kind == .unavailable {
            return APIError(.serviceUnavailable, "Service unavailable", field: "database",
                            message: "The database cannot answer right now; try again in a moment",
                            code: "database_unavailable", headers: [.retryAfter: "1"])
        }
        return APIError(.internalServerError, "Internal server error", field: "database",
                        message: "The database could not answer this request", code: "database_error")
    }

    /// serve has as much work waiting for the database as it takes (`ServeLimits`), or this request waited
    /// behind others until its deadline: the caller may try again.
    static let busy = APIError(
        .serviceUnavailable, "Service unavailable", field: "server",
        message: "The server is busy with other requests; try again in a moment", code: "server_busy",
        headers: [.retryAfter: "2"])

    static let internalError = APIError(
        .internalServerError, "Internal server error", field: "server",
        message: "The server could not answer this request", code: "internal_error")

    /// Anything Hummingbird itself refuses (a malformed request, a body too large): its status, our shape.
    static func http(_ status: HTTPResponse.Status) -> APIError {
        APIError(status, status.reasonPhrase, field: "request",
                 message: "The request was refused: \(status.code) \(status.reasonPhrase)", code: "bad_request")
    }
}
