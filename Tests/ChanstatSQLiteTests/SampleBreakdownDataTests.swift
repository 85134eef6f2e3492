@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

/// What `sample` promises for the breakdowns, the queue and the lists (SPEC 2, 10, 11), asked of the written
/// file in SQL, as a user of the file would find it: teams, agents, labels and the queue's columns.
@Suite struct SampleBreakdownDataTests {
    /// 2026-03-01T00:00Z: the instant the sample's queue is seen from.
    static let end: Int64 = 1_772_323_200

    static func write(_ form: TimestampForm = .unixSeconds) throws -> (Scratch, DatabaseQueue) {
        let scratch = try Scratch()
        let options = SampleOptions(conversations: 20_000, accounts: 3, days: 120, endInstant: end, seed: 3,
                                    timestampForm: form)
        _ = try SampleWriter.write(options, to: scratch.path("s.sqlite"), replace: false)
        return (scratch, try DatabaseQueue(path: scratch.path("s.sqlite")))
    }

    func count(_ db: Database, _ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? -1 }

    @Test func teams() throws {
        let (_, queue) = try Self.write()
        try queue.read { db in
            // A few teams per account.
            for teams in try Int.fetchAll(db, sql: "SELECT COUNT(*) FROM teams GROUP BY account_id") {
                #expect((3...5).contains(teams))
            }
            // Some conversations have no team.
            let teamless = try count(db, "SELECT COUNT(*) FROM conversations WHERE team_id IS NULL")
            #expect(teamless > 2_000 && teamless < 6_000)
            // One deleted team per account, still held by conversations, all created before its deletion (two
            // weeks before the end); and every other team id is a team of the conversation's own account.
            let deleted = try Row.fetchAll(db, sql: """
                SELECT account_id, COUNT(DISTINCT team_id), MAX(created_at) FROM conversations
                 WHERE team_id IS NOT NULL AND team_id NOT IN (SELECT id FROM teams) GROUP BY account_id ORDER BY account_id
                """)
            #expect(deleted.map { $0[0] as Int64 } == [1, 2, 3])
            #expect(deleted.allSatisfy { ($0[1] as Int) == 1 && ($0[2] as Int64) < Self.end - 14 * 86_400 })
            #expect(try count(db, """
                SELECT COUNT(*) FROM conversations c JOIN teams t ON t.id = c.team_id WHERE t.account_id != c.account_id
                """) == 0)
        }
    }

    @Test func agents() throws {
        let (_, queue) = try Self.write()
        try queue.read { db in
            // Unassigned: many among the open ones, few among the resolved.
            let open = try Row.fetchOne(db, sql: "SELECT SUM(assignee_id IS NULL), COUNT(*) FROM conversations WHERE status = 0")!
            let resolved = try Row.fetchOne(db, sql: "SELECT SUM(assignee_id IS NULL), COUNT(*) FROM conversations WHERE status = 1")!
            #expect(Double(open[0] as Int) / Double(open[1] as Int) > 0.2)
            #expect(Double(resolved[0] as Int) / Double(resolved[1] as Int) < 0.1)
            // Every assignee is an agent of the conversation's account, or a user whose row is gone (one an account).
            #expect(try count(db, """
                SELECT COUNT(*) FROM conversations c JOIN account_users a ON a.user_id = c.assignee_id
                 WHERE a.account_id != c.account_id
                """) == 0)
            #expect(try Int64.fetchAll(db, sql: """
                SELECT account_id FROM conversations WHERE assignee_id NOT IN (SELECT id FROM users)
                 GROUP BY account_id HAVING COUNT(DISTINCT assignee_id) = 1 ORDER BY account_id
                """) == [1, 2, 3])
            // Unequal loads: the busiest agent of an account has several times the conversations of the quietest.
            for account in 1...3 {
                let loads = try Int.fetchAll(db, sql: """
                    SELECT COUNT(*) FROM conversations c JOIN users u ON u.id = c.assignee_id
                     WHERE c.account_id = ? GROUP BY u.id ORDER BY 1
                    """, arguments: [account])
                #expect(loads.count >= 4)
                #expect(loads.last! > 3 * loads.first!)
            }
            // Display names: set on some assignees, empty text on some, NULL on others.
            let names = try Row.fetchOne(db, sql: """
                SELECT SUM(display_name <> ''), SUM(display_name = ''), SUM(display_name IS NULL) FROM users
                 WHERE id IN (SELECT assignee_id FROM conversations)
                """)!
            #expect([names[0], names[1], names[2]].allSatisfy { ($0 as Int) > 0 })
        }
    }

    @Test func labels() throws {
        let (_, queue) = try Self.write()
        try queue.read { db in
            // 0 to 3 labels per conversation, each number present, never the same label twice.
            let perConversation = try Row.fetchAll(db, sql: """
                SELECT labels, COUNT(*) FROM (
                    SELECT c.id, (SELECT COUNT(*) FROM taggings t WHERE t.taggable_id = c.id
                                     AND t.taggable_type = 'Conversation' AND t.context = 'labels') AS labels
                      FROM conversations c)
                 GROUP BY labels ORDER BY labels
                """)
            #expect(perConversation.map { $0[0] as Int } == [0, 1, 2, 3])
            #expect(perConversation.allSatisfy { ($0[1] as Int) > 500 })
            #expect(try count(db, """
                SELECT COUNT(*) FROM (SELECT 1 FROM taggings GROUP BY tag_id, taggable_type, taggable_id, context
                                       HAVING COUNT(*) > 1)
                """) == 0)
            // A few labels per account.
            for labels in try Int.fetchAll(db, sql: """
                SELECT COUNT(DISTINCT t.tag_id) FROM taggings t JOIN conversations c ON c.id = t.taggable_id
                 WHERE t.taggable_type = 'Conversation' AND t.context = 'labels' GROUP BY c.account_id
                """) {
                #expect((3...12).contains(labels))
            }
            // Taggings of other types and contexts exist, on ids of conversations, with tags no conversation
            // label has: a query that forgets the type or the context shows them.
            let others = try Row.fetchAll(db, sql: """
                SELECT t.taggable_type, t.context, g.name, COUNT(*) FROM taggings t JOIN tags g ON g.id = t.tag_id
                 WHERE t.taggable_id IN (SELECT id FROM conversations)
                   AND NOT (t.taggable_type = 'Conversation' AND t.context = 'labels')
                 GROUP BY 1, 2, 3 ORDER BY 1
                """)
            #expect(others.map { [$0[0] as String, $0[1] as String, $0[2] as String] }
                    == [["Contact", "labels", "lead"], ["Conversation", "tags", "newsletter"]])
            #expect(others.allSatisfy { ($0[3] as Int) > 20 })
            #expect(try count(db, """
                SELECT COUNT(*) FROM taggings t JOIN tags g ON g.id = t.tag_id
                 WHERE t.taggable_type = 'Conversation' AND t.context = 'labels' AND g.name IN ('lead', 'newsletter')
                """) == 0)
        }
    }

    @Test func displayIDsCountPerAccountInCreationOrder() throws {
        let (_, queue) = try Self.write()
        try queue.read { db in
            let perAccount = try Row.fetchAll(db, sql: """
                SELECT COUNT(*), COUNT(DISTINCT display_id), MIN(display_id), MAX(display_id) FROM conversations
                 GROUP BY account_id
                """)
            #expect(perAccount.count == 3)
            for row in perAccount {
                #expect((row[0] as Int) == (row[1] as Int))
                #expect((row[2] as Int) == 1)
                #expect((row[3] as Int) == (row[0] as Int))
            }
            // A later conversation of the account never has a smaller number.
            #expect(try count(db, """
                SELECT COUNT(*) FROM conversations a JOIN conversations b ON b.account_id = a.account_id
                   AND b.display_id = a.display_id + 1 WHERE b.created_at < a.created_at OR b.id < a.id
                """) == 0)
        }
    }

    /// The queue's columns, seen from the end: customers waiting from under an hour to over a week, open ones
    /// never answered, answered ones not waiting, and a few closed ones with a `waiting_since` the queue ignores.
    @Test(arguments: [TimestampForm.unixSeconds, .utcText])
    func theQueue(form: TimestampForm) throws {
        let (_, queue) = try Self.write(form)
        // Either form read as Unix seconds.
        let seconds = form == .unixSeconds ? { (column: String) in column }
            : { (column: String) in "CAST(strftime('%s', \(column)) AS INTEGER)" }
        try queue.read { db in
            if form == .utcText {
                #expect(try String.fetchAll(db, sql: """
                    SELECT DISTINCT typeof(waiting_since) FROM conversations WHERE waiting_since IS NOT NULL
                    UNION SELECT DISTINCT typeof(first_reply_created_at) FROM conversations
                     WHERE first_reply_created_at IS NOT NULL
                    """) == ["text"])
            }
            let ages = try Int.fetchAll(db, sql: """
                SELECT COUNT(*) FROM (
                    SELECT CASE WHEN age < 3600 THEN 0 WHEN age < 14400 THEN 1 WHEN age < 86400 THEN 2
                                WHEN age < 604800 THEN 3 ELSE 4 END AS bucket
                      FROM (SELECT \(Self.end) - \(seconds("waiting_since")) AS age FROM conversations
                             WHERE status = 0 AND waiting_since IS NOT NULL))
                 GROUP BY bucket ORDER BY bucket
                """)
            #expect(ages.count == 5)
            #expect(ages.allSatisfy { $0 >= 5 })
            let open = try Row.fetchOne(db, sql: """
                SELECT SUM(first_reply_created_at IS NULL), SUM(first_reply_created_at IS NOT NULL AND waiting_since IS NULL),
                       SUM(first_reply_created_at IS NOT NULL AND waiting_since IS NOT NULL)
                  FROM conversations WHERE status = 0
                """)!
            #expect((0..<3).allSatisfy { (open[$0] as Int) > 20 }, "never answered, answered, waiting again: \(open)")
            // Never answered means waiting since it was created.
            #expect(try count(db, """
                SELECT COUNT(*) FROM conversations WHERE status = 0 AND first_reply_created_at IS NULL
                   AND (waiting_since IS NULL OR \(seconds("waiting_since")) != \(seconds("created_at")))
                """) == 0)
            // Every instant lies between the creation and the end; a wait again starts after the first reply.
            #expect(try count(db, """
                SELECT COUNT(*) FROM conversations
                 WHERE \(seconds("waiting_since")) < \(seconds("created_at")) OR \(seconds("waiting_since")) >= \(Self.end)
                    OR \(seconds("first_reply_created_at")) < \(seconds("created_at"))
                    OR \(seconds("first_reply_created_at")) >= \(Self.end)
                    OR \(seconds("waiting_since")) <= \(seconds("first_reply_created_at"))
                """) == 0)
            // Pending, snoozed and resolved ones with a waiting_since: not waiting in the queue's sense.
            #expect(try count(db, "SELECT COUNT(*) FROM conversations WHERE status != 0 AND waiting_since IS NOT NULL") > 5)
        }
    }
}
