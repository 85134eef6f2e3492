import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// Every way a connection or a report fails, against a real server, as the one sentence a person sees.
    @Suite(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL (scripts/setup installs postgresql)"),
           .timeLimit(.minutes(3)))
    struct ConnectionFailureTests {
        /// Opens a source and returns its failure (nil when it opened).
        func failure(_ url: String, account: Int64? = 1, variables: [String: String] = [:],
                     statementTimeout: Duration = .seconds(10)) async -> SourceError? {
            do {
                let (target, _) = try PostgresAddress.resolve(url, environment: .init(variables: variables, userName: "postgres",
                                                                                      homeDirectory: nil))
                let source = try await PostgresReportSource.open(
                    session: PostgresSession(target: target, statementTimeout: statementTimeout), accountID: account)
                await source.close()
                return nil
            } catch {
                return error as? SourceError ?? SourceError(.badData, "not a SourceError: \(error)")
            }
        }

        func accountOne(_ database: ChatwootDatabase) throws {
            try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
        }

        @Test func refusedUnknownHostAndSilentServer() async throws {
            let reserved = try ReservedPort()
            let refused = await failure("postgres://postgres@127.0.0.1:\(reserved.port)/db")
            #expect(refused?.kind == .unavailable)
            #expect(refused?.message == "cannot connect to PostgreSQL at 127.0.0.1:\(reserved.port): connection refused; "
                    + "is the server running and listening on that address (listen_addresses, port)?")

            let unknown = await failure("postgres://postgres@no-such-host.invalid/db")
            #expect(unknown?.message.contains("cannot find the database host no-such-host.invalid (unknown host)") == true)

            // Accepts the TCP connection (the kernel does) and never says a word: the connect timeout ends it.
            let silent = try SilentListener()
            let started = ContinuousClock.now
            let timedOut = await failure("postgres://postgres@127.0.0.1:\(silent.port)/db?connect_timeout=2")
            #expect(timedOut?.message == "PostgreSQL at 127.0.0.1:\(silent.port) did not answer within 2 s (connect_timeout); "
                    + "check the host and port, and any firewall or proxy in between")
            #expect(ContinuousClock.now - started < .seconds(30))   // bounded, not a timing assertion on the 2 s
        }

        @Test func noSocketNoDatabaseNoPassword() async throws {
            let cluster = try await OffThePool.run { try SharedCluster.get() }
            let noSocket = await failure("postgres:///db?host=/nonexistent/dir&port=5999")
            #expect(noSocket?.message.contains("no PostgreSQL server is listening on the socket /nonexistent/dir/.s.PGSQL.5999") == true)

            let noDatabase = await failure("postgres:///missing_db?host=\(cluster.socketDirectory)&port=\(cluster.port)&user=postgres")
            #expect(noDatabase?.kind == .refused)
            #expect(noDatabase?.message.contains("has no database missing_db") == true)

            // TCP needs a password (scram-sha-256) and none was given.
            let noPassword = await failure("postgres://postgres@127.0.0.1:\(cluster.port)/postgres")
            #expect(noPassword?.message.contains("asks user postgres for a password, and none was found: put it in ~/.pgpass") == true)
        }

        /// A password file read but without a line for this connection: the sentence shows what was looked up
        /// (the host as the URL writes it, port, database, user), never a password from the file.
        @Test func aPasswordFileWithoutAMatchingLineSaysWhatWasLookedUp() async throws {
            let cluster = try await OffThePool.run { try SharedCluster.get() }
            let scratch = try Scratch()
            let file = scratch.path("pgpass")
            // A near miss: the right port and user, but "localhost" where the URL says 127.0.0.1.
            try "localhost:\(cluster.port):postgres:postgres:never-shown-secret\n".write(toFile: file, atomically: false,
                                                                                         encoding: .utf8)
            chmod(file, 0o600)
            let missing = await failure("postgres://postgres@127.0.0.1:\(cluster.port)/postgres",
                                        variables: ["PGPASSFILE": file])
            #expect(missing?.kind == .refused)
            #expect(missing?.message == "PostgreSQL at 127.0.0.1:\(cluster.port) asks user postgres for a password, and "
                    + "the password file \(file) has no line for 127.0.0.1:\(cluster.port):postgres:postgres "
                    + "(host:port:database:user, * matches any); add one, or set $PGPASSWORD")
            #expect(missing?.message.contains("never-shown-secret") == false)
        }

        @Test func wrongPasswordIsRefusedAndNeverShown() async throws {
            let role = "reader_" + UUID().uuidString.prefix(6).lowercased()
            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try accountOne(database)
                try database.cluster.createRole(role, password: "correct-horse")
                try database.sql("GRANT SELECT ON accounts, inboxes, conversations TO \(role)")
                return database
            }
            let url = "postgres://\(role)@127.0.0.1:\(database.cluster.port)/\(database.name)"
            let wrong = await failure(url, variables: ["PGPASSWORD": "battery-staple"])
            #expect(wrong?.kind == .refused)
            #expect(wrong?.message == "PostgreSQL at 127.0.0.1:\(database.cluster.port) refused the password for user \(role); "
                    + "check ~/.pgpass or $PGPASSWORD")
            #expect(await failure(url, variables: ["PGPASSWORD": "correct-horse"]) == nil)
        }

        @Test func schemaProblemsAreNamed() async throws {
            let empty = try await OffThePool.run { try ChatwootDatabase.make(withTables: false) }
            let noTables = await failure(empty.url())
            #expect(noTables?.kind == .badData)
            #expect(noTables?.message == "database \(empty.name) has no table public.accounts; is it Chatwoot's database?")

            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try accountOne(database)
                try database.sql("ALTER TABLE conversations DROP COLUMN status")
                return database
            }
            #expect(await failure(database.url())?.message
                    == "database \(database.name) has no column conversations.status; is it Chatwoot's database, of version 4 or later?")
        }

        /// A role that may read every table but one: the table is named, with the GRANT that fixes it.
        @Test func permissionDeniedOnATable() async throws {
            let role = "partial_" + UUID().uuidString.prefix(6).lowercased()
            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try accountOne(database)
                try database.cluster.createRole(role, password: nil)
                try database.sql("GRANT SELECT ON accounts, conversations TO \(role)")
                return database
            }
            let denied = await failure(database.url(user: role))
            #expect(denied?.kind == .refused)
            #expect(denied?.message == "this database user may not read table inboxes; GRANT SELECT ON inboxes to it "
                    + "(docs/postgres.md says which tables each command reads)")
        }

        /// A query that waits longer than the statement timeout (here: for a lock another session holds) is
        /// cancelled by the server (57014), and the sentence says what to do; the next report works again.
        @Test func statementTimeout() async throws {
            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try accountOne(database)
                return database
            }
            let source = try await database.source(account: 1, statementTimeout: .milliseconds(300))
            let holder = try await OffThePool.run { try LockHolder(database: database, table: "conversations") }
            defer { holder.release() }
            let range = try DateRange(since: 0, until: 86_400)
            await #expect(throws: SourceError(.unavailable, "the database cancelled the report after 300 ms (statement "
                                              + "timeout); try a shorter range, raise --statement-timeout, or build the "
                                              + "index docs/postgres.md describes")) {
                try await source.summary(for: range)
            }
            try await OffThePool.run { holder.release() }
            #expect(try await source.summary(for: range).isEmpty)
            await source.close()
        }

        /// The server restarts under an open source: at most one failed report (one sentence), then it reconnects.
        @Test func serverRestartIsRecoveredOnTheNextReport() async throws {
            let cluster = try await OffThePool.run { try PostgresCluster.start() }
            defer { cluster.destroy() }
            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make(on: cluster)
                try accountOne(database)
                try database.sql("INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (1, 1, 'Mail', 'Channel::Email');"
                                 + "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, 0, '1970-01-01 01:00:00')")
                return database
            }
            let source = try await database.source(account: 1)
            let range = try DateRange(since: 0, until: 86_400)
            #expect(try await source.summary(for: range).channels["Channel::Email"]?.open == 1)
            try await OffThePool.run { try cluster.stop() }
            await #expect(throws: SourceError.self) { try await source.summary(for: range) }
            try await OffThePool.run { try cluster.start() }
            var recovered: ChannelSummary?
            for _ in 0..<2 where recovered == nil {
                do { recovered = try await source.summary(for: range) } catch let error as SourceError {
                    #expect(error.kind == .unavailable)
                }
            }
            #expect(recovered?.channels["Channel::Email"]?.open == 1)
            await source.close()
        }
    }
}

/// A TCP listener that never accepts: connections complete (the kernel's backlog) and then hear nothing.
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try LoopbackListener.listen()
    }

    deinit { close(fd) }
}

/// Another session holding a lock on a table (psql in a transaction), until released.
final class LockHolder: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()

    init(database: ChatwootDatabase, table: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-h", database.cluster.socketDirectory, "-p", String(database.cluster.port),
                             "-U", "postgres", "-d", database.name]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.environment = TestEnvironment.minimal()
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN; LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE;\n".utf8))
        // Held once pg_locks shows it: the report started after this must wait for it.
        for _ in 0..<200 {
            let held = try database.sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                        + "WHERE c.relname = '\(table)' AND l.mode = 'AccessExclusiveLock' AND l.granted")
            if held == "1" { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw SourceError(.unavailable, "the lock on \(table) was never taken")
    }

    func release() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
