import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests.SearchPathHijackTests {
    /// The queue's query on the planted database, made Chatwoot 4.x's for the queue (its columns, labels) and with the
    /// attacker's `conversations` view in chanstat's own schema widened to look like one: `report --now --by label`
    /// reads `public`'s tables with pg_catalog's operators, so the numbers are the real ones and the planted
    /// operator (which would catch an unqualified `taggable_type = 'Conversation'::text`) never runs.
    @Test func theQueueQueryReadsChatwootsTablesAndRunsNothingOfTheAttackers() throws {
        let (database, reader, attacker) = try Self.plantedDatabase()
        let waitingSince: Int64 = 1_793_613_600  // 2026-11-02 10:00:00 UTC
        try database.sql("""
            ALTER TABLE conversations ADD COLUMN team_id bigint, ADD COLUMN waiting_since timestamp,
                ADD COLUMN first_reply_created_at timestamp;
            ALTER TABLE users ADD COLUMN display_name varchar;
            UPDATE conversations SET waiting_since = '2026-11-02 10:00:00' WHERE created_at = '2026-11-02 10:00:00';
            CREATE TABLE tags (id serial PRIMARY KEY, name varchar);
            CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
                                   context varchar(128));
            INSERT INTO tags (id, name) VALUES (1, 'vip');
            INSERT INTO taggings (tag_id, taggable_type, taggable_id, context)
                SELECT 1, 'Conversation', id, 'labels' FROM conversations WHERE created_at = '2026-11-03 10:00:00';
            GRANT SELECT ON tags, taggings TO \(reader);
            """)
        try database.sql("""
            CREATE OR REPLACE VIEW \(reader).conversations AS
                SELECT g AS id, 1 AS account_id, 1 AS inbox_id, 0 AS status, timestamp '2026-11-05 08:00' AS created_at,
                       NULL::integer AS assignee_id, NULL::bigint AS team_id, timestamp '2026-11-05 08:00' AS waiting_since,
                       NULL::timestamp AS first_reply_created_at
                  FROM pg_catalog.generate_series(1, 999) AS g;
            """, user: attacker)
        // An unqualified client now reads the attacker's 999 conversations and calls the planted operator.
        #expect(try database.sql("SELECT count(*) FROM conversations WHERE waiting_since IS NOT NULL", user: reader) == "999")
        for _ in 0..<2 {
            let run = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1", "--now",
                                              "--by", "label", "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let at = try #require(QueueFixture.at(run.stdout), "\(run.stdout)")
            // The real two open conversations: one labelled vip, one without a label and waiting since 2026-11-02.
            let none = "\"open\":1,\"unattended\":1,\"unassigned\":1,\"pending\":0,\"snoozed\":0,\"waiting\":1,"
                + "\"oldest_wait\":\(at - waitingSince),\"wait\":{\"under_1h\":0,\"1h_to_4h\":0,\"4h_to_24h\":0,\"1d_to_7d\":0,\"over_7d\":1}"
            let vip = "\"open\":1,\"unattended\":1,\"unassigned\":1,\"pending\":0,\"snoozed\":0,\"waiting\":0,"
                + "\"oldest_wait\":null,\"wait\":{\"under_1h\":0,\"1h_to_4h\":0,\"4h_to_24h\":0,\"1d_to_7d\":0,\"over_7d\":0}"
            let total = "\"open\":2,\"unattended\":2,\"unassigned\":2,\"pending\":0,\"snoozed\":0,\"waiting\":1,"
                + "\"oldest_wait\":\(at - waitingSince),\"wait\":{\"under_1h\":0,\"1h_to_4h\":0,\"4h_to_24h\":0,\"1d_to_7d\":0,\"over_7d\":1}"
            #expect(run.stdout == "{\"at\":\(at),\"by\":\"label\",\"groups\":[{\"key\":null,\"name\":\"No label\",\(none)},"
                    + "{\"key\":\"vip\",\"name\":\"vip\",\(vip)}],\"total\":{\(total)}}\n")
            // By channel, the index's counts per inbox (the planted database has Chatwoot's index): the same total.
            let channel = try ChanstatBinary.run(["report", "--db", database.url(user: reader), "--account", "1", "--now",
                                                  "--format", "json"])
            #expect(channel.status == 0, "\(channel.stderr)")
            let channelAt = try #require(QueueFixture.at(channel.stdout), "\(channel.stdout)")
            #expect(channel.stdout.hasSuffix("\"total\":{" + total.replacingOccurrences(
                of: "\"oldest_wait\":\(at - waitingSince)", with: "\"oldest_wait\":\(channelAt - waitingSince)") + "}}\n"),
                    "\(channel.stdout)")
        }
        #expect(try Self.loot(database) == "")
    }
}
