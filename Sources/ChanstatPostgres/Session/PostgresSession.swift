import ChanstatCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The one connection a chanstat process holds to a PostgreSQL server, made when first needed and made again
/// on the next use after a failure. Not postgres-nio's pool: `PostgresClient` retries a failed connect
/// behind a circuit breaker for about a minute and then throws without the cause, where a dashboard must say
/// at once why it cannot connect.
///
/// A guest on a production database: every session runs with `default_transaction_read_only`, a
/// `statement_timeout` and `application_name` set in the startup packet (no extra round trip, and nothing
/// a query could forget), and the connection is closed after `idleClose` without use, so a dashboard that
/// refreshes every few minutes does not hold one of a replica's few connection slots in between.
public actor PostgresSession {
    public let target: PostgresTarget
    let statementTimeout: Duration
    let readOnly: Bool
    let idleClose: Duration?

    private var connection: PostgresConnection?
    /// The connect in progress: two reports asked at once (a comparison) share it rather than each making a
    /// connection (the actor is re-entered while a connect awaits).
    private var connecting: Task<PostgresConnection, any Error>?
    /// Bumped on every use, so an idle-close timer that wakes after a newer use does nothing.
    private var useCount = 0
    private var nextConnectionID = 1
    private let logger: Logger

    public static let defaultStatementTimeout: Duration = .seconds(10)
    /// Longer than a dashboard's fastest refresh, far shorter than its default one.
    public static let defaultIdleClose: Duration = .seconds(20)

    public init(target: PostgresTarget, statementTimeout: Duration = PostgresSession.defaultStatementTimeout,
                readOnly: Bool = true, idleClose: Duration? = PostgresSession.defaultIdleClose) {
        self.target = target
        self.statementTimeout = statementTimeout
        self.readOnly = readOnly
        self.idleClose = idleClose
        var logger = Logger(label: "chanstat.postgres")
        // postgres-nio logs at debug and trace; nothing there is for a person, and nothing may hold a secret.
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Runs `body` on the connection, connecting first if there is none. Any failure is a `SourceError`
    /// with a sentence; a failure that leaves the connection unusable drops it, so the next call reconnects.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        useCount += 1
        let connection = try await connected()
        do {
            let logger = self.logger
            // Zero is PostgreSQL's "no statement timeout" (the sample writer's bulk load): no deadline either.
            let value = statementTimeout > .zero
                ? try await withDeadline(statementTimeout + .seconds(5)) { try await body(connection, logger) }
                : try await body(connection, logger)
            scheduleIdleClose()
            return value
        } catch {
            let failure = PostgresFailure.sourceError(error, target: target, statementTimeout: statementTimeout)
            if connection.isClosed || PostgresFailure.leavesConnectionUnusable(error) {
                await drop()
            } else {
                scheduleIdleClose()
            }
            throw failure
        }
    }

    /// `body`, then the connection closed, whether `body` returned or threw: a connection must be closed
    /// before the session goes (postgres-nio asserts so), and the server should see a clean disconnect.
    public static func closing<T>(_ session: PostgresSession, isolation: isolated (any Actor)? = #isolation,
                                  _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await session.close()
            return value
        } catch {
            await session.close()
            throw error
        }
    }

    /// `body`, and the connection closed only if it throws (a source that fails to open is dropped).
    public static func closingOnFailure<T>(_ session: PostgresSession, isolation: isolated (any Actor)? = #isolation,
                                           _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            await session.close()
            throw error
        }
    }

    /// Closes the connection now (the end of `report`, `serve`'s shutdown).
    public func close() async {
        await drop()
    }

    private func connected() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        if let connecting { return try await connecting.value }
        let task = Task { try await self.connectWithAttempts() }
        connecting = task
        defer { connecting = nil }
        let made = try await task.value
        connection = made
        return made
    }

    /// One connection, trying each TLS setting `sslmode` allows in turn.
    private func connectWithAttempts() async throws -> PostgresConnection {
        let attempts = try TLSSetup.attempts(for: target)
        var lastError: (any Error)?
        for (index, tls) in attempts.enumerated() {
            do {
                return try await connect(tls: tls)
            } catch {
                lastError = error
                // `allow`: a refusal of plain TCP is answered by trying TLS; anything else is final.
                guard index + 1 < attempts.count, PostgresFailure.isNoEncryptionRefusal(error) else { break }
            }
        }
        throw PostgresFailure.sourceError(lastError ?? CancellationError(), target: target,
                                          statementTimeout: statementTimeout)
    }

    private func connect(tls: PostgresConnection.Configuration.TLS) async throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        switch target.endpoint {
        case let .tcp(host, port):
            configuration = .init(host: host, port: port, username: target.user, password: target.password,
                                  database: target.database, tls: tls)
        case .socket:
            configuration = .init(unixSocketPath: target.socketPath ?? "", username: target.user,
                                  password: target.password, database: target.database)
        }
        let timeout = Duration.seconds(target.connectTimeoutSeconds)
        configuration.options.connectTimeout = .seconds(Int64(target.connectTimeoutSeconds))
        let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
        configuration.options.additionalStartupParameters = [
            ("application_name", target.applicationName),
            ("statement_timeout", "\(milliseconds)"),
            ("default_transaction_read_only", readOnly ? "on" : "off"),
        ] + (target.sessionTimeZone.map { [("TimeZone", $0)] } ?? [])
        let id = nextConnectionID
        nextConnectionID += 1
        let logger = self.logger
        // postgres-nio's timeout covers the TCP connect only; a server that accepts and then says nothing
        // (a stalled proxy, a hung server) would otherwise hang the startup for ever.
        let settled = configuration, target = self.target
        return try await withDeadline(timeout, connectTimeout: true) {
            try await NameCheckedTLS.connect(configuration: settled, for: target, id: id, logger: logger)
        }
    }

    private func scheduleIdleClose() {
        guard let idleClose else { return }
        let use = useCount
        Task { [weak self] in
            try? await Task.sleep(for: idleClose)
            await self?.closeIfUnused(since: use)
        }
    }

    private func closeIfUnused(since use: Int) async {
        guard use == useCount else { return }
        await drop()
    }

    private func drop() async {
        guard let connection else { return }
        self.connection = nil
        try? await connection.close()
    }
}

/// A client-side deadline: the server's statement timeout normally ends a slow query first; this one ends a
/// connection that went silent (a network that drops packets without a reset).
struct DeadlineExceeded: Error {
    let duration: Duration
    let duringConnect: Bool
}

func withDeadline<T: Sendable>(_ duration: Duration, connectTimeout: Bool = false,
                               _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw DeadlineExceeded(duration: duration, duringConnect: connectTimeout)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
