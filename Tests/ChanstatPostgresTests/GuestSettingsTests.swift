import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
@testable import PostgresNIO
import Testing

extension PostgresServerTests {
    /// The manners SPEC section 14 promises a production database, read back from the server: the session's
    /// settings, a read-only transaction that a planted `set_config` cannot turn, a lock wait that ends after
    /// about 2 s with a sentence of its own, and a deadline counted from the query's turn, not its queueing.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(3)))
    struct GuestSettingsTests {
        func session(_ database: ChatwootDatabase, statementTimeout: Duration = .seconds(7), name: String = "chanstat") throws -> PostgresSession {
            let (target, _) = try PostgresAddress.resolve(database.url(parameters: "&application_name=\(name)"),
                                                          environment: .init(variables: [:], userName: "postgres", homeDirectory: nil))
            return PostgresSession(target: target, statementTimeout: statementTimeout)
        }

        func texts(_ session: PostgresSession, _ sql: String) async throws -> [String] {
            try await session.run { connection, logger in
                var values: [String] = []
                for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
                    values.append(value)
                }
                return values
            }
        }

        @Test func theSessionIsSetUpAsAGuest() async throws {
            let database = try ChatwootDatabase.make()
            let name = "guest-" + UUID().uuidString.prefix(6).lowercased()
            let session = try session(database, name: name)
            let settings = try await texts(session, """
                SELECT pg_catalog.current_setting(s) FROM pg_catalog.unnest(ARRAY['search_path', 'lock_timeout',
                    'max_parallel_workers_per_gather', 'transaction_read_only', 'statement_timeout', 'jit'])
                    WITH ORDINALITY AS t(s, n) ORDER BY n
                """)
            #expect(settings == ["", "2s", "0", "on", "7s", "off"])
            // The empty search path holds no schema: a name that is not qualified finds nothing of public's.
            await #expect {
                _ = try await texts(session, "SELECT name::text FROM accounts")
            } throws: { error in
                (error as? SourceError)?.message.contains("relation \"accounts\" does not exist") == true
            }
            // Seen from another session too: chanstat's backend, idle and not holding a transaction open.
            let seen = try database.sql("SELECT state FROM pg_stat_activity WHERE application_name = '\(name)'")
            #expect(seen == "idle")
            await session.close()
        }

        /// With TLS, the length check stands behind the TLS handler, where the server's messages are readable: the
        /// first check hands over when the server agrees to TLS.
        @Test(.enabled(if: TestCertificates.isAvailable, "needs openssl"))
        func theMessageLimitStandsBehindTLS() async throws {
            var options = PostgresCluster.Options()
            options.tls = true
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            let database = try ChatwootDatabase.make(on: cluster)
            try cluster.createRole("tls_guest", password: "tls-guest-password")
            let (target, _) = try PostgresAddress.resolve(
                "postgres://tls_guest@localhost:\(cluster.port)/\(database.name)?sslmode=require",
                environment: .init(variables: ["PGPASSWORD": "tls-guest-password"], userName: "postgres", homeDirectory: nil))
            let session = PostgresSession(target: target)
            let pipeline = try await session.run { connection, _ in
                try await connection.channel.eventLoop.submit { connection.channel.pipeline.debugDescription }.get()
            }
            await session.close()
            let names = pipeline.split(separator: "\n").compactMap { line in
                ["BackendMessageLimit", "NIOSSLClientHandler", "PostgresChannelHandler"].first { line.contains($0) }
            }
            #expect(names == ["BackendMessageLimit", "NIOSSLClientHandler", "BackendMessageLimit", "PostgresChannelHandler"],
                    "\(pipeline)")
        }

        /// A function of another role that runs in chanstat's session can switch the session's default to
        /// read-write; the next use still runs in `START TRANSACTION READ ONLY`, and its write is refused.
        @Test func aPlantedSetConfigCannotMakeTheNextUseWrite() async throws {
            let database = try ChatwootDatabase.make()
            let session = try session(database)
            #expect(try await texts(session, "SELECT pg_catalog.set_config('default_transaction_read_only', 'off', false)") == ["off"])
            await #expect {
                _ = try await texts(session, "INSERT INTO public.accounts (name) VALUES ('written') RETURNING name")
            } throws: { error in
                (error as? SourceError)?.message.contains("refused a write in a read-only transaction") == true
            }
            #expect(try database.sql("SELECT count(*) FROM accounts") == "0")
            // The failed transaction was rolled back: the connection serves the next use.
            #expect(try await texts(session, "SELECT 'still here'") == ["still here"])
            await session.close()
        }

        /// Another session holds ACCESS EXCLUSIVE on Chatwoot's conversations (a migration, a VACUUM FULL): the
        /// report gives up after the lock timeout, long before the statement timeout, and says it was a lock.
        @Test func aLockWaitIsSaidAsOne() throws {
            let database = try ChatwootDatabase.make()
            try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
            let holder = try LockHolder(database: database, table: "conversations")
            defer { holder.release() }
            let started = ContinuousClock.now
            let report = try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1", "--statement-timeout", "60",
                                                 "--since", "2026-11-01", "--until", "2026-11-08"])
            let elapsed = ContinuousClock.now - started
            #expect(report.status == 1)
            #expect(report.stderr.contains("the report waited 2 s for a lock that another session holds on Chatwoot's tables"),
                    "\(report.stderr)")
            #expect(!report.stderr.contains("shorter range"))
            // `report` has no refresh: the sentence ends with the lock, not with "tried again on the next refresh"
            // (issue 24 item 2); the dashboard's sentence keeps that clause.
            #expect(report.stderr.hasSuffix("so as not to queue Chatwoot's own work behind it\n"), "\(report.stderr)")
            #expect(!report.stderr.contains("refresh"))
            #expect(elapsed < .seconds(30), "the lock timeout, not the 60 s statement timeout, must end the wait")
            holder.release()
            #expect(try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1"]).status == 0)
        }

        /// Uses wait their turn for the one connection; each one's deadline (statement timeout + 5 s) starts when
        /// its statements are sent. Eight uses of 0.9 s each behind one another: the last waits 6 s, past its
        /// own deadline, before its turn, and still succeeds.
        @Test func theDeadlineCountsFromTheTurnNotTheQueue() async throws {
            let database = try ChatwootDatabase.make()
            let session = try session(database, statementTimeout: .seconds(1))
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask { try await texts(session, "SELECT pg_catalog.pg_sleep(0.9)::pg_catalog.text") }
                }
                var finished = 0
                for try await answer in group {
                    #expect(answer == [""])
                    finished += 1
                }
                #expect(finished == 8)
            }
            await session.close()
        }
    }
}
