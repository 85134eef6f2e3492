import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

/// `c` (compare), Enter (a channel's inboxes) and Esc, through `update`, and how they are drawn at several
/// sizes, with and without colour and Unicode.
@Suite struct CompareAndInboxTests {
    typealias F = Fixtures

    /// Two inboxes of email, one website inbox; the previous period had less email and no website at all.
    static func report(email: (Int64, Int64), web: Int64) -> SourceReport {
        var report = SourceReport()
        for (inbox, name, status, count) in [(12, "Support mail", 0, email.0), (13, "Billing", 1, email.1)] as [(Int64, String, Int64, Int64)] {
            _ = report.add(channelType: "Channel::Email", inboxID: inbox, inboxName: name, statusCode: status, count: count)
        }
        _ = report.add(channelType: "Channel::WebWidget", inboxID: 1, inboxName: "Site", statusCode: 2, count: web)
        return report
    }

    static let now = report(email: (3, 7), web: 4)
    static let before = report(email: (2, 3), web: 0)

    /// Answers the pending request with `report` (and `before` when it asked for the previous period).
    func answer(_ state: DashboardState, _ report: SourceReport = now) -> (DashboardState, [DashboardEffect]) {
        let range = state.selection.range
        let previous = state.comparing ? try! range.stepped(by: -1) : nil
        // Answered as of the range's end: nothing cut (ComparedPeriodsViewTests has a range cut at now).
        let loaded = LoadedReport(range: range, report: report,
                                  compared: previous.map { ComparedPeriods(range: range, previous: $0, now: range.until) },
                                  previous: state.comparing ? Self.before : nil)
        return Dashboard.update(state, .loadFinished(LoadResult(requestID: state.pendingRequest!, range: range,
                                                                outcome: .success(loaded), durationSeconds: 0.01)), now: F.now)
    }

    func loaded(inboxesUnavailable: String? = nil, colored: Bool = true, glyphs: GlyphSet = .unicode) -> DashboardState {
        var state = DashboardState(sourceName: "demo data", calendar: F.calendar,
                                   selection: RangeSelection(preset: .last30Days, range: F.last30Days), refreshSeconds: 60,
                                   display: DisplayOptions(glyphs: glyphs, colored: colored), inboxesUnavailable: inboxesUnavailable)
        state = Dashboard.update(state, .started, now: F.now).0
        return Fixtures.unselected(answer(state).0)
    }

    @Test func cTogglesCompareAsOneRequestForBothPeriods() {
        let (comparing, effects) = F.press(loaded(), .character("c"))
        #expect(comparing.comparing)
        #expect(effects == [.cancelTick, .load(F.last30Days, comparing: true, requestID: 2)])
        let answered = answer(comparing).0
        #expect(answered.data?.model.comparing == true)
        #expect(answered.data?.loaded.compared?.previous == (try! F.last30Days.stepped(by: -1)))
        #expect(answered.visibleRows.map(\.label) == ["Email", "Website"])
        #expect(answered.visibleRows.first?.change(.total) == Change(now: 10, before: 5))
        #expect(answered.visibleTotals?.change(.total) == Change(now: 14, before: 5))
        // Off again: one request, for one period.
        let (off, offEffects) = F.press(answered, .character("c"))
        #expect(!off.comparing)
        #expect(offEffects == [.cancelTick, .load(F.last30Days, comparing: false, requestID: 3)])
        // A preset keeps comparing.
        #expect(F.press(answered, .character("2")).1.contains(.load(RangePreset.last7Days.range(now: F.now, calendar: F.calendar),
                                                                      comparing: true, requestID: 3)))
    }

    @Test func enterOpensTheSelectedChannelsInboxesAndEscComesBack() {
        let selected = F.press(loaded(), .down).0
        #expect(selected.channels.selected == "Channel::Email")
        #expect(F.press(loaded(), .enter).0.inboxView == nil)          // nothing selected: nothing to open
        let inside = F.press(selected, .enter).0
        #expect(inside.inboxView?.channelType == "Channel::Email")
        #expect(inside.visibleRows.map(\.label) == ["Billing", "Support mail"])
        #expect(inside.visibleTotals?.counts.total == 10)
        // Its own selection and sort.
        let moved = F.press(inside, .down, .down, .character("s")).0
        #expect(moved.inboxView?.table.selected == "12")
        #expect(moved.inboxView?.table.sort.column == .label)
        #expect(moved.visibleRows.map(\.label) == ["Billing", "Support mail"])
        #expect(moved.channels == selected.channels)
        let back = F.press(moved, .escape).0
        #expect(back.inboxView == nil)
        #expect(back.channels.selected == "Channel::Email")            // the selection kept
        #expect(F.press(back, .escape).0.channels.selected == nil)       // a second Esc clears it
    }

    /// A refresh inside the inbox view refreshes the inboxes; an inbox with nothing now loses its selection.
    @Test func refreshInsideTheInboxView() {
        var state = F.press(loaded(), .down, .enter).0
        #expect(state.inboxView?.table.selected == "13", "the first inbox is selected on the way in")
        state = F.press(state, .character("r")).0
        state = answer(state, Self.report(email: (5, 0), web: 4)).0
        #expect(state.inboxView?.channelType == "Channel::Email")
        #expect(state.visibleRows.map(\.key) == ["12"])
        #expect(state.visibleRows.first?.counts.total == 5)
        #expect(state.inboxView?.table.selected == nil)
        // Compare works inside too.
        state = answer(F.press(state, .character("c")).0).0
        #expect(state.visibleRows.map { $0.change(.total) } == [Change(now: 7, before: 3), Change(now: 3, before: 2)])
    }

    @Test func enterOnASourceWithoutInboxesSaysWhy() {
        let sentence = "Chatwoot's API has no per-inbox counts; read the database (--db postgres://…) to see inboxes"
        let state = F.press(loaded(inboxesUnavailable: sentence), .down, .enter).0
        #expect(state.inboxView == nil)
        #expect(state.notice == sentence)
        #expect(Dashboard.view(state, width: 120, height: 12).lines()[2].hasPrefix(sentence))
    }

    /// Comparing at 100, 72, 56 and 40 columns: the bar goes first, then the statuses' changes, then statuses;
    /// the total's change and percent stay as long as the total does.
    @Test func theChangeColumnsUnderPressure() {
        let state = answer(F.press(loaded(), .character("c")).0).0
        let wide = Dashboard.view(state, width: 100, height: 10).lines()
        #expect(wide[1].hasPrefix("Last 30 days  2026-10-27 – 2026-11-25 UTC  vs 2026-09-27 – 2026-10-26 UTC"))
        #expect(wide[3] == "Channel Open   ± Pending   ± Snoozed ± Resolved   ± Total   ±     %")
        #expect(wide[4].hasPrefix("Email      3 ▲+1       0   0       0 0        7 ▲+4    10 ▲+5 +100% ████"))
        #expect(wide[5].hasPrefix("Website    0   0       4 ▲+4       0 0        0   0     4 ▲+4   new ████"))
        #expect(wide[6] == "Total      3 ▲+1       4 ▲+4       0 0        7 ▲+4    14 ▲+9 +180%")
        // 56 columns: the statuses' changes go, then the bar; the total's change and percent stay.
        let medium = Dashboard.view(state, width: 56, height: 10).lines()
        #expect(medium[3] == "Channel Open Pending Snoozed Resolved Total   ±     %")
        #expect(medium[4] == "Email      3       0       0        7    10 ▲+5 +100%")
        // 40: then Snoozed and Pending.
        let narrow = Dashboard.view(state, width: 40, height: 10).lines()
        #expect(narrow[3] == "Channel Open Resolved Total   ±     %")
        #expect(narrow[6] == "Total      3        7    14 ▲+9 +180%")
        // No colour, ASCII: the sign alone says it.
        let ascii = Dashboard.view(answer(F.press(loaded(colored: false, glyphs: .ascii), .character("c")).0).0,
                                   width: 100, height: 10).lines()
        #expect(ascii[3] == "Channel Open +/- Pending +/- Snoozed +/- Resolved +/- Total +/-     %")
        #expect(ascii[4].hasPrefix("Email      3  +1       0   0       0   0        7  +4    10  +5 +100% ####"))
    }

    /// With colour, a rise and a fall are told apart by colour and by the sign; without, by the sign alone.
    @Test func changesAreColouredAndSigned() {
        let state = answer(F.press(loaded(), .character("c")).0).0
        let grid = Dashboard.view(state, width: 100, height: 10)
        let line = grid.lines()[4]
        let plus = line.distance(from: line.startIndex, to: line.range(of: "▲+1")!.lowerBound)
        #expect(grid[plus, 4].style.foreground == .increase)
        let colourless = Dashboard.view(answer(F.press(loaded(colored: false), .character("c")).0).0, width: 100, height: 10)
        #expect(colourless[plus, 4].style.foreground == nil)
        #expect(colourless.lines()[4].contains("▲+1"))
    }

    @Test func theInboxViewIsNamedInTheHeader() {
        let inside = F.press(loaded(), .down, .enter).0
        let lines = Dashboard.view(inside, width: 100, height: 10).lines()
        #expect(lines[0].hasPrefix("chanstat  demo data  › Email inboxes"))
        #expect(lines[3].hasPrefix("Inbox"))
        #expect(lines[4].hasPrefix("Billing"))
        let ascii = Dashboard.view(F.press(loaded(glyphs: .ascii), .down, .enter).0, width: 100, height: 10).lines()
        #expect(ascii[0].hasPrefix("chanstat  demo data  > Email inboxes"))
    }
}
