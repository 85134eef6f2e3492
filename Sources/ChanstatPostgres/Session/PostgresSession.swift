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
/// A guest on a production database that another role of it cannot turn (docs/postgres.md): the settings below
/// go in the startup packet (no extra round trip, and nothing a query could forget), every use of the connection
/// runs in an explicit `START TRANSACTION READ ONLY` (a function planted by another role can switch the session's
/// default to read-write, never a read-only transaction already running), the server's messages are held to
/// libpq's sizes (`BackendMessageLimit`), and a deadline ends the wait on a server that went silent. The
/// connection is closed after `idleClose` without use, so a dashboard that refreshes every few minutes does not
/// hold one of a replica's few connection slots in between.
public actor PostgresSession {
    public let target: PostgresTarget
    let statementTimeout: Duration
    let readOnly: Bool
    let idleClose: Duration?

    private var connection: PostgresConnection?
    /// One use of the connection at a time, in the order asked: a transaction must not interleave with another
    /// use's statements, and a use's deadline starts when its turn comes, not while it waits behind another.
    private var inUse = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Bumped on every use, so an idle-close timer that wakes after a newer use does nothing.
    private var useCount = 0
    private var nextConnectionID = 1
    private let logger: Logger

    public static let defaultStatementTimeout: Duration = .seconds(10)
    /// Longer than a dashboard's fastest refresh, far shorter than its default one.
    public static let defaultIdleClose: Duration = .seconds(20)
    /// How long a statement waits for a lock another session holds (Chatwoot's migrations, a VACUUM FULL) before
    /// the server gives up with 55P03: pg_dump's --lock-wait-timeout, for a guest that must not queue behind them
    /// (and make Chatwoot's own queries queue behind it).
    public static let lockTimeout: Duration = .seconds(2)
    /// How much longer than the statement timeout the client waits for any answer at all: the server's own
    /// timeout normally answers first; this ends the wait on a server that cannot (10 + 5: the 15 s promised).
    static let silenceMargin: Duration = .seconds(5)

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

    /// Runs `body` on the connection, connecting first if there is none, in a read-only transaction (unless the
    /// session writes: `sample`). Any failure is a `SourceError` with a sentence; a failure that leaves the
    /// connection unusable drops it, so the next call reconnects. Past the statement timeout and
    /// `silenceMargin` the connection is closed and the call fails at once, whatever `body` is waiting for.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        useCount += 1
        await takeTurn()
        defer { endTurn() }
        let connection = try await connected()
        do {
            let logger = self.logger, readOnly = self.readOnly
            let work: @Sendable () async throws -> T = {
                try await Self.inTransaction(connection, readOnly: readOnly, logger: logger, body)
            }
            // Zero is PostgreSQL's "no statement timeout" (the sample writer's bulk load): no deadline either.
            let value = statementTimeout > .zero
                ? try await Deadline.run(statementTimeout + Self.silenceMargin, abandon: { connection.closeNow() }, work)
                : try await work()
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

    /// `body` between `START TRANSACTION READ ONLY` and `COMMIT` when `readOnly`. A failed transaction is rolled
    /// back, so the connection is idle again for the next use; if even that fails, the connection is closed.
    private static func inTransaction<T: Sendable>(_ connection: PostgresConnection, readOnly: Bool, logger: Logger,
                                                   _ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        guard readOnly else { return try await body(connection, logger) }
        try await connection.execute("START TRANSACTION READ ONLY", logger: logger)
        do {
            let value = try await body(connection, logger)
            try await connection.execute("COMMIT", logger: logger)
            return value
        } catch {
            do { try await connection.execute("ROLLBACK", logger: logger) } catch { connection.closeNow() }
            throw error
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
        let made = try await connectWithAttempts()
        connection = made
        return made
    }

    private func takeTurn() async {
        guard inUse else { inUse = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func endTurn() {
        if waiting.isEmpty { inUse = false } else { waiting.removeFirst().resume() }
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
        let timeout = Duration.seconds(target.connectTimeoutSeconds)
        let started = ContinuousClock.now
        let channel = try await GuardedChannel.open(target, tls: tls, connectTimeout: timeout)
        let id = nextConnectionID
        nextConnectionID += 1
        let logger = self.logger, target = self.target, startupParameters = self.startupParameters
        let remaining = max(timeout - (ContinuousClock.now - started), .milliseconds(1))
        // postgres-nio's timeout covers the login too; this one also ends the wait if that one does not.
        return try await Deadline.run(remaining, duringConnect: true, abandon: { channel.close(promise: nil) }) {
            // verify-full: the handshake and the name check are chanstat's own, done before postgres-nio is given
            // the channel (already encrypted, so it is told not to ask for TLS again).
            let namesChecked = try await NameCheckedTLS.secure(channel, tls: tls, target: target)
            var configuration = PostgresConnection.Configuration(establishedChannel: channel,
                                                                 tls: namesChecked ? .disable : tls,
                                                                 username: target.user, password: target.password,
                                                                 database: target.database)
            configuration.options.tlsServerName = GuardedChannel.serverName(target)
            configuration.options.connectTimeout = .milliseconds(max(remaining.wholeMilliseconds, 1))
            configuration.options.additionalStartupParameters = startupParameters
            // On the channel's own event loop: postgres-nio builds the pipeline from there.
            return try await PostgresConnection.connect(on: channel.eventLoop, configuration: configuration, id: id,
                                                        logger: logger)
        }
    }

    /// The session's settings, sent in the startup packet so that no statement runs before them.
    /// - `search_path` empty: an unqualified name can only mean pg_catalog's, never another role's object (every
    ///   name chanstat sends is qualified as well, as pg_dump's are since CVE-2018-1058);
    /// - `default_transaction_read_only`: a second wall behind each use's `START TRANSACTION READ ONLY`;
    /// - `lock_timeout`: a lock wait ends after `lockTimeout` with its own sentence;
    /// - `max_parallel_workers_per_gather` 0: a report takes one backend, not three, of a production server;
    /// - `jit` off: compiling a report's expressions (the range reports cost more than PostgreSQL's 100,000 at
    ///   which it starts) took longer than it saved. At 5M rows, 180 days of one account, whole process, 4 runs
    ///   each: by channel 689-840 ms against 704-967 ms with it, by team 750-1001 against 822-1089 ms, by agent
    ///   746-865 against 790-989 ms; the queue, which stays under the threshold, the same (docs/postgres.md).
    var startupParameters: [(String, String)] {
        [
            ("application_name", target.applicationName),
            ("search_path", ""),
            ("statement_timeout", "\(statementTimeout.wholeMilliseconds)"),
            ("lock_timeout", "\(Self.lockTimeout.wholeMilliseconds)"),
            ("max_parallel_workers_per_gather", "0"),
            ("jit", "off"),
            ("default_transaction_read_only", readOnly ? "on" : "off"),
        ] + (target.sessionTimeZone.map { [("TimeZone", $0)] } ?? [])
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

extension PostgresConnection {
    /// Closes the channel without waiting: whatever waits on it (a query, rows) fails at once.
    func closeNow() {
        let _: EventLoopFuture<Void> = close()
    }

    /// Runs a statement to its end. postgres-nio streams rows: a statement's error is only certain once its
    /// rows (none, for DDL) have been read, so every statement whose rows are not wanted goes through here.
    func execute(_ sql: String, logger: Logger) async throws {
        for try await _ in try await query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
    }
}
