import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import PostgresNIO
import Testing

extension PostgresServerTests {
    /// chanstat is a guest on a production database: read-only sessions with a statement timeout and its name,
    /// nothing written or created, a SELECT-only role is enough, no idle connection held, and a hot standby works.
    @Suite(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL (scripts/setup installs postgresql)"),
           .timeLimit(.minutes(4)))
    struct GuestOnProductionTests {
        static let sixTables = "accounts, inboxes, conversations, users, account_users, access_tokens"

        func session(_ url: String, idleClose: Duration? = nil, variables: [String: String] = [:]) throws -> PostgresSession {
            let (target, _) = try PostgresAddress.resolve(url, environment: .init(variables: variables, userName: "postgres",
                                                                                  homeDirectory: nil))
            return PostgresSession(target: target, statementTimeout: .seconds(7), idleClose: idleClose)
        }

        func setting(_ session: PostgresSession, _ sql: String) async throws -> String {
            try await session.run { connection, logger in
                for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
                    return value
                }
                return ""
            }
        }

        @Test func sessionsAreReadOnlyNamedAndTimeLimited() async throws {
            let database = try await OffThePool.run { try ChatwootDatabase.make() }
            let session = try session(database.url())
            #expect(try await setting(session, "SHOW default_transaction_read_only") == "on")
            #expect(try await setting(session, "SHOW statement_timeout") == "7s")
            #expect(try await setting(session, "SELECT current_setting('application_name')") == "chanstat")
            // A write is refused by the server itself, as one sentence.
            await #expect(throws: SourceError.self) {
                _ = try await setting(session, "INSERT INTO accounts (name) VALUES ('x') RETURNING name")
            }
            #expect(try await OffThePool.run { try database.sql("SELECT count(*) FROM accounts") } == "0")
            await session.close()
        }

        /// A role with SELECT on the six tables and nothing else runs `report` and `serve`; afterwards nothing in
        /// the database has changed: no row written, no relation (index, table, temp table) created.
        @Test func aSelectOnlyRoleIsEnoughAndNothingIsWritten() async throws {
            let database = try await OffThePool.run { try ChatwootDatabase.make(withTables: false) }
            #expect(try await OffThePool.run {
                try ChanstatBinary.run(["sample", "--out", database.url(), "--conversations", "3000", "--end", "2026-11-20"])
            }.status == 0)
            let role = "guest_" + UUID().uuidString.prefix(6).lowercased()
            @Sendable func snapshot() throws -> String {
                try database.sql("SELECT pg_stat_force_next_flush()")
                return try database.sql("SELECT (SELECT count(*) FROM pg_class), (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) "
                                 + "FROM pg_stat_user_tables), (SELECT sum(pg_relation_size(oid)) FROM pg_class WHERE relkind IN ('r', 'i'))")
            }
            let before = try await OffThePool.run {
                try database.cluster.createRole(role, password: nil)
                try database.sql("GRANT SELECT ON \(Self.sixTables) TO \(role)")
                return try snapshot()
            }
            let report = try await OffThePool.run {
                try ChanstatBinary.run(["report", "--db", database.url(user: role), "--account", "1", "--format", "csv",
                                        "--since", "2026-06-01", "--until", "2026-11-20"])
            }
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.hasPrefix("channel_type,label,open,resolved,pending,snoozed,total\n"))
            let health = try await OffThePool.run {
                let serve = try ServeProcess(database: database.url(user: role))
                defer { serve.stop() }
                return try Shell.run("curl", ["-s", serve.url + "/health"])
            }
            #expect(health.stdout.contains("\"status\":\"ok\""))
            #expect(try await OffThePool.run { try snapshot() } == before)
        }

        /// A dashboard refreshing every few minutes does not hold a connection in between.
        @Test func anUnusedConnectionIsClosed() async throws {
            let database = try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
                return database
            }
            let name = "idle-" + UUID().uuidString.prefix(6).lowercased()
            let (target, _) = try PostgresAddress.resolve(database.url(parameters: "&application_name=\(name)"),
                                                          environment: .init(variables: [:], userName: "postgres", homeDirectory: nil))
            let source = try await PostgresReportSource.open(
                session: PostgresSession(target: target, idleClose: .milliseconds(300)), accountID: 1)
            _ = try await source.summary(for: DateRange(since: 0, until: 86_400))
            func connections() async throws -> String {
                try await OffThePool.run {
                    try database.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(name)'")
                }
            }
            var seen: [String] = []
            for _ in 0..<100 {
                seen.append(try await connections())
                if seen.last == "0" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(seen.first == "1")
            #expect(seen.last == "0")
            // And the next report connects again.
            #expect(try await source.summary(for: DateRange(since: 0, until: 86_400)).isEmpty)
            await source.close()
        }

        /// On a streaming standby (pg_basebackup -R): the same report as the primary, `serve` over it, and a
        /// query cancelled by a replication conflict is one sentence.
        @Test func hotStandby() async throws {
            var options = PostgresCluster.Options()
            // Cancel conflicting standby queries at once, so the conflict below happens without waiting.
            options.extraSettings = ["max_standby_streaming_delay": "0", "hot_standby_feedback": "off"]
            let primary = try await OffThePool.run { [options] in try PostgresCluster.start(options) }
            defer { primary.destroy() }
            let database = try await OffThePool.run { try ChatwootDatabase.make(on: primary, withTables: false) }
            #expect(try await OffThePool.run {
                try ChanstatBinary.run(["sample", "--out", database.url(), "--conversations", "5000", "--end", "2026-11-20"])
            }.status == 0)
            let standby = try await OffThePool.run { try primary.startStandby() }
            defer { standby.destroy() }
            try await OffThePool.run { try primary.waitForReplay(on: standby) }
            #expect(try await OffThePool.run { try standby.psql("SELECT pg_is_in_recovery()") } == "t")
            let onStandby = ChatwootDatabase(cluster: standby, name: database.name)
            let arguments = ["--account", "1", "--format", "json", "--since", "2026-06-01", "--until", "2026-11-20"]
            let (fromPrimary, fromStandby) = try await OffThePool.run {
                (try ChanstatBinary.run(["report", "--db", database.url()] + arguments),
                 try ChanstatBinary.run(["report", "--db", onStandby.url()] + arguments))
            }
            #expect(fromStandby.status == 0, "\(fromStandby.stderr)")
            #expect(fromStandby.stdout == fromPrimary.stdout)
            #expect(fromStandby.stdout.count > 50)
            let health = try await OffThePool.run {
                let serve = try ServeProcess(database: onStandby.url())
                defer { serve.stop() }
                return try Shell.run("curl", ["-s", serve.url + "/health"])
            }
            #expect(health.stdout.contains("\"status\":\"ok\""))

            // A standby query that holds a table the primary then locks exclusively is cancelled (40001).
            let session = try session(onStandby.url())
            let reading = Task {
                try await session.run { connection, logger in
                    // Rows are streamed: the query's outcome is known once they have all been read.
                    for try await _ in try await connection.query("SELECT pg_catalog.count(*) FROM public.conversations, pg_catalog.pg_sleep(5)",
                                                                logger: logger) {}
                }
            }
            for _ in 0..<100 {
                let active = try await OffThePool.run {
                    try standby.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'chanstat' "
                                     + "AND state = 'active'")
                }
                if active == "1" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            _ = try await OffThePool.run { try database.sql("ALTER TABLE conversations ADD COLUMN conflict integer") }
            await #expect {
                try await reading.value
            } throws: { error in
                (error as? SourceError)?.message.hasPrefix("the read replica cancelled the report because of a replication conflict") == true
            }
            await session.close()
        }
    }
}
