@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

@Suite struct SampleWriterTests {
    /// Ends at 2026-03-01T00:00Z (a UTC midnight, so every generated second is before the end).
    static func options(seed: UInt64 = 7, timestamps: TimestampForm = .unixSeconds,
                        conversations: Int = 4_000) -> SampleOptions {
        SampleOptions(conversations: conversations, accounts: 3, days: 90, endInstant: 1_772_323_200, seed: seed,
                      timestampForm: timestamps)
    }

    /// Every row of every table, as text: equal dumps mean the same file contents.
    func dump(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var lines: [String] = []
            for table in ["accounts", "inboxes", "conversations", "users", "account_users", "access_tokens", "teams",
                          "tags", "taggings"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id") {
                    lines.append(table + ": " + row.description)
                }
            }
            return lines
        }
    }

    /// The report by the straightforward query (conversations joined to inboxes, filtered, grouped), written
    /// here independently of ReportQuery: the oracle the source must agree with.
    func plainReport(_ path: String, account: Int64, since: DatabaseValue, until: DatabaseValue) throws -> ChannelSummary {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var summary = ChannelSummary()
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.channel_type, c.status, COUNT(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
                 WHERE c.account_id = ? AND c.created_at >= ? AND c.created_at < ?
                 GROUP BY i.channel_type, c.status
                """, arguments: [account, since, until])
            for row in rows { summary.add(channelType: row[0], statusCode: row[1], count: row[2]) }
            return summary
        }
    }

    @Test func sameSeedSameFileContentsSameReport() async throws {
        let scratch = try Scratch()
        let first = try SampleWriter.write(Self.options(), to: scratch.path("a.sqlite"), replace: false)
        let second = try SampleWriter.write(Self.options(), to: scratch.path("b.sqlite"), replace: false)
        #expect(first == second)
        #expect(try dump(scratch.path("a.sqlite")) == dump(scratch.path("b.sqlite")))
        let range = try DateRange(since: 1_772_323_200 - 30 * 86_400, until: 1_772_323_200)
        let a = try await SQLiteReportSource(path: scratch.path("a.sqlite"), accountID: 1).summary(for: range)
        let b = try await SQLiteReportSource(path: scratch.path("b.sqlite"), accountID: 1).summary(for: range)
        #expect(a == b)
        #expect(!a.isEmpty)
        _ = try SampleWriter.write(Self.options(seed: 8), to: scratch.path("c.sqlite"), replace: false)
        #expect(try dump(scratch.path("a.sqlite")) != dump(scratch.path("c.sqlite")))
        #expect(try scratch.listing() == ["a.sqlite", "b.sqlite", "c.sqlite"])   // no partial files left behind
    }

    @Test func refusesToOverwriteWithoutReplace() throws {
        let scratch = try Scratch()
        let path = scratch.path("taken.sqlite")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SourceError(.refused, "\(path) already exists; use --force to replace it")) {
            try SampleWriter.write(Self.options(), to: path, replace: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("precious".utf8))
        _ = try SampleWriter.write(Self.options(), to: path, replace: true)
        #expect(try dump(path).count > 4_000)
        #expect(try scratch.listing() == ["taken.sqlite"])
    }

    @Test func schemaAndIndexArePresent() throws {
        let scratch = try Scratch()
        _ = try SampleWriter.write(Self.options(conversations: 100), to: scratch.path("s.sqlite"), replace: false)
        let queue = try DatabaseQueue(path: scratch.path("s.sqlite"))
        defer { try? queue.close() }
        try queue.read { (db: Database) throws -> Void in
            let expected: [String: [String]] = [
                "accounts": ["id", "name"],
                "inboxes": ["id", "account_id", "name", "channel_type"],
                "conversations": ["id", "account_id", "inbox_id", "status", "created_at", "display_id", "assignee_id",
                                  "team_id", "waiting_since", "first_reply_created_at"],
                "users": ["id", "name", "email", "display_name"],
                "account_users": ["id", "account_id", "user_id", "role"],
                "access_tokens": ["id", "owner_type", "owner_id", "token"],
                "teams": ["id", "account_id", "name"],
                "tags": ["id", "name"],
                "taggings": ["id", "tag_id", "taggable_type", "taggable_id", "context"],
            ]
            for (table, columns) in expected {
                #expect(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]) == columns)
            }
            #expect(try String.fetchAll(db, sql: """
                SELECT name FROM pragma_index_info('index_conversations_on_account_inbox_status_created') ORDER BY seqno
                """) == ["account_id", "inbox_id", "status", "created_at"])
            #expect(try String.fetchAll(db, sql: """
                SELECT name FROM pragma_index_info('index_taggings_on_taggable_id_and_taggable_type_and_context')
                 ORDER BY seqno
                """) == ["taggable_id", "taggable_type", "context"])
        }
    }

    @Test func theWholeShape() throws {
        let scratch = try Scratch()
        let credentials = try SampleWriter.write(Self.options(), to: scratch.path("s.sqlite"), replace: false)
        let queue = try DatabaseQueue(path: scratch.path("s.sqlite"))
        defer { try? queue.close() }
        try queue.read { (db: Database) throws -> Void in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversations") == 4_000)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") == 3)
            // Within the 90 days before the end.
            #expect(try Int64.fetchOne(db, sql: "SELECT MAX(created_at) FROM conversations")! < 1_772_323_200)
            #expect(try Int64.fetchOne(db, sql: "SELECT MIN(created_at) FROM conversations")! >= 1_772_323_200 - 90 * 86_400)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversations WHERE status NOT IN (0, 1, 2, 3)") == 0)
            // Each conversation's inbox belongs to its account.
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id WHERE i.account_id != c.account_id
                """) == 0)
            // Many channel types.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT channel_type) FROM inboxes")! >= 10)
            // One administrator (1) and one agent (0) per account hold the tokens; the account's other agents
            // have none.
            #expect(try Int.fetchAll(db, sql: """
                SELECT a.role FROM account_users a JOIN access_tokens t ON t.owner_type = 'User' AND t.owner_id = a.user_id
                 WHERE a.account_id = 2 ORDER BY a.role
                """) == [0, 1])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_users WHERE account_id = 2 AND role = 1") == 1)
        }
        #expect(credentials.filter { $0.role == "administrator" }.map(\.accountID) == [1, 2, 3])
        #expect(credentials.filter { $0.role == "agent" }.map(\.accountID) == [1, 2, 3])
    }

    @Test func statusMixDependsOnAge() throws {
        let scratch = try Scratch()
        _ = try SampleWriter.write(Self.options(conversations: 20_000), to: scratch.path("s.sqlite"), replace: false)
        let queue = try DatabaseQueue(path: scratch.path("s.sqlite"))
        defer { try? queue.close() }
        func resolvedShare(_ db: Database, from: Int64, to: Int64) throws -> Double {
            let row = try Row.fetchOne(db, sql: """
                SELECT SUM(status = 1), COUNT(*) FROM conversations WHERE created_at >= ? AND created_at < ?
                """, arguments: [from, to])!
            let total: Int = row[1]
            #expect(total > 100)
            return Double(row[0] as Int) / Double(total)
        }
        let end: Int64 = 1_772_323_200
        try queue.read { (db: Database) throws -> Void in
            let lastTwoDays = try resolvedShare(db, from: end - 2 * 86_400, to: end)
            let olderThanAMonth = try resolvedShare(db, from: end - 90 * 86_400, to: end - 30 * 86_400)
            #expect(lastTwoDays < 0.6)
            #expect(olderThanAMonth > 0.9)
            // Recent conversations include every unresolved status.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT status) FROM conversations WHERE created_at >= ?",
                                     arguments: [end - 2 * 86_400]) == 4)
        }
    }

    @Test func textTimestampsAreRailsStyleAndReportTheSame() async throws {
        let scratch = try Scratch()
        _ = try SampleWriter.write(Self.options(), to: scratch.path("unix.sqlite"), replace: false)
        _ = try SampleWriter.write(Self.options(timestamps: .utcText), to: scratch.path("text.sqlite"), replace: false)
        let queue = try DatabaseQueue(path: scratch.path("text.sqlite"))
        let (types, texts) = try await queue.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT typeof(created_at) FROM conversations"),
             try String.fetchAll(db, sql: "SELECT created_at FROM conversations ORDER BY id LIMIT 50"))
        }
        try queue.close()
        #expect(types == ["text"])
        let unixValues = try await DatabaseQueue(path: scratch.path("unix.sqlite")).read { db in
            try Int64.fetchAll(db, sql: "SELECT created_at FROM conversations ORDER BY id LIMIT 50")
        }
        #expect(texts == unixValues.map(ChatwootFixture.railsText))
        #expect(TimestampForm.utcText(1_767_225_599) == "2025-12-31 23:59:59")
        #expect(TimestampForm.utcText(0) == "1970-01-01 00:00:00")
        #expect(TimestampForm.utcText(-1) == "1969-12-31 23:59:59")
        for (account, days) in [(1, 7), (2, 30), (3, 90)] as [(Int64, Int64)] {
            let range = try DateRange(since: 1_772_323_200 - days * 86_400 + 12_345, until: 1_772_323_200 - 3_600)
            let fromUnix = try await SQLiteReportSource(path: scratch.path("unix.sqlite"), accountID: account).summary(for: range)
            let fromText = try await SQLiteReportSource(path: scratch.path("text.sqlite"), accountID: account).summary(for: range)
            #expect(fromUnix == fromText)
            #expect(!fromUnix.isEmpty)
        }
    }

    @Test(arguments: [true, false])
    func theSourceAgreesWithThePlainQuery(withIndex: Bool) async throws {
        let scratch = try Scratch()
        let path = scratch.path("s.sqlite")
        _ = try SampleWriter.write(Self.options(), to: path, replace: false)
        if !withIndex {
            try await DatabaseQueue(path: path).write { db in
                try db.execute(sql: "DROP INDEX index_conversations_on_account_inbox_status_created")
            }
        }
        for account in [1, 2, 3] as [Int64] {
            let source = try SQLiteReportSource(path: path, accountID: account)
            #expect(source.layout.hasRecommendedIndex == withIndex)
            for (since, until) in [(1_772_323_200 - 7 * 86_400, 1_772_323_200), (1_772_323_200 - 61 * 86_400 + 1, 1_772_323_200 - 20 * 86_400 - 1),
                                   (0, 15_778_476)] as [(Int64, Int64)] {
                let expected = try plainReport(path, account: account, since: since.databaseValue, until: until.databaseValue)
                #expect(try await source.summary(for: DateRange(since: since, until: until)) == expected)
            }
        }
    }
}
