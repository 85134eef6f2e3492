import ChanstatCore
import Foundation
import Hummingbird
import HummingbirdCore
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

    public typealias App = Application<RouterResponder<ServeContext>>

    /// The application, not yet running. `onListening` gets the bound port (the real one when `port` is 0).
    /// `connections`: the caps on open connections (by default from the descriptor limit at this moment).
    public static func makeApplication(store: any ReportStore, host: String = defaultHost,
                                       port: Int = defaultPort, idleTimeout: Duration = defaultIdleTimeout,
                                       limits: ServeLimits = ServeLimits(),
                                       connections: ConnectionLimits = .fromDescriptorLimit(),
                                       logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> App {
        // HEAD is answered like GET, without the body (RFC 9110), by the router itself.
        let router = Router(context: ServeContext.self, options: .autoGenerateHeadEndpoints)
        // Outermost first: the log sees the final status of every answer, error bodies included.
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: ErrorBodyMiddleware(logger: logger))
        let summaryRoutes = SummaryRoutes(store: store, limits: limits, logger: logger)
        summaryRoutes.register(on: router)
        QueueRoutes(base: summaryRoutes).register(on: router)
        let counter = ConnectionCounter(limits: connections, logger: logger)
        // Hummingbird's idle timer restarts on each request head or body part and after each answer, not on
        // raw bytes: a client dripping a request head a byte at a time is closed too (a read timeout).
        let idle = TimeAmount.nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000
                                          + idleTimeout.components.attoseconds / 1_000_000_000)
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: counter.handlers(), idleTimeout: idle)),
            configuration: .init(address: .hostname(host, port: port), serverName: "chanstat",
                                 availableConnectionsDelegate: MaximumAvailableConnections(connections.total)),
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
    /// stops it too (the tests do that). The soft descriptor limit is raised to the hard one first, and the
    /// connection caps follow from it.
    public static func run(store: any ReportStore, host: String, port: Int,
                           idleTimeout: Duration = defaultIdleTimeout, limits: ServeLimits = ServeLimits(),
                           logger: Logger, onListening: @escaping @Sendable (Int) async -> Void) async throws {
        ConnectionLimits.raiseDescriptorLimit()
        let connections = ConnectionLimits.fromDescriptorLimit()
        logger.info("at most \(connections.total) connections, \(connections.perAddress) per client address")
        let shownHost = TerminalSafeText.sanitize(host, maxCharacters: 80)
        let app = makeApplication(store: store, host: host, port: port, idleTimeout: idleTimeout, limits: limits,
                                  connections: connections, logger: logger, onListening: onListening)
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch let error as IOError {
            // Binding is the one thing that fails before any request: say it in the CLI's words.
            let address = "\(shownHost):\(port)"
            switch error.errnoCode {
            case EADDRINUSE:
                throw SourceError(.unavailable, "cannot listen on \(address): another program uses that port; "
                                  + "choose another with --port")
            case EADDRNOTAVAIL:
                throw SourceError(.usage, "cannot listen on \(address): that address is not one of this machine's; "
                                  + "give --host one of its own addresses (ip -brief address lists them), or 0.0.0.0 for all")
            default:
                throw SourceError(.unavailable, "cannot listen on \(address): \(String(cString: strerror(error.errnoCode)))")
            }
        } catch is SocketAddressError.UnknownHost {
            // NIO's own text ("SocketAddressError.UnknownHost: Name or service not known (error -2) …") is for a
            // programmer; a person mistyped --host.
            throw SourceError(.usage, "cannot listen on \(shownHost): it is neither an IP address nor a name this "
                              + "machine can resolve; give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0")
        }
    }
}

extension ReportServer {
    /// Whether `host` is this machine (the one rule of SPEC 14, `HostAddress`): anything else exposes the
    /// reports, and the tokens that ask for them travel in clear text.
    public static func isLoopback(_ host: String) -> Bool {
        HostAddress(host).isLoopback
    }

    /// The warning `serve` prints on stderr when it listens beyond loopback.
    public static func exposureWarning(host: String) -> String {
        "chanstat serve: warning: listening on \(TerminalSafeText.sanitize(host, maxCharacters: 120)), beyond loopback: tokens and reports travel in clear text; "
            + "put a TLS proxy in front (docs/http.md shows nginx)"
    }
}
