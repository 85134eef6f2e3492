import Foundation
import Testing

/// The trend by team in a real terminal, over `GroupedFixture` read in Tokyo (UTC+9): its six conversations, created
/// 11:00 to 16:00 UTC on 2026-01-05, fall on two local days, c1-c4 on the 5th (20:00 to 23:00) and c5, c6 on the 6th
/// (00:00 and 01:00). `g` to team, `t`: all the conversations' days (4 and 2); `j`: Billing's, the table's first
/// team (c1, c2 on the 5th); `g`: the trend stays, all the conversations by agent; Esc: the agents' table.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TrendByGroupDashboardTests {
    let timeout = DashboardHarness.timeout
    typealias R = ExpectedRows

    /// The scale's top label (the busiest column) and the dates under the axis.
    static func chart(top: Int) -> (String) -> Bool {
        { screen in
            let lines = DashboardEndToEndTests.lines(screen)
            return lines.contains { $0.hasPrefix("\(top)│") } && lines.contains { $0.hasPrefix("0└") }
                && lines.contains { $0.contains("01-05") && $0.contains("01-07") && $0.contains("01-11") }
        }
    }

    @Test func gToTeamTheDaysOfAllThenOfOneTeamAndGKeepsTheTrend() throws {
        let fixture = try GroupedFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.start(["dashboard", "--db", fixture.path, "--account", "1", "--since", "2026-01-05",
                                                  "--until", "2026-01-11", "--timezone", "Asia/Tokyo", "--refresh", "3600"])
        defer { session.close() }
        try session.waitUntil(timeout: timeout, "week A by channel", GroupAndQueueDashboardTests.hasRows(
            GroupAndQueueDashboardTests.byChannel))

        try session.sendKeys("g")
        try session.waitUntil(timeout: timeout, "by team", GroupAndQueueDashboardTests.hasRows(
            [R.row("Billing", 2, 0, 0, 0, 2), R.row("No team", 1, 0, 0, 1, 2), R.row("Support", 0, 1, 1, 0, 2)]))

        try session.sendKeys("t")
        // All six: 4 on the 5th, 2 on the 6th; the busiest day is the scale's top.
        var screen = try session.waitUntil(timeout: timeout, "all the conversations' days") { screen in
            screen.contains("Created per day: all conversations by team") && Self.chart(top: 4)(screen)
        }
        #expect(screen.contains("j k: team"), "\(screen)")

        try session.sendKeys("j")
        // Billing: c1 and c2, both open, on the 5th.
        screen = try session.waitUntil(timeout: timeout, "Billing's days") { screen in
            screen.contains("Created per day: Team Billing") && Self.chart(top: 2)(screen)
        }
        try session.sendKeys("j")
        try session.waitUntil(timeout: timeout, "no team's days") { screen in
            screen.contains("Created per day: No team") && Self.chart(top: 1)(screen)
        }

        try session.sendKeys("g")
        screen = try session.waitUntil(timeout: timeout, "the trend kept, by agent") { screen in
            screen.contains("Created per day: all conversations by agent") && Self.chart(top: 4)(screen)
        }
        #expect(DashboardEndToEndTests.lines(screen)[0].contains("by agent"), "\(screen)")

        try session.sendKeys("Escape")
        try session.waitUntil(timeout: timeout, "the agents' table", GroupAndQueueDashboardTests.hasRows(
            [R.row("Bob", 1, 1, 1, 0, 3, labelWidth: 10), R.row("Ada", 1, 0, 0, 1, 2, labelWidth: 10)]))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
