import ChanstatCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `chanstat serve`: Chatwoot's channel summary API over any `ReportStore` (a SQLite file, a PostgreSQL
/// database). The app is built here, the routes,
/// access and error bodies live in their own files.
public enum ReportServer {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 3000
    /// A connection that sends nothing, or only part of a request head, for this long is closed: otherwise
    /// idle or slow clients could hold connections (file descriptors) for ever. Long enough for any real client.
    public static let defaultIdleTimeout: Duration = .seconds(30)

    public typealias App = Application<RouterResponder<BasicRequestContext>>

    /// The application, not yet running. `onListening` gets the bound port (the real one when `port` is 0).
    public static func makeApplication(store: any ReportStore, host: String = defaultHost,
                                       port: Int = defaultPort, idleTimeout: Duration = defaultIdleTimeout,
                                       logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> App {
        let router = Router(context: BasicRequestContext.self)
        // Outermost first: the log sees the final status of every answer, error bodies included.
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: ErrorBodyMiddleware())
        SummaryRoutes<BasicRequestContext>(store: store).register(on: router)
        // Hummingbird's idle timer restarts on each request head or body part and after each answer, not on
        // raw bytes: a client dripping a request head a byte at a time is closed too (a read timeout).
        let idle = TimeAmount.nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000
                                          + idleTimeout.components.attoseconds / 1_000_000_000)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: .init(address: .hostname(host, port: port), serverName: "chanstat"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: frameworkLogger(logger))
    }

    /// The framework's own logger: its "Server started and listening" line (info) would repeat the listening
    /// line `serve` prints on stdout, so it says only notices and worse; the request lines keep `logger`.
    /// A handler of its own, because setting the level on a copy of `logger` would set it on the shared handler.
    static func frameworkLogger(_ logger: Logger) -> Logger {
        Logger(label: logger.label) { _ in NoticesOnly(base: logger.handler) }
    }

    /// Level and metadata are kept here, never set on `base`, which the request log shares.
    private struct NoticesOnly: LogHandler {
        let base: any LogHandler
        var metadata: Logger.Metadata = [:]
        private var minimum: Logger.Level = .notice

        init(base: any LogHandler) { self.base = base }

        var logLevel: Logger.Level {
            get { max(base.logLevel, minimum) }
            set { minimum = max(newValue, .notice) }
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            guard level >= logLevel else { return }
            base.log(level: level, message: message, metadata: metadata.merging(extra ?? [:]) { $1 }, source: source,
                     file: file, function: function, line: line)
        }
    }

    /// Runs until SIGTERM or SIGINT, then lets requests in flight finish. Cancelling the calling task
    /// stops it too (the tests do that).
    public static func run(store: any ReportStore, host: String, port: Int,
                           idleTimeout: Duration = defaultIdleTimeout, logger: Logger,
                           onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let app = makeApplication(store: store, host: host, port: port, idleTimeout: idleTimeout,
                                  logger: logger, onListening: onListening)
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch let error as IOError {
            // Binding is the one thing that fails before any request: say it in the CLI's words.
            let address = "\(host):\(port)"
            if error.errnoCode == EADDRINUSE {
                throw SourceError(.unavailable, "cannot listen on \(address): another program uses that port; "
                                  + "choose another with --port")
            }
            throw SourceError(.unavailable, "cannot listen on \(address): \(String(cString: strerror(error.errnoCode)))")
        }
    }
}
