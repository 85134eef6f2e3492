import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// `sample` into PostgreSQL and into a SQLite file, with one seed: the same rows in every table, the new
    /// tables and columns with Chatwoot 4.x's types and stock indexes, and the promised data as PostgreSQL
    /// answers it (on a server whose TimeZone is not UTC).
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt && Shell.exists("sqlite3"),
                    "needs PostgreSQL, the sqlite3 shell and a built chanstat"),
           .timeLimit(.minutes(5)))
    struct SampleRowsTests {
        static let arguments = ["--conversations", "6000", "--accounts", "3", "--days", "90", "--end", "2026-11-20",
                                "--seed", "5"]

        /// Per table, the query for PostgreSQL and the one for a file of Unix seconds: each prints the same text
        /// for the same rows (psql -At and the sqlite3 shell both write `a|b|c`, NULL as nothing).
        static let tables: [(postgres: String, sqlite: String)] = [
            ("SELECT id, name FROM accounts ORDER BY id", "SELECT id, name FROM accounts ORDER BY id"),
            ("SELECT id, account_id, name, channel_type FROM inboxes ORDER BY id",
             "SELECT id, account_id, name, channel_type FROM inboxes ORDER BY id"),
            ("""
             SELECT id, account_id, inbox_id, status, EXTRACT(EPOCH FROM created_at)::bigint, display_id, assignee_id,
                    team_id, EXTRACT(EPOCH FROM waiting_since)::bigint, EXTRACT(EPOCH FROM first_reply_created_at)::bigint
               FROM conversations ORDER BY id
             """,
             """
             SELECT id, account_id, inbox_id, status, created_at, display_id, assignee_id, team_id, waiting_since,
                    first_reply_created_at
               FROM conversations ORDER BY id
             """),
            // NULL and empty text told apart: both are display names a user can have.
            ("SELECT id, name, email, COALESCE(display_name, '(null)') FROM users ORDER BY id",
             "SELECT id, name, email, COALESCE(display_name, '(null)') FROM users ORDER BY id"),
            ("SELECT id, account_id, user_id, role FROM account_users ORDER BY id",
             "SELECT id, account_id, user_id, role FROM account_users ORDER BY id"),
            ("SELECT id, owner_type, owner_id, token FROM access_tokens ORDER BY id",
             "SELECT id, owner_type, owner_id, token FROM access_tokens ORDER BY id"),
            ("SELECT id, account_id, name FROM teams ORDER BY id", "SELECT id, account_id, name FROM teams ORDER BY id"),
            ("SELECT id, name FROM tags ORDER BY id", "SELECT id, name FROM tags ORDER BY id"),
            ("SELECT id, tag_id, taggable_type, taggable_id, context FROM taggings ORDER BY id",
             "SELECT id, tag_id, taggable_type, taggable_id, context FROM taggings ORDER BY id"),
        ]

        @Test func sameSeedSameRowsInBothDatabases() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            let scratch = try Scratch()
            let file = scratch.path("same.sqlite")
            let intoPostgres = try ChanstatBinary.run(["sample", "--out", database.url()] + Self.arguments)
            #expect(intoPostgres.status == 0, "\(intoPostgres.stderr)")
            #expect(try ChanstatBinary.run(["sample", "--out", file] + Self.arguments).status == 0)
            for (postgres, sqlite) in Self.tables {
                let fromPostgres = try database.sql(postgres)
                let shell = try Shell.run("sqlite3", ["-readonly", file, sqlite])
                #expect(shell.status == 0, "\(shell.stderr)")
                let fromFile = shell.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(!fromPostgres.isEmpty, "\(postgres)")
                #expect(fromPostgres == fromFile, "\(postgres)")
            }
        }

        /// The new columns and tables as Chatwoot 4.x's db/schema.rb declares them, with its stock indexes.
        @Test func chatwootsTypesAndIndexes() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            #expect(try ChanstatBinary.run(["sample", "--out", database.url()] + Self.arguments).status == 0)
            let columns = try database.sql("""
                SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                 WHERE c.relname IN ('conversations', 'users', 'teams', 'tags', 'taggings') AND a.attnum > 0
                   AND a.attname IN ('display_id', 'assignee_id', 'team_id', 'waiting_since', 'first_reply_created_at',
                                     'display_name', 'account_id', 'name', 'tag_id', 'taggable_type', 'taggable_id',
                                     'context', 'id')
                 ORDER BY 1
                """)
            #expect(columns.split(separator: "\n") == [
                "conversations.account_id integer not null", "conversations.assignee_id integer",
                "conversations.display_id integer not null", "conversations.first_reply_created_at timestamp without time zone",
                "conversations.id integer not null", "conversations.team_id bigint",
                "conversations.waiting_since timestamp(6) without time zone",
                "taggings.context character varying(128)", "taggings.id integer not null", "taggings.tag_id integer",
                "taggings.taggable_id integer", "taggings.taggable_type character varying",
                "tags.id integer not null", "tags.name character varying",
                "teams.account_id bigint not null", "teams.id bigint not null", "teams.name character varying not null",
                "users.display_name character varying", "users.id integer not null", "users.name character varying not null",
            ])
            let indexes = try database.sql("""
                SELECT indexname FROM pg_indexes WHERE tablename IN ('teams', 'tags', 'taggings') ORDER BY 1
                """)
            #expect(indexes.split(separator: "\n") == [
                "index_taggings_on_context", "index_taggings_on_tag_id", "index_taggings_on_taggable_id",
                "index_taggings_on_taggable_id_and_taggable_type_and_context", "index_taggings_on_taggable_type",
                "index_taggings_on_tagger_id", "index_taggings_on_tagger_id_and_tagger_type", "index_tags_on_name",
                "index_teams_on_account_id", "index_teams_on_name_and_account_id", "taggings_idx", "taggings_idy",
                "taggings_pkey", "tags_pkey", "teams_pkey",
            ])
        }

        /// What SPEC 10 and 11 promise, asked of PostgreSQL: a deleted team and a deleted user still held, open
        /// customers waiting from under an hour to over a week before the end (the end of 2026-11-20 in the
        /// zone `sample` ran in: UTC here), and display ids that count each account's conversations.
        @Test func thePromisedDataInPostgres() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            #expect(try ChanstatBinary.run(["sample", "--out", database.url()] + Self.arguments, environment: ["TZ": "UTC"])
                .status == 0)
            #expect(try database.sql("""
                SELECT string_agg(account_id::text, ',' ORDER BY account_id) FROM (
                    SELECT account_id FROM conversations c
                     WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = c.team_id) AND team_id IS NOT NULL
                     GROUP BY account_id HAVING COUNT(DISTINCT team_id) = 1) AS deleted
                """) == "1,2,3")
            #expect(try database.sql("""
                SELECT COUNT(DISTINCT assignee_id) FROM conversations c
                 WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.assignee_id)
                """) == "3")
            #expect(try database.sql("""
                SELECT bool_and(n = d AND n = m) FROM (
                    SELECT COUNT(*) AS n, COUNT(DISTINCT display_id) AS d, MAX(display_id) AS m FROM conversations
                     GROUP BY account_id) AS per_account
                """) == "t")
            let waits = try database.sql("""
                SELECT string_agg(bucket || ':' || (n > 0)::text, ',' ORDER BY bucket) FROM (
                    SELECT width_bucket(EXTRACT(EPOCH FROM TIMESTAMP '2026-11-21 00:00:00' - waiting_since),
                                        ARRAY[0, 3600, 14400, 86400, 604800]) AS bucket, COUNT(*) AS n
                      FROM conversations WHERE status = 0 AND waiting_since IS NOT NULL GROUP BY 1) AS ages
                """)
            #expect(waits == "1:true,2:true,3:true,4:true,5:true")
        }
    }
}
