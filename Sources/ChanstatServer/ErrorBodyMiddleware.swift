import ChanstatCore
import Hummingbird
import Logging

/// Makes every failure an `APIError` JSON body: the router's own 404, Hummingbird's HTTP errors, a
/// `SourceError` from the database (503 when busy; the body generic, the store's sentence in the log), and
/// anything unexpected (500, with no internals shown).
/// Placed outside the routes and inside the request log, so the log sees the final status.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as SourceError {
            logger.warning("database: \(SafeLog.reason(error))")
            return try APIError.source(error).response(from: request, context: context)
        } catch let error as HTTPError where error.status == .notFound {
            return try APIError.unknownPath(request.uri.path).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try APIError.http(error.status).response(from: request, context: context)
        } catch {
            logger.error("unexpected error: \(String(describing: type(of: error)))")
            return try APIError.internalError.response(from: request, context: context)
        }
    }
}
