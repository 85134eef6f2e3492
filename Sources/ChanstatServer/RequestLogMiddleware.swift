import ChanstatCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// One line per request: method, path (never the query, never a header, so never a token), status,
/// milliseconds. A client that goes away mid-answer is logged the same way; it costs the server nothing.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let line = "\(TerminalSafeText.sanitize(request.method.rawValue, maxCharacters: 20)) "
                    + "\(TerminalSafeText.sanitize(request.uri.path, maxCharacters: 200)) \(response.status.code) "
                    + "\(String(format: "%.1f", milliseconds)) ms"
        logger.info("\(line)")
        return response
    }
}
