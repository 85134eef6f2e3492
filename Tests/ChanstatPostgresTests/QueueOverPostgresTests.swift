import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// `report --now` through the real binary on Chatwoot's tables in PostgreSQL, on a server whose TimeZone is
    /// Asia/Kolkata (UTC+05:30): `waiting_since` holds UTC wall-clock time, so a wait read through the zone would be
    /// 5.5 hours off and land in other buckets. Against the hand-counted `QueueFixture`; and serve's live reports
    /// from the same database.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(4)))
    struct QueueOverPostgresTests {
        static let kolkata: Result<PostgresCluster, any Error> = Result {
            var options = PostgresCluster.Options()
            options.timeZone = "Asia/Kolkata"
            let cluster = try PostgresCluster.start(options)
            kolkataCluster = cluster
            atexit { QueueOverPostgresTests.kolkataCluster?.destroy() }
            return cluster
        }
        nonisolated(unsafe) static var kolkataCluster: PostgresCluster?

        /// The fixture's rows placed around the clock now, in a new database on the Kolkata server.
        static func database() throws -> (ChatwootDatabase, t0: Int64) {
            let database = try ChatwootDatabase.make(on: kolkata.get(), withTables: false)
            let t0 = Int64(Date().timeIntervalSince1970)
            try database.sql(QueueFixture.postgresDDL + QueueFixture.inserts(at: t0, form: .text))
            return (database, t0)
        }

        @Test func everyBreakdownOnAServerFarFromUTC() throws {
            let (database, t0) = try Self.database()
            #expect(try database.sql("SHOW TimeZone") == "Asia/Kolkata")
            for breakdown in ["channel", "inbox", "team", "agent", "label"] {
                let run = try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1", "--now", "--by",
                                                  breakdown, "--format", "json"])
                #expect(run.status == 0, "\(breakdown): \(run.stderr)")
                let at = try #require(QueueFixture.at(run.stdout), "\(run.stdout)")
                #expect(at >= t0 && at < t0 + 600)
                #expect(run.stdout == QueueFixture.json(breakdown, at: at, t0: t0), "\(breakdown)")
            }
        }

        @Test func servesLiveReportsFromPostgres() throws {
            let (database, _) = try Self.database()
            let serve = try ServeProcess(database: database.url())
            defer { serve.stop() }
            for (endpoint, body) in QueueFixture.liveReports {
                let answer = try Shell.run("curl", ["-s", "-w", "\n%{http_code}", "-H",
                                                    "Api-Access-Token: \(QueueFixture.administratorToken)", serve.url + endpoint])
                #expect(answer.stdout == body + "\n200", "\(endpoint)")
                let agent = try Shell.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                                                   "Api-Access-Token: \(QueueFixture.agentToken)", serve.url + endpoint])
                #expect(agent.stdout == "403", "\(endpoint)")
            }
        }

        /// A role without SELECT on `teams`: the queue by team says so in one sentence; by channel it still works.
        @Test func aRoleWithoutTheTeamsTableIsToldWhich() throws {
            let (database, _) = try Self.database()
            let role = "queue_reader_\(UUID().uuidString.prefix(6).lowercased())"
            try database.cluster.createRole(role, password: nil)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations, users, account_users, access_tokens TO \(role)")
            let byTeam = try ChanstatBinary.run(["report", "--db", database.url(user: role), "--account", "1", "--now",
                                                 "--by", "team"])
            #expect(byTeam.status == 1)
            #expect(byTeam.stderr == "chanstat: this database user may not read table teams, which the queue (--now) needs; "
                    + "GRANT SELECT ON teams to it (docs/postgres.md says which tables each view reads)\n")
            let byChannel = try ChanstatBinary.run(["report", "--db", database.url(user: role), "--account", "1", "--now"])
            #expect(byChannel.status == 0, "\(byChannel.stderr)")
        }
    }
}
