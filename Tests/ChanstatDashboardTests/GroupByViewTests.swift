import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

private typealias F = Fixtures

/// Issue 20 item 2 (SPEC 10): `g` cycles the breakdown channel → team → agent → label → channel, each asked of the
/// source as one load; the header and the label column name it; by label the table says that rows overlap; a source
/// that cannot answer keeps the view and says why.
@Suite struct GroupByViewTests {
    /// Counted by hand: Billing (team 3) 1 open and 2 resolved; no team 1 pending and 5 resolved. Total 9.
    static func byTeam() -> GroupedReport {
        var report = GroupedReport(breakdown: .team)
        for (key, name, status, count) in [(GroupKey.id(3), "Billing", Int64(0), Int64(1)), (.id(3), "Billing", 1, 2),
                                           (.none, GroupName.noTeam, 2, 1), (.none, GroupName.noTeam, 1, 5)] {
            _ = report.add(key: key, name: name, statusCode: status, count: count)
            _ = report.addToTotal(statusCode: status, count: count)
        }
        return report
    }

    /// By label, overlapping: urgent 2 open, refund 2 open (one conversation has both) and 1 resolved; the source
    /// counted 3 open and 1 resolved, each conversation once.
    static func byLabel() -> GroupedReport {
        var report = GroupedReport(breakdown: .label)
        _ = report.add(key: .text("urgent"), name: "urgent", statusCode: 0, count: 2)
        _ = report.add(key: .text("refund"), name: "refund", statusCode: 0, count: 2)
        _ = report.add(key: .text("refund"), name: "refund", statusCode: 1, count: 1)
        _ = report.addToTotal(statusCode: 0, count: 3)
        _ = report.addToTotal(statusCode: 1, count: 1)
        return report
    }

    static func answer(_ state: DashboardState, _ grouped: GroupedReport) -> DashboardState {
        let result = LoadResult(requestID: state.pendingRequest!, range: state.selection.range,
                                outcome: .success(LoadedReport(range: state.selection.range, grouped: grouped)),
                                durationSeconds: 0.012)
        return Dashboard.update(state, .loadFinished(result), now: F.now).0
    }

    @Test func gAsksForTheNextBreakdownInTheCycle() {
        var state = F.started()
        var asked: [Breakdown] = []
        for _ in 0..<4 {
            let effects: [DashboardEffect]
            (state, effects) = F.press(state, .character("g"))
            for case .load(_, _, _, let breakdown, _) in effects { asked.append(breakdown) }
            state = Self.answer(state, GroupedReport(breakdown: state.breakdown))
        }
        #expect(asked == [.team, .agent, .label, .channel])
        #expect(state.breakdown == .channel)
    }

    @Test func theTeamTableNamesItsBreakdownAndItsGroups() {
        let (asked, effects) = F.press(F.started(), .character("g"))
        #expect(effects.contains(.load(F.last30Days, comparing: false, days: false, breakdown: .team,
                                       requestID: asked.pendingRequest!)))
        let state = Self.answer(asked, Self.byTeam())
        #expect(state.channels.selected == "", "the first row of the new table is selected: No team, the none group")
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[0].hasPrefix("chanstat  demo data  by team"))
        #expect(Array(lines[3...6]) == [
            "Team    Open Pending Snoozed Resolved Total",
            "No team    0       1       0        5     6 ████████████████████████████████████",
            "Billing    1       0       0        2     3 ██████████████████",
            "Total      1       1       0        7     9",
        ])
    }

    @Test func byLabelTheTableSaysRowsOverlapAndTheTotalIsTheSources() {
        let state = Self.answer(F.press(F.started(), .character("g"), .character("g"), .character("g")).0, Self.byLabel())
        #expect(state.breakdown == .label)
        let lines = Dashboard.view(state, width: 110, height: 10).lines()
        #expect(lines[2].hasPrefix("Label rows overlap: a conversation with two labels counts under both"))
        #expect(lines[3] == "Label  Open Pending Snoozed Resolved Total")
        #expect(lines[4].hasPrefix("refund    2       0       0        1     3 "))
        #expect(lines[5].hasPrefix("urgent    2       0       0        0     2 "))
        #expect(lines[6] == "Total     3       0       0        1     4", "counted by the source, not 3 + 2 summed")
    }

    @Test func aSourceThatCannotGroupKeepsTheViewAndSaysWhy() {
        let loaded = F.started()
        let asked = F.press(loaded, .character("g")).0
        let sentence = "--by team needs a database source (--db FILE or --db postgres://…)"
        let refused = LoadResult(requestID: asked.pendingRequest!, range: asked.selection.range,
                                 outcome: .failure(SourceError(.refused, sentence)), durationSeconds: 0)
        let state = Dashboard.update(asked, .loadFinished(refused), now: F.now).0
        #expect(state.breakdown == .channel)
        #expect(state.notice == sentence)
        #expect(state.loadError == nil, "the data on screen is not stale: it is what was asked before")
        #expect(state.data == loaded.data)
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[2].hasPrefix(sentence))
        #expect(lines[3].hasPrefix("Channel"))
        // The next `g` tries the team again (the cycle goes on from what is on screen).
        let (_, effects) = F.press(state, .character("g"))
        #expect(effects.contains { if case .load(_, _, _, .team, _) = $0 { true } else { false } })
    }

    @Test func sortRefreshAndCompareKeepTheBreakdown() {
        let team = Self.answer(F.press(F.started(), .character("g")).0, Self.byTeam())
        let sorted = F.press(team, .character("s")).0
        #expect(sorted.visibleRows.map(\.label) == ["Billing", "No team"])
        for key in [Key.character("r"), .character("c"), .character("2")] {
            let effects = F.press(sorted, key).1
            #expect(effects.contains { if case .load(_, _, _, .team, _) = $0 { true } else { false } }, "\(key)")
        }
        #expect(F.press(sorted, .enter).0.inboxView == nil, "a team has no inboxes")
    }
}
