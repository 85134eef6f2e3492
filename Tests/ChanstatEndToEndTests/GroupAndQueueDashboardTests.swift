import ChanstatSQLite
import Foundation
import GRDB
import Testing

/// A Chatwoot-shaped file with SPEC 2's optional tables and columns (teams, agents, labels, the queue's columns),
/// every number counted by hand below. Account 1; all six conversations created in week A (2026-01-05 to -11).
///
///     conversation  inbox    status    team     assignee  labels          waiting since (before now)
///     c1            Website  open      Billing  Ada       urgent, refund  10 min
///     c2            Website  open      Billing  -         urgent          3 days 30 min (answered once)
///     c3            Email    pending   Support  Bob       -               -
///     c4            Email    resolved  -        Ada       refund          -
///     c5            Website  snoozed   Support  Bob       -               -
///     c6            Email    open      -        Bob       -               10 days 20 min (answered once)
///
/// Users: 1 "Ada Admin" whose display name is "Ada", 2 "Bob" whose display name is empty (so: "Bob").
struct GroupedFixture {
    let directory: URL
    var path: String { directory.appendingPathComponent("grouped.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-grouped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let now = Int64(Date().timeIntervalSince1970)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            // ChatwootSchema holds the optional tables and columns (teams, labels, the queue's and the lists').
            try db.execute(sql: ChatwootSchema.ddl + """
                INSERT INTO accounts VALUES (1, 'Acme');
                INSERT INTO inboxes VALUES (1, 1, 'Web', 'Channel::WebWidget'), (3, 1, 'Mail', 'Channel::Email');
                INSERT INTO users (id, name, email, display_name) VALUES (1, 'Ada Admin', 'ada@example.com', 'Ada'),
                                                                        (2, 'Bob', 'bob@example.com', '');
                INSERT INTO teams VALUES (1, 1, 'Billing'), (2, 1, 'Support');
                INSERT INTO tags VALUES (1, 'urgent'), (2, 'refund');
                INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES
                    (1, 'Conversation', 1, 'labels'), (2, 'Conversation', 1, 'labels'), (1, 'Conversation', 2, 'labels'),
                    (2, 'Conversation', 4, 'labels');
                """)
            let weekA: Int64 = 1_767_571_200 + 36_000  // 2026-01-05 10:00 UTC
            let rows: [(id: Int, inbox: Int, status: Int, team: Int?, assignee: Int?, waiting: Int64?, replied: Bool)] = [
                (1, 1, 0, 1, 1, now - 600, false),
                (2, 1, 0, 1, nil, now - 3 * 86_400 - 1_800, true),
                (3, 3, 2, 2, 2, nil, true),
                (4, 3, 1, nil, 1, nil, true),
                (5, 1, 3, 2, 2, nil, true),
                (6, 3, 0, nil, 2, now - 10 * 86_400 - 1_200, true),
            ]
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO conversations (id, account_id, inbox_id, status, created_at, display_id, assignee_id, team_id,
                                               waiting_since, first_reply_created_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row.id, row.inbox, row.status, weekA + Int64(row.id) * 3_600, row.id, row.assignee,
                                     row.team, row.waiting, row.replied ? weekA + 86_400 : nil])
            }
        }
        try queue.close()
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// The real dashboard in tmux over `GroupedFixture`: `g` through all four breakdowns with the right names and totals
/// (issue 20), `n` with the queue's numbers and `n` back (issue 21). Each wait is for the last line checked (a capture
/// can land mid-frame).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct GroupAndQueueDashboardTests {
    let timeout = DashboardHarness.timeout
    typealias R = ExpectedRows

    static func hasRows(_ rows: [String]) -> (String) -> Bool { DashboardEndToEndTests.hasRows(rows) }

    /// Week A by channel, hand-counted: Email c3 pending, c4 resolved, c6 open; Website c1, c2 open, c5 snoozed.
    static let byChannel = [R.row("Email", 1, 1, 0, 1, 3), R.row("Website", 2, 0, 1, 0, 3), R.row("Total", 3, 1, 1, 1, 6)]

    /// The dashboard on the fixture's week A, once its channel rows are on screen.
    func onWeekA(_ fixture: GroupedFixture) throws -> TmuxSession {
        let session = try DashboardHarness.start(["dashboard", "--db", fixture.path, "--account", "1", "--since", "2026-01-05",
                                                  "--until", "2026-01-11", "--utc", "--refresh", "3600"])
        do {
            try session.waitUntil(timeout: timeout, "week A by channel", Self.hasRows(Self.byChannel))
        } catch {
            session.close()
            throw error
        }
        return session
    }

    @Test func gGoesThroughEveryBreakdownAndBack() throws {
        let fixture = try GroupedFixture()
        defer { fixture.remove() }
        let session = try onWeekA(fixture)
        defer { session.close() }

        try session.sendKeys("g")
        let byTeam = [R.row("Billing", 2, 0, 0, 0, 2), R.row("No team", 1, 0, 0, 1, 2), R.row("Support", 0, 1, 1, 0, 2),
                      R.row("Total", 3, 1, 1, 1, 6)]
        let team = try session.waitUntil(timeout: timeout, "by team", Self.hasRows(byTeam))
        #expect(team.contains("Team    Open Pending Snoozed Resolved Total"))
        #expect(DashboardEndToEndTests.lines(team)[0].hasPrefix("chanstat  grouped.sqlite, account 1 (Acme)  by team"))

        try session.sendKeys("g")
        let byAgent = [R.row("Bob", 1, 1, 1, 0, 3, labelWidth: 10), R.row("Ada", 1, 0, 0, 1, 2, labelWidth: 10),
                       R.row("Unassigned", 1, 0, 0, 0, 1, labelWidth: 10), R.row("Total", 3, 1, 1, 1, 6, labelWidth: 10)]
        let agent = try session.waitUntil(timeout: timeout, "by agent", Self.hasRows(byAgent))
        #expect(DashboardEndToEndTests.lines(agent)[0].contains("by agent"))

        try session.sendKeys("g")
        // By label c1 counts under urgent and refund: the rows add up to 7, the total (counted once) is 6.
        let byLabel = [R.row("No label", 1, 1, 1, 0, 3, labelWidth: 8), R.row("refund", 1, 0, 0, 1, 2, labelWidth: 8),
                       R.row("urgent", 2, 0, 0, 0, 2, labelWidth: 8), R.row("Total", 3, 1, 1, 1, 6, labelWidth: 8)]
        let label = try session.waitUntil(timeout: timeout, "by label", Self.hasRows(byLabel))
        #expect(DashboardEndToEndTests.flattened(label).contains("Label rows overlap"))

        try session.sendKeys("g")
        try session.waitUntil(timeout: timeout, "by channel again") { screen in
            Self.hasRows(Self.byChannel)(screen) && !DashboardEndToEndTests.lines(screen)[0].contains(" by ")
        }
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    @Test func nShowsTheQueueNowAndNGoesBack() throws {
        let fixture = try GroupedFixture()
        defer { fixture.remove() }
        let session = try onWeekA(fixture)
        defer { session.close() }

        try session.sendKeys("n")
        // Website: c1, c2 open and waiting (10 min, 3 d), c2 unassigned, c5 snoozed. Email: c6 open and waiting 10 d,
        // c3 pending.
        let queue = [
            "Website    2          2          1       0       1          3d ",
            "Email      1          1          0       1       0         10d ",
            "Total      3          3          1       1       1         10d",
        ]
        let screen = try session.waitUntil(timeout: timeout, "the queue", Self.hasRows(queue))
        let lines = DashboardEndToEndTests.lines(screen)
        #expect(lines[0].contains("› the queue now by channel"))
        #expect(lines[1].hasPrefix("The queue now  read "))
        #expect(screen.contains("Channel Open Unattended Unassigned Pending Snoozed Oldest wait"))
        #expect(screen.contains("Waiting: · <1h  ░ 1-4h  ▒ 4-24h  ▓ 1-7d  █ >7d"))

        try session.sendKeys("g")
        // Open descending: Billing 2, No team 1, Support 0 (nobody waits there: "-").
        let byTeam = [
            "Billing    2          2          1       0       0          3d ",
            "No team    1          1          0       0       0         10d ",
            "Support    0          0          0       1       1           -",
            "Total      3          3          1       1       1         10d",
        ]
        try session.waitUntil(timeout: timeout, "the queue by team", Self.hasRows(byTeam))

        try session.sendKeys("n")
        let team = [R.row("Billing", 2, 0, 0, 0, 2), R.row("No team", 1, 0, 0, 1, 2), R.row("Support", 0, 1, 1, 0, 2),
                    R.row("Total", 3, 1, 1, 1, 6)]
        try session.waitUntil(timeout: timeout, "back to the range, by team", Self.hasRows(team))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    /// Issue 24 item 3: PgDn and PgUp move by the rows the window shows (7 at 100 x 14), and moving up from the
    /// bottom moves the selection, not the page.
    @Test func pageKeysMoveByTheVisiblePage() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        // Twenty more channel types in week A, "T01" with 20 conversations down to "T20" with 1.
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            for index in 1...20 {
                let name = String(format: "T%02d", index)
                try db.execute(sql: "INSERT INTO inboxes VALUES (?, 1, ?, ?)", arguments: [100 + index, name, "Channel::" + name])
                for _ in 0..<(21 - index) {
                    try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, ?, 0, ?)",
                                   arguments: [100 + index, 1_767_600_000])
                }
            }
        }
        try queue.close()
        let session = try DashboardHarness.dashboard(fixture, since: DashboardFixture.weekA.since,
                                                     until: DashboardFixture.weekA.until, width: 100, height: 14)
        defer { session.close() }
        // Sorted by total, ties by name: T01 (20) … T11 (10), Website (10), T12 … T17, Email (3), T18 … T20: 22 rows,
        // 7 shown.
        func firstRow(_ screen: String) -> String { String(DashboardEndToEndTests.lines(screen)[4].prefix(8)) }
        try session.waitFor(text: "rows 1-7 of 22", timeout: timeout)
        try session.sendKeys("NPage")
        var screen = try session.waitFor(text: "rows 8-14 of 22", timeout: timeout)
        #expect(firstRow(screen).hasPrefix("T08"))
        try session.sendKeys("NPage")
        screen = try session.waitFor(text: "rows 15-21 of 22", timeout: timeout)
        #expect(firstRow(screen).hasPrefix("T14"))
        try session.sendKeys("PPage")
        screen = try session.waitFor(text: "rows 8-14 of 22", timeout: timeout)
        // The selection is on the page's first row (T08): Up scrolls by one, to T07.
        try session.sendKeys("Up")
        screen = try session.waitFor(text: "rows 7-13 of 22", timeout: timeout)
        #expect(firstRow(screen).hasPrefix("T07"))
        // Six Downs move the selection to the bottom row without scrolling; the seventh scrolls by one. The help
        // opened after them is drawn only once all are read: then the screen under it is their final state.
        try session.press("Down", times: 7)
        try session.sendKeys("?")
        try session.waitFor(text: "Keys", timeout: timeout)
        try session.sendKeys("Escape")
        screen = try session.waitUntil(timeout: timeout, "the help closed") { !$0.contains("┌") && $0.contains(" of 22") }
        #expect(screen.contains("rows 8-14 of 22"))
        #expect(firstRow(screen).hasPrefix("T08"))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
