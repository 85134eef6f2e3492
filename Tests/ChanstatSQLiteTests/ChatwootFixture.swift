import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// A hand-made Chatwoot-shaped file (README "Data sources"): the rows are chosen in each test, so every expected
/// count can be worked out by reading them.
struct ChatwootFixture {
    /// `mixed`: every other row in the other form, as when another tool appended rows to a file.
    enum Timestamps: String, CaseIterable, Sendable { case unix, text, mixed }

    struct Inbox { let id: Int64, account: Int64, channelType: String }

    struct Conversation {
        let account: Int64, inbox: Int64, status: Int64?, createdAt: Int64
        /// Rails/pg_dump keep microseconds: appended to the text form (".5", ".999999").
        var fraction: String = ""
    }

    var accounts: [(Int64, String)] = [(1, "Acme"), (2, "Globex")]
    var inboxes: [Inbox] = []
    var conversations: [Conversation] = []
    var timestamps: Timestamps = .unix
    var withIndex = true
    /// The DDL of a Chatwoot-shaped file, except where a test wants a file that breaks it.
    var conversationsDDL = """
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                                    status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL)
        """

    static let indexDDL = """
        CREATE INDEX index_conversations_on_account_inbox_status_created
            ON conversations (account_id, inbox_id, status, created_at)
        """

    /// `YYYY-MM-DD HH:MM:SS` in UTC, by Foundation (not by the code under test).
    static func railsText(_ seconds: Int64) -> String { RailsTime.text(seconds) }

    func write(to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                                            channel_type TEXT NOT NULL);
                CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
                CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
                                            user_id INTEGER NOT NULL, role INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL,
                                            owner_id INTEGER NOT NULL, token TEXT NOT NULL UNIQUE);
                """)
            try db.execute(sql: conversationsDDL)
            if withIndex { try db.execute(sql: Self.indexDDL) }
            for (id, name) in accounts {
                try db.execute(sql: "INSERT INTO accounts (id, name) VALUES (?, ?)", arguments: [id, name])
            }
            for inbox in inboxes {
                try db.execute(sql: "INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (?, ?, ?, ?)",
                               arguments: [inbox.id, inbox.account, "inbox \(inbox.id)", inbox.channelType])
            }
            for (row, c) in conversations.enumerated() {
                let asSeconds = timestamps == .unix || (timestamps == .mixed && row % 2 == 0)
                let created: DatabaseValue = asSeconds
                    ? c.createdAt.databaseValue : (Self.railsText(c.createdAt) + c.fraction).databaseValue
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [c.account, c.inbox, c.status, created])
            }
        }
        try queue.close()
    }
}

/// The fixture most semantic tests read. Range of interest: [since, until) = the first week of 2026 (UTC).
enum Week {
    static let since: Int64 = 1_767_225_600          // 2026-01-01 00:00:00 UTC
    static let until: Int64 = since + 7 * 86_400     // 2026-01-08 00:00:00 UTC

    static func fixture(_ timestamps: ChatwootFixture.Timestamps, index: Bool) -> ChatwootFixture {
        typealias C = ChatwootFixture.Conversation
        var f = ChatwootFixture()
        f.timestamps = timestamps
        f.withIndex = index
        f.inboxes = [
            .init(id: 1, account: 1, channelType: "Channel::WebWidget"),
            .init(id: 2, account: 1, channelType: "Channel::WebWidget"),   // a second inbox of the same type
            .init(id: 3, account: 1, channelType: "Channel::Email"),
            .init(id: 4, account: 1, channelType: "Channel::Whatsapp"),    // nothing in range
            .init(id: 5, account: 2, channelType: "Channel::WebWidget"),
            .init(id: 6, account: 2, channelType: "Channel::Sms"),
        ]
        f.conversations = [
            C(account: 1, inbox: 1, status: 0, createdAt: since),               // exactly at since: counted
            C(account: 1, inbox: 1, status: 0, createdAt: until),               // exactly at until: not counted
            C(account: 1, inbox: 1, status: 1, createdAt: until - 1, fraction: ".999999"),  // last moment: counted
            C(account: 1, inbox: 2, status: 2, createdAt: since + 100),
            C(account: 1, inbox: 2, status: 3, createdAt: since + 200),
            C(account: 1, inbox: 2, status: 0, createdAt: since + 300),
            C(account: 1, inbox: 1, status: 4, createdAt: since + 400),         // unknown status
            C(account: 1, inbox: 1, status: -1, createdAt: since + 500),        // unknown status
            C(account: 1, inbox: 3, status: 1, createdAt: since + 600),
            C(account: 1, inbox: 3, status: 1, createdAt: since + 700, fraction: ".5"),
            C(account: 1, inbox: 3, status: 0, createdAt: since - 1, fraction: ".5"),  // just before since
            C(account: 1, inbox: 4, status: 0, createdAt: since - 86_400),      // WhatsApp, before the range
            C(account: 1, inbox: 4, status: 1, createdAt: until + 86_400),      // WhatsApp, after the range
            C(account: 1, inbox: 6, status: 0, createdAt: since + 800),         // account 1's, in account 2's inbox
            C(account: 1, inbox: 3, status: 4_294_967_296, createdAt: since + 900),     // 2^32: not 0
            C(account: 1, inbox: 3, status: Int64.max, createdAt: since + 901),
            C(account: 1, inbox: 3, status: Int64.min, createdAt: since + 902),
            C(account: 2, inbox: 5, status: 0, createdAt: since + 10),          // other account
            C(account: 2, inbox: 1, status: 0, createdAt: since + 20),          // other account, account 1's inbox
            C(account: 2, inbox: 6, status: 1, createdAt: since + 30),
        ]
        return f
    }

    /// Account 1 over the week, worked out from the rows above:
    /// WebWidget: open 2 (at since; inbox 2), resolved 1 (until-1), pending 1, snoozed 1 = 5.
    /// Email: resolved 2 = 2. Sms: open 1 (account 1's conversation in account 2's inbox) = 1. WhatsApp: left out.
    static let accountOneJSON = """
        {"Channel::Email":{"open":0,"resolved":2,"pending":0,"snoozed":0,"total":2},\
        "Channel::Sms":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        "Channel::WebWidget":{"open":2,"resolved":1,"pending":1,"snoozed":1,"total":5}}
        """

    /// Account 2: WebWidget open 2 (inbox 5, and inbox 1 of account 1), Sms resolved 1.
    static let accountTwoJSON = """
        {"Channel::Sms":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1},\
        "Channel::WebWidget":{"open":2,"resolved":0,"pending":0,"snoozed":0,"total":2}}
        """
}

/// The six shapes every semantic test runs on.
struct FileVariant: Sendable, CustomTestStringConvertible, CaseIterable {
    let timestamps: ChatwootFixture.Timestamps
    let index: Bool
    var testDescription: String { "\(timestamps.rawValue) timestamps, \(index ? "with" : "without") index" }

    static let allCases: [FileVariant] = [
        .init(timestamps: .unix, index: true), .init(timestamps: .unix, index: false),
        .init(timestamps: .text, index: true), .init(timestamps: .text, index: false),
        .init(timestamps: .mixed, index: true), .init(timestamps: .mixed, index: false),
    ]
}

