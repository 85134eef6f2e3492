import ChanstatSQLite
import Foundation
import GRDB

/// A small Chatwoot-shaped file for the dashboard tests, whose every number is counted by hand below.
///
/// Account 1, all times UTC (the dashboard runs with `--utc`):
///
/// Week A, 2026-01-05 to 2026-01-11:
///
///     Channel    Open Pending Snoozed Resolved Total
///     Website       3       2       1        4    10   (inboxes 1 and 2, both Channel::WebWidget)
///     Email         1       0       0        2     3
///     Total         4       2       1        6    13
///
/// of which 2026-01-05 to 2026-01-06 (the custom range the tests enter):
///
///     Website       2       1       0        1     4
///     Email         1       0       0        1     2
///     Total         3       1       0        2     6
///
/// Relative to today (so that the presets have something to show): today, Website 1 open; three days
/// ago, Website 1 pending and Email 2 resolved. Last 7 days:
///
///     Email         0       0       0        2     2
///     Website       1       1       0        0     2
///     Total         1       1       0        2     4
///
/// Week E, 2026-03-02 to 2026-03-08: one pending conversation in an inbox whose channel type carries a
/// colour change, a window-title change and a bell. Plus rows just outside week A, and rows of account 2
/// inside it, which no range of account 1 may count. An administrator token for account 1 for `serve`.
struct DashboardFixture {
    static let weekA = (since: "2026-01-05", until: "2026-01-11")
    static let twoDays = (since: "2026-01-05", until: "2026-01-06")
    static let weekE = (since: "2026-03-02", until: "2026-03-08")
    static let evilChannelType = "Channel::\u{1B}[31mEvil\u{1B}]0;pwned\u{07}"
    /// How the evil type's label must look: each control character replaced by U+FFFD.
    static let evilLabel = "\u{FFFD}[31mEvil\u{FFFD}]0;pwned\u{FFFD}"
    static let token = "e2e-admin-token-8c1f0b7a"

    let directory: URL
    var path: String { directory.appendingPathComponent("dash.sqlite").path }
    /// Midnight UTC starting the day the file was written: "today" for the presets.
    let startOfToday: Int64

    /// The Chatwoot-shaped schema (README "Data sources"), as `sample` writes it, with the recommended index; accounts 1 (Acme) and
    /// 2 (Globex); inboxes 1 and 2 (website), 3 (email) of account 1, 5 (SMS) of account 2. Inbox 4 is each
    /// fixture's own (a hostile channel type).
    static func createAccountsAndInboxes(_ db: Database) throws {
        try db.execute(sql: ChatwootSchema.ddl + ChatwootSchema.recommendedIndex + """
            INSERT INTO accounts VALUES (1, 'Acme'), (2, 'Globex');
            INSERT INTO inboxes VALUES (1, 1, 'Web', 'Channel::WebWidget'), (2, 1, 'Help', 'Channel::WebWidget'),
                                       (3, 1, 'Mail', 'Channel::Email'), (5, 2, 'Other', 'Channel::Sms');
            """)
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-dash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        startOfToday = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try Self.createAccountsAndInboxes(db)
            try db.execute(sql: """
                INSERT INTO users (id, name, email) VALUES (1, 'Ada Admin', 'ada@example.com');
                INSERT INTO account_users VALUES (1, 1, 1, 1);
                """)
            try db.execute(sql: "INSERT INTO inboxes VALUES (4, 1, 'Odd', ?)", arguments: [Self.evilChannelType])
            try db.execute(sql: "INSERT INTO access_tokens VALUES (1, 'User', 1, ?)", arguments: [Self.token])

            // Statuses as Chatwoot stores them: 0 open, 1 resolved, 2 pending, 3 snoozed.
            let (open, resolved, pending, snoozed) = (0, 1, 2, 3)
            let (web, help, mail, odd, other) = (1, 2, 3, 4, 5)
            func at(_ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
                1_767_571_200 + Int64((day - 5) * 86_400 + hour * 3_600 + minute * 60 + second)  // 2026-01-05 = day 5
            }
            let rows: [(account: Int, inbox: Int, status: Int, created: Int64)] = [
                // Week A, inside the two days.
                (1, web, open, at(5, 10)), (1, help, open, at(6, 10)), (1, web, pending, at(5, 11)),
                (1, web, resolved, at(5, 12)), (1, mail, open, at(6, 23, 59, 59)), (1, mail, resolved, at(5, 0)),
                // Week A, after the two days.
                (1, help, open, at(9, 8)), (1, web, pending, at(10, 9)), (1, web, snoozed, at(11, 23, 59, 59)),
                (1, web, resolved, at(7, 0)), (1, help, resolved, at(8, 14)), (1, web, resolved, at(11, 6)),
                (1, mail, resolved, at(8, 15)),
                // Just outside week A, and another account inside it.
                (1, mail, open, at(4, 23, 59, 59)), (1, web, open, at(12, 0)),
                (2, other, open, at(6, 12)), (2, web, resolved, at(7, 12)),
                // Week E.
                (1, odd, pending, 1_772_445_600),  // 2026-03-02 10:00
                // Relative to today.
                (1, web, open, startOfToday + 60),
                (1, web, pending, startOfToday - 3 * 86_400 + 3_600),
                (1, mail, resolved, startOfToday - 3 * 86_400 + 7_200), (1, mail, resolved, startOfToday - 3 * 86_400 + 7_201),
            ]
            for row in rows {
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [row.account, row.inbox, row.status, row.created])
            }
        }
        try queue.close()
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// `YYYY-MM-DD` (UTC) of `days` after today.
    func date(daysFromToday days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(startOfToday + Int64(days) * 86_400)))
    }
}

/// The table rows the fixture must produce, as the dashboard lays them out at any width where every
/// column fits: the label padded to 7 columns (the width of "Website" and "Channel"), then each number
/// right-aligned under its title ("Open", "Pending", "Snoozed", "Resolved", "Total").
enum ExpectedRows {
    static func row(_ label: String, _ open: Int, _ pending: Int, _ snoozed: Int, _ resolved: Int, _ total: Int,
                    labelWidth: Int = 7) -> String {
        func right(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: " ", count: width - text.count) + text
        }
        let paddedLabel = label + String(repeating: " ", count: max(0, labelWidth - label.count))
        return paddedLabel + " " + right(open, 4) + " " + right(pending, 7) + " " + right(snoozed, 7)
            + " " + right(resolved, 8) + " " + right(total, 5)
    }

    static let weekAWebsite = row("Website", 3, 2, 1, 4, 10)
    static let weekAEmail = row("Email", 1, 0, 0, 2, 3)
    static let weekATotal = row("Total", 4, 2, 1, 6, 13)
    static let weekA = [weekAWebsite, weekAEmail, weekATotal]

    static let twoDaysWebsite = row("Website", 2, 1, 0, 1, 4)
    static let twoDaysEmail = row("Email", 1, 0, 0, 1, 2)
    static let twoDaysTotal = row("Total", 3, 1, 0, 2, 6)

    static let last7Email = row("Email", 0, 0, 0, 2, 2)
    static let last7Website = row("Website", 1, 1, 0, 0, 2)
    static let last7Total = row("Total", 1, 1, 0, 2, 4)
}

extension DashboardFixture {
    /// More open conversations in the Website inbox (so a replaced file shows different numbers).
    func addWebsiteConversations(open count: Int, createdAt seconds: Int64) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for _ in 0..<count {
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, 0, ?)",
                               arguments: [seconds])
            }
        }
        try queue.close()
    }
}
