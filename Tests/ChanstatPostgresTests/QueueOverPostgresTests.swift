import ChanstatCore
@testable import ChanstatPostgres
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
            try Self.expectEveryBreakdown(database, t0: t0)
        }

        /// By channel and inbox the index's counts are made per inbox, the account's inbox ids found through
        /// Chatwoot's `conv_acid_inbid_stat_asgnid_idx`; without that index the rows are grouped instead. The
        /// same hand-counted answers either way.
        @Test func everyBreakdownWithoutTheAccountInboxIndex() throws {
            let (database, t0) = try Self.database()
            try database.sql("DROP INDEX conv_acid_inbid_stat_asgnid_idx")
            try Self.expectEveryBreakdown(database, t0: t0)
        }

        /// `PostgresSchema.hasAccountInboxIndex` is true only for a valid, whole-table btree index whose first keys
        /// are `account_id, inbox_id`: a descent of any other would not find the next inbox id of the account.
        @Test func theAccountInboxIndexIsKnownByItsFirstKeys() async throws {
            let (database, _) = try Self.database()
            let cases: [(String, Bool)] = [
                ("SELECT 1", true),
                ("DROP INDEX conv_acid_inbid_stat_asgnid_idx", false),
                ("CREATE INDEX inbox_then_account ON conversations (inbox_id, account_id)", false),
                ("CREATE INDEX open_only ON conversations (account_id, inbox_id) WHERE status = 0", false),
                ("CREATE INDEX by_hash ON conversations USING hash (account_id)", false),
                ("CREATE INDEX account_inbox ON conversations (account_id, inbox_id)", true),
            ]
            for (change, expected) in cases {
                try database.sql(change)
                let (target, _) = try PostgresAddress.resolve(
                    database.url(), environment: .init(variables: [:], userName: "postgres", homeDirectory: nil))
                let session = PostgresSession(target: target)
                let schema = try await session.run { connection, logger in
                    try await PostgresSchema.inspect(connection, logger: logger, database: database.name, required: [])
                }
                await session.close()
                #expect(schema.hasAccountInboxIndex == expected, "after \(change)")
            }
        }

        /// `report --now --by` each breakdown prints `QueueFixture`'s answer, read at an instant after `t0`.
        static func expectEveryBreakdown(_ database: ChatwootDatabase, t0: Int64) throws {
            for breakdown in ["channel", "inbox", "team", "agent", "label"] {
                let run = try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1", "--now", "--by",
                                                  breakdown, "--format", "json"])
                #expect(run.status == 0, "\(breakdown): \(run.stderr)")
                let at = try #require(QueueFixture.at(run.stdout), "\(run.stdout)")
                #expect(at >= t0 && at < t0 + 600)
                #expect(run.stdout == QueueFixture.json(breakdown, at: at, t0: t0), "\(breakdown)")
            }
        }

        /// The queue counts each inbox's rows before it looks the inbox up, so one group and class can come as a row
        /// per inbox: a second website inbox with a twin of conversation 1 (open, unassigned, Billing, never answered,
        /// waiting 30 minutes) adds one to the website channel, the unassigned, Billing and the total, each once.
        @Test func aGroupsInboxesAreAddedUp() throws {
            let (database, t0) = try Self.database()
            try database.sql("""
                INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (4, 1, 'Site two', 'Channel::WebWidget');
                INSERT INTO conversations (id, account_id, inbox_id, status, created_at, display_id, assignee_id, team_id,
                                           waiting_since, first_reply_created_at)
                    VALUES (14, 1, 4, 0, '\(RailsTime.text(t0 - 86_400))', 14, NULL, 1, '\(RailsTime.text(t0 - 1_800))', NULL);
                """)
            let hour: Int64 = 3_600, day: Int64 = 86_400
            let expectations: [(String, String, String, (Int64) -> String)] = [
                ("channel", "\"Channel::WebWidget\"", "Website",
                 { QueueFixture.counts(5, 4, 2, 0, 1, 4, $0 + 2 * day, QueueFixture.wait(2, 1, 0, 1, 0)) }),
                ("agent", "null", "Unassigned",
                 { QueueFixture.counts(3, 3, 3, 0, 1, 2, $0 + 1_800, QueueFixture.wait(2, 0, 0, 0, 0)) }),
                ("team", "1", "Billing",
                 { QueueFixture.counts(3, 3, 2, 1, 0, 3, $0 + 2 * hour, QueueFixture.wait(2, 1, 0, 0, 0)) }),
                ("inbox", "4", "Site two",
                 { QueueFixture.counts(1, 1, 1, 0, 0, 1, $0 + 1_800, QueueFixture.wait(1, 0, 0, 0, 0)) }),
            ]
            for (breakdown, key, name, counts) in expectations {
                let run = try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1", "--now", "--by",
                                                  breakdown, "--format", "json"])
                #expect(run.status == 0, "\(breakdown): \(run.stderr)")
                let stdout = run.stdout
                let at = try #require(QueueFixture.at(stdout), "\(stdout)")
                let prefix = "{\"key\":\(key),\"name\":\"\(name)\","
                    + (breakdown == "inbox" ? "\"channel_type\":\"Channel::WebWidget\"," : "")
                #expect(stdout.contains(prefix + counts(at - t0) + "}"), "\(breakdown): \(stdout)")
                #expect(stdout.contains("\"total\":{" + QueueFixture.counts(8, 7, 3, 1, 1, 6, at - t0 + 10 * day,
                                                                           QueueFixture.wait(2, 1, 1, 1, 1)) + "}"),
                        "\(breakdown): \(stdout)")
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
