import ChanstatCore
@testable import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// A file anyone may have written holds text where Chatwoot keeps an id. Before, a range or queue view by team
/// showed it as "Team #0 (deleted)" (SQLite's own conversion makes "abc" 0: a plausible wrong group), and a list
/// stopped the process (GRDB's conversion of a copied row). Now each says which column holds what no id can be.
@Suite struct HostileValuesTests {
    static let range = try! DateRange(since: GroupFixture.since, until: GroupFixture.until)

    /// `GroupFixture`'s file, with `change` applied to its first conversation (made open, so it is in the queue).
    static func file(_ change: String, in scratch: Scratch) throws -> SQLiteReportSource {
        let path = scratch.path("hostile.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: GroupFixture.sqlite + """
                UPDATE conversations SET status = 0, \(change)
                 WHERE id = (SELECT min(id) FROM conversations WHERE account_id = 1);
                """)
        }
        try queue.close()
        return try SQLiteReportSource(path: path, accountID: 1)
    }

    static func refusal(_ column: String) -> SourceError {
        SourceError(.badData, "hostile.sqlite holds a value that is not a whole number in conversations.\(column), where "
                    + "Chatwoot keeps an id: the file is not Chatwoot-shaped (see sample-data/schema.sql)")
    }

    @Test(arguments: [("team_id", Breakdown.team), ("assignee_id", .agent)])
    func textWhereAGroupsIdBelongsIsOneSentenceInEveryView(column: String, breakdown: Breakdown) async throws {
        let scratch = try Scratch()
        let source = try Self.file("\(column) = 'abc'", in: scratch)
        let refusal = Self.refusal(column)
        await #expect(throws: refusal) { _ = try await source.grouped(ReportRequest(range: Self.range, breakdown: breakdown)) }
        await #expect(throws: refusal) {
            _ = try await source.dailyReport(for: ReportRequest(range: Self.range, breakdown: breakdown), calendar: .utc,
                                             progress: { _ in })
        }
        await #expect(throws: refusal) { _ = try await source.queue(by: breakdown, at: GroupFixture.until) }
        await #expect(throws: refusal) {
            _ = try await source.conversations(matching: ConversationFilter(), in: .queue, limit: .standard)
        }
        // The views that do not read the column still answer.
        #expect((try await source.grouped(ReportRequest(range: Self.range, breakdown: .channel)).total?.total ?? 0) > 0)
    }

    @Test func aFractionWhereTheDisplayIdBelongsIsOneSentenceInTheList() async throws {
        let scratch = try Scratch()
        let source = try Self.file("display_id = 2.5", in: scratch)
        await #expect(throws: Self.refusal("display_id")) {
            _ = try await source.conversations(matching: ConversationFilter(), in: .queue, limit: .standard)
        }
    }

    /// A number where a name belongs is a name like any other (shown made safe, as every name is).
    @Test func aNumberWhereANameBelongsIsItsText() async throws {
        let scratch = try Scratch()
        let source = try Self.file("team_id = (SELECT min(id) FROM teams WHERE account_id = 1)", in: scratch)
        let queue = try DatabaseQueue(path: scratch.path("hostile.sqlite"))
        try await queue.write { try $0.execute(sql: "UPDATE teams SET name = 42 WHERE id = (SELECT min(id) FROM teams WHERE account_id = 1)") }
        try queue.close()
        let grouped = try await source.grouped(ReportRequest(range: Self.range, breakdown: .team))
        #expect(grouped.groups.values.contains { $0.name == "42" })
        let list = try await source.conversations(matching: ConversationFilter(), in: .queue, limit: .standard)
        #expect(list.conversations.contains { $0.team == "42" })
    }
}

extension HostileValuesTests {
    /// A file whose `inboxes.id` is declared as text (SQLite keeps what a table declares): by inbox, two such
    /// inboxes would have been one row of inbox 0.
    /// A file named `name` in `scratch` of the three tables the report reads and no more, `inboxes.id` and
    /// `conversations.inbox_id` declared as `inboxID` (not a key), account 1 "Acme", and `rows` inserted.
    static func bareFile(_ name: String, in scratch: Scratch, inboxID: String, _ rows: String) throws -> String {
        let path = scratch.path(name)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE inboxes (id \(inboxID), account_id INTEGER, name TEXT, channel_type TEXT);
                CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER, inbox_id \(inboxID),
                                            status INTEGER, created_at INTEGER);
                INSERT INTO accounts VALUES (1, 'Acme');
                """ + rows)
        }
        try queue.close()
        return path
    }

    @Test func textWhereAnInboxIdBelongsIsOneSentence() async throws {
        let scratch = try Scratch()
        let path = try Self.bareFile("inboxes.sqlite", in: scratch, inboxID: "TEXT", """
                INSERT INTO inboxes VALUES ('web', 1, 'Web', 'Channel::WebWidget');
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 'web', 0, \(GroupFixture.since));
                """)
        let source = try SQLiteReportSource(path: path, accountID: 1)
        await #expect(throws: SourceError(.badData, "inboxes.sqlite holds a value that is not a whole number in inboxes.id, "
                                          + "where Chatwoot keeps an id: the file is not Chatwoot-shaped (see sample-data/schema.sql)")) {
            _ = try await source.report(for: Self.range)
        }
    }

    /// `inboxes.id` need not be a key in a file anyone wrote: two rows with id 1 made each of inbox 1's
    /// conversations count twice in every view (2 conversations shown as 4). Now the file is refused with one
    /// sentence when it is opened (the check is `FileLayout`'s, which runs again when the file is replaced).
    @Test func anInboxIdOnTwoRowsIsOneSentence() async throws {
        let scratch = try Scratch()
        let path = try Self.bareFile("twins.sqlite", in: scratch, inboxID: "INTEGER", """
                INSERT INTO inboxes VALUES (1, 1, 'Web', 'Channel::WebWidget'), (1, 1, 'Web again', 'Channel::Email'),
                                           (2, 1, 'Mail', 'Channel::Email');
                INSERT INTO conversations (account_id, inbox_id, status, created_at)
                    VALUES (1, 1, 0, \(GroupFixture.since)), (1, 1, 1, \(GroupFixture.since)), (1, 2, 0, \(GroupFixture.since));
                """)
        #expect(throws: SourceError(.badData, "twins.sqlite has 2 inboxes with id 1, so their conversations would be "
                                    + "counted more than once: the file is not Chatwoot-shaped (see sample-data/schema.sql)")) {
            _ = try SQLiteReportSource(path: path, accountID: 1)
        }
    }
}
