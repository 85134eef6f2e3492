import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

private typealias F = Fixtures

/// Issue 20 item 2: the trend in each breakdown. By team it opens on all the conversations, j/k step through the
/// teams in the table's order (the none group among them), the title names the breakdown and the group, and `g`
/// keeps it open on the next breakdown, its days asked with the table.
@Suite struct TrendByGroupTests {
    /// 2026-11-16 to 2026-11-23 UTC. Counted by hand, per day: 11-16 Billing (team 3) 2 open, no team 1 open;
    /// 11-17 Support (team 5) 4 resolved; 11-19 Billing 1 resolved, Support 1 pending; 11-21 no team 2 snoozed.
    /// The week: Support 5, Billing 3, no team 3; 11 in all.
    static let rows: [(day: Int, key: GroupKey, name: String, status: Int64, count: Int64)] = [
        (0, .id(3), "Billing", 0, 2), (0, .none, GroupName.noTeam, 0, 1), (1, .id(5), "Support", 1, 4),
        (3, .id(3), "Billing", 1, 1), (3, .id(5), "Support", 2, 1), (5, .none, GroupName.noTeam, 3, 2),
    ]

    /// The days of `rows` by `breakdown`, each row counted in its group and in its day's total.
    static func daily(_ rows: [(day: Int, key: GroupKey, name: String, status: Int64, count: Int64)] = rows,
                      by breakdown: Breakdown = .team) -> DailyReport {
        var daily = DailyReport(days: LocalDays(TrendViewTests.week, calendar: F.calendar), breakdown: breakdown)
        for row in rows {
            _ = daily.add(day: row.day, key: row.key, name: row.name, statusCode: row.status, count: row.count)
            _ = daily.addToTotal(day: row.day, statusCode: row.status, count: row.count)
        }
        return daily
    }

    /// The same rows as the week's table.
    static func week(_ rows: [(day: Int, key: GroupKey, name: String, status: Int64, count: Int64)] = rows,
                     by breakdown: Breakdown = .team) -> GroupedReport {
        var week = GroupedReport(breakdown: breakdown)
        for row in rows {
            _ = week.add(key: row.key, name: row.name, statusCode: row.status, count: row.count)
            _ = week.addToTotal(statusCode: row.status, count: row.count)
        }
        return week
    }

    /// Both, as one load.
    static func loaded(_ rows: [(day: Int, key: GroupKey, name: String, status: Int64, count: Int64)],
                       by breakdown: Breakdown) -> LoadedReport {
        LoadedReport(range: TrendViewTests.week, grouped: week(rows, by: breakdown), daily: daily(rows, by: breakdown))
    }

    static func answer(_ state: DashboardState, _ loaded: LoadedReport) -> DashboardState {
        Dashboard.update(state, .loadFinished(LoadResult(requestID: state.pendingRequest!, range: TrendViewTests.week,
                                                         outcome: .success(loaded), durationSeconds: 0.01)), now: F.now).0
    }

    /// The week by team on screen, then `t` and its days answered.
    static func teamTrend() -> DashboardState {
        var state = DashboardState(sourceName: "demo data", calendar: F.calendar,
                                   selection: RangeSelection(preset: nil, range: TrendViewTests.week), refreshSeconds: 60,
                                   display: DisplayOptions(glyphs: .unicode, colored: true))
        state = Dashboard.update(state, .started, now: F.now).0
        state = F.press(state, .character("g")).0
        state = answer(state, LoadedReport(range: TrendViewTests.week, grouped: week()))
        let (opened, effects) = F.press(state, .character("t"))
        #expect(effects.contains(.load(TrendViewTests.week, comparing: false, days: true, breakdown: .team,
                                       requestID: opened.pendingRequest!)))
        return answer(opened, LoadedReport(range: TrendViewTests.week, grouped: week(), daily: daily()))
    }

    static func title(_ state: DashboardState, width: Int = 100) -> String {
        Dashboard.view(state, width: width, height: 30).lines()[3]
    }

    @Test func aDayTotalIsTheSourcesAndAGroupsDaysAreItsOwn() {
        let daily = Self.daily()
        #expect(daily.counts(day: 0, group: nil) == F.counts(3, 0, 0, 0))
        #expect(daily.counts(day: 0, group: GroupKey.none) == F.counts(1, 0, 0, 0))
        #expect(daily.counts(day: 3, group: .id(5)) == F.counts(0, 0, 1, 0))
        #expect(daily.counts(day: 2, group: .id(5)) == ChannelCounts())
        let support = TrendColumns(daily, group: .id(5), fitting: 40)
        #expect(support.columns.map(\.counts.total) == [0, 4, 0, 1, 0, 0, 0] && support.largest == 4)
        let noTeam = TrendColumns(daily, group: GroupKey.none, fitting: 40)
        #expect(noTeam.columns.map(\.counts.total) == [1, 0, 0, 0, 0, 2, 0])
        #expect(TrendColumns(daily, group: nil, fitting: 40).columns.map(\.counts.total) == [3, 4, 0, 2, 0, 2, 0])
    }

    @Test func jAndKStepThroughTheTeamsInTheTablesOrderAllFirst() {
        let state = Self.teamTrend()
        #expect(state.trend == TrendView(group: nil), "by team, all the conversations first")
        var titles: [String] = []
        var current = state
        for _ in 0..<5 {
            titles.append(Self.title(current))
            current = F.press(current, .character("j")).0
        }
        let right = "by status now; j k: team"
        func line(_ left: String) -> String { left + String(repeating: " ", count: 100 - left.count - right.count) + right }
        // The table's order: total descending, then name: Support 5, Billing 3, No team 3; j stops at the last.
        #expect(titles == [line("Created per day: all conversations by team"), line("Created per day: Team Support"),
                           line("Created per day: Team Billing"), line("Created per day: No team"),
                           line("Created per day: No team")])
        #expect(F.press(state, .character("j"), .character("j"), .character("k")).0.trend?.group == .id(5))
        // The page keys move by a page, clamped: to the last group, and back to all.
        let paged = F.press(state, .pageDown).0
        #expect(paged.trend?.group == GroupKey.none)
        #expect(F.press(paged, .pageUp).0.trend?.group == nil)
    }

    @Test func oneTeamsDaysDrawnAtFortyByTwelve() {
        let support = F.press(Self.teamTrend(), .character("j")).0
        #expect(Array(Dashboard.view(support, width: 40, height: 12).lines()[3...9]) == [
            "Created per day: Team Support",
            // The scale is as wide as the week's total (11), so it does not move with j/k.
            " 4│     ████",
            "  │     ████",
            " 2│     ████",
            "  │     ████      ████",
            " 0└─────────────────────────────────────",
            "   11-16     11-18     11-20     11-22",
        ])
    }

    @Test func aTeamsNameIsMadeSafeForTheTerminal() {
        var state = Self.teamTrend()
        state = F.press(state, .character("r")).0
        state = Self.answer(state, Self.loaded([(0, .id(7), "Bill\u{1B}[2Jing", 0, 1)], by: .team))
        let title = Self.title(F.press(state, .character("j")).0)
        #expect(title.hasPrefix("Created per day: Team Bill"), "\(title)")
        #expect(!title.contains("\u{1B}"))
    }

    /// A refresh after which Support has nothing in the range: the trend stays on it (a refresh never moves the
    /// person elsewhere), all zeros, named by its key since nothing holds its name any more.
    @Test func aGroupThatARefreshEmptiedStaysChosen() {
        let support = F.press(Self.teamTrend(), .character("j")).0
        let refreshing = F.press(support, .character("r")).0
        let emptied = Self.answer(refreshing, Self.loaded(Self.rows.filter { $0.key != .id(5) }, by: .team))
        #expect(emptied.trend?.group == .id(5))
        #expect(Self.title(emptied).hasPrefix("Created per day: Team 5 "))
        #expect(Dashboard.view(emptied, width: 100, height: 30).lines().joined().contains("No conversations in this range"))
    }

    @Test func gKeepsTheTrendOpenOnTheNextBreakdownAndRefreshReloadsItsDays() {
        let support = F.press(Self.teamTrend(), .character("j")).0
        let (refreshed, refreshEffects) = F.press(support, .character("r"))
        #expect(refreshEffects.contains(.load(TrendViewTests.week, comparing: false, days: true, breakdown: .team,
                                              requestID: refreshed.pendingRequest!)))
        #expect(refreshed.trend?.group == .id(5), "a refresh keeps the group")
        let (agents, effects) = F.press(support, .character("g"))
        #expect(agents.trend == TrendView(group: nil))
        #expect(effects.contains(.load(TrendViewTests.week, comparing: false, days: true, breakdown: .agent,
                                       requestID: agents.pendingRequest!)))
        // Until the agents' days come, the teams' stay on screen, said as such; then the agents' (Ann's 1 open).
        #expect(Self.title(agents).hasPrefix("Created per day: all conversations by team"))
        let answered = Self.answer(agents, Self.loaded([(2, .id(1), "Ann", 0, 1)], by: .agent))
        #expect(Self.title(answered).hasPrefix("Created per day: all conversations by agent"))
        #expect(Self.title(F.press(answered, .character("j")).0).hasPrefix("Created per day: Agent Ann "))
        // Esc goes back to the table, by agent.
        #expect(F.press(answered, .escape).0.trend == nil)
    }
}
