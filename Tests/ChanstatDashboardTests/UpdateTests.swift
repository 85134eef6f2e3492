import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

@Suite struct UpdateTests {
    typealias F = Fixtures

    private func finish(_ state: DashboardState, _ outcome: Result<LoadedReport, SourceError>,
                        request: Int? = nil, range: DateRange? = nil) -> (DashboardState, [DashboardEffect]) {
        let result = LoadResult(requestID: request ?? state.pendingRequest!, range: range ?? state.selection.range,
                                outcome: outcome, durationSeconds: 0.5)
        return Dashboard.update(state, .loadFinished(result), now: F.now)
    }

    // MARK: Loading and the timer

    @Test func startingLoadsTheRangeAndWaitsForTheAnswer() {
        let (state, effects) = Dashboard.update(F.state(), .started, now: F.now)
        #expect(effects == [.cancelTick, .load(F.last30Days, comparing: false, requestID: 1)])
        #expect(state.isLoading)
        #expect(state.data == nil)
    }

    @Test func aSuccessfulLoadStoresTheDataAndRearmsTheTimer() {
        let started = Dashboard.update(F.state(), .started, now: F.now).0
        let (state, effects) = finish(started, .success(F.loadedReport(F.summary)))
        #expect(state.data?.loaded.report.summary == F.summary)
        #expect(state.data?.refreshedAt == 1_795_608_000)
        #expect(state.data?.durationSeconds == 0.5)
        #expect(!state.isLoading)
        #expect(effects == [.scheduleTick(afterSeconds: 60, generation: state.refresh.timerGeneration)])
    }

    @Test func aFailedLoadKeepsTheDataMarksItStaleAndStillRearmsTheTimer() {
        let loaded = F.loaded()
        let refreshing = F.press(loaded, .character("r")).0
        let (state, effects) = finish(refreshing, .failure(SourceError(.unavailable, "The file is locked.")))
        #expect(state.data == loaded.data)
        #expect(state.loadError?.message == "The file is locked.")
        #expect(effects == [.scheduleTick(afterSeconds: 60, generation: state.refresh.timerGeneration)])
        // The next success clears the stale mark.
        let again = F.press(state, .character("r")).0
        #expect(finish(again, .success(F.loadedReport(F.summary))).0.loadError == nil)
    }

    @Test func anAnswerToAnOlderRequestIsDropped() {
        var state = F.loaded()
        state = F.press(state, .character("2")).0          // request 2: last 7 days
        let old = state.pendingRequest!
        state = F.press(state, .character("1")).0          // request 3: today
        let newer = RangePreset.today.range(now: F.now, calendar: F.calendar)
        let stale = ChannelSummary(channels: ["Channel::Email": F.counts(99, 0, 0, 0)])
        let last7 = RangePreset.last7Days.range(now: F.now, calendar: F.calendar)
        let (afterOld, effects) = finish(state, .success(F.loadedReport(stale, range: last7)), request: old, range: last7)
        #expect(effects.isEmpty)
        #expect(afterOld.data == F.loaded().data)
        #expect(afterOld.pendingRequest == old + 1)
        let (afterNew, _) = finish(afterOld, .success(F.loadedReport(stale, range: newer)), range: newer)
        #expect(afterNew.data?.range == newer)
    }

    @Test func aTickRefreshesOnlyWhenItIsTheCurrentTimer() {
        let state = F.loaded()
        let current = state.refresh.timerGeneration
        #expect(Dashboard.update(state, .tick(generation: current - 1), now: F.now).1.isEmpty)
        let (ticked, effects) = Dashboard.update(state, .tick(generation: current), now: F.now)
        #expect(effects == [.cancelTick, .load(F.last30Days, comparing: false, requestID: 2)])
        // A tick while a load runs starts nothing more: the answer re-arms the timer.
        #expect(Dashboard.update(ticked, .tick(generation: ticked.refresh.timerGeneration), now: F.now).1.isEmpty)
    }

    @Test func aPresetIsRecomputedOnEachRefreshSoTodayFollowsTheClock() {
        var state = F.press(F.loaded(), .character("1")).0
        state = finish(state, .success(F.loadedReport(F.summary))).0
        let tomorrow = F.now.addingTimeInterval(86_400)
        let (_, effects) = Dashboard.update(state, .tick(generation: state.refresh.timerGeneration), now: tomorrow)
        let expected = RangePreset.today.range(now: tomorrow, calendar: F.calendar)
        #expect(effects.contains(.load(expected, comparing: false, requestID: state.lastRequestID + 1)))
    }

    // MARK: Keys

    @Test func digitsSelectPresets() {
        for preset in RangePreset.allCases {
            let (state, effects) = F.press(F.loaded(), .character(Character("\(preset.digit)")))
            let range = preset.range(now: F.now, calendar: F.calendar)
            #expect(state.selection == RangeSelection(preset: preset, range: range))
            #expect(effects == [.cancelTick, .load(range, comparing: false, requestID: 2)])
        }
        for unused in ["0", "8", "9"] {
            #expect(F.press(F.loaded(), .character(Character(unused))).1.isEmpty)
        }
    }

    @Test func bracketsStepTheRangeByItsOwnLengthAndAStepOntoAPresetIsThatPreset() throws {
        let (back, effects) = F.press(F.loaded(), .character("["))
        let expected = try F.last30Days.stepped(by: -1)
        #expect(back.selection == RangeSelection(preset: nil, range: expected))
        #expect(effects == [.cancelTick, .load(expected, comparing: false, requestID: 2)])
        let forward = F.press(back, .character("]")).0
        #expect(forward.selection.range == F.last30Days)
        #expect(forward.selection.preset == .last30Days)
    }

    /// Issue 14 item 15: last month (October, on 2026-11-25) steps back to September, not to 30 days before;
    /// forward again is "Last month" by name, and then this month so far, never past today.
    @Test func monthRangesStepByCalendarMonthsAndNeverPastToday() throws {
        func month(_ month: Int, _ day: Int = 1, until: (Int, Int)? = nil) throws -> DateRange {
            let first = try #require(CivilDate(year: 2026, month: month, day: day))
            let end = try until.map { try #require(CivilDate(year: 2026, month: $0.0, day: $0.1)) } ?? first.firstOfMonth(offset: 1)
            return try DateRange(since: F.calendar.startOfDay(first), until: F.calendar.startOfDay(end))
        }
        let lastMonth = F.press(F.loaded(), .character("7")).0
        #expect(lastMonth.selection.range == (try month(10)))
        let september = F.press(lastMonth, .character("[")).0
        #expect(september.selection == RangeSelection(preset: nil, range: try month(9)))
        let october = F.press(september, .character("]")).0
        #expect(october.selection.preset == .lastMonth)
        let november = F.press(october, .character("]")).0
        #expect(november.selection.range == (try month(11, until: (11, 26))))
        #expect(november.selection.preset == .thisMonth)
        let (refused, effects) = F.press(november, .character("]"))
        #expect(effects.isEmpty)
        #expect(refused.notice == "This range already reaches today: ] does not step into the future.")
        #expect(refused.selection == november.selection)
    }

    @Test func aStepThatLeavesTheValidRangeShowsTheErrorAndFetchesNothing() throws {
        var state = F.loaded()
        state.selection = RangeSelection(preset: nil, range: try DateRange(since: Int64.min + 1, until: Int64.min + 100))
        let (stepped, effects) = F.press(state, .character("["))
        #expect(effects.isEmpty)
        #expect(stepped.notice == "Date range cannot exceed 6 months (182.6 days)")
        #expect(stepped.selection == state.selection)
        #expect(F.press(stepped, .character("r")).0.notice == nil)
    }

    @Test func rRefreshesNowAndSupersedesALoadInFlight() {
        let (state, effects) = F.press(F.loaded(), .character("r"))
        #expect(effects == [.cancelTick, .load(F.last30Days, comparing: false, requestID: 2)])
        let (again, moreEffects) = F.press(state, .character("r"))
        // The superseded load is cancelled (its answer would be dropped anyway) before the new one starts.
        #expect(moreEffects == [.cancelLoad(requestID: 2), .cancelTick, .load(F.last30Days, comparing: false, requestID: 3)])
        #expect(again.pendingRequest == 3)
        // An idle dashboard has nothing to cancel; a preset key while loading cancels the load it replaces.
        #expect(!effects.contains { if case .cancelLoad = $0 { true } else { false } })
        #expect(F.press(again, .character("1")).1.first == .cancelLoad(requestID: 3))
    }

    /// At start the first row (in the table's order) is selected, so Enter opens it at once; a refresh later
    /// leaves a selection cleared with Esc cleared.
    @Test func theFirstRowIsSelectedAtStartAndEnterOpensIt() {
        let started = F.started()
        #expect(started.channels.selected == "Channel::WebWidget")
        #expect(F.press(started, .enter).0.inboxView?.channelType == "Channel::WebWidget")
        let cleared = F.press(started, .escape).0
        #expect(cleared.channels.selected == nil)
        var refreshed = F.press(cleared, .character("r")).0
        let result = LoadResult(requestID: refreshed.pendingRequest!, range: refreshed.selection.range,
                                outcome: .success(F.loadedReport(F.summary)), durationSeconds: 0.01)
        refreshed = Dashboard.update(refreshed, .loadFinished(result), now: F.now).0
        #expect(refreshed.data != nil && refreshed.channels.selected == nil)
    }

    @Test func plusAndMinusStepTheIntervalAndRestartTheTimer() {
        let (faster, effects) = F.press(F.loaded(), .character("+"))
        #expect(faster.refresh.intervalSeconds == 30)
        #expect(effects == [.scheduleTick(afterSeconds: 30, generation: faster.refresh.timerGeneration)])
        let slower = F.press(F.loaded(), .character("-"), .character("-")).0
        #expect(slower.refresh.intervalSeconds == 300)
        var state = F.loaded()
        for _ in 0..<20 { state = F.press(state, .character("+")).0 }
        #expect(state.refresh.intervalSeconds == 5)
        #expect(F.press(state, .character("+")).1.isEmpty)  // already the shortest
        for _ in 0..<20 { state = F.press(state, .character("-")).0 }
        #expect(state.refresh.intervalSeconds == 3600)
    }

    @Test func pPausesAndResumesAutoRefresh() {
        let (paused, effects) = F.press(F.loaded(), .character("p"))
        #expect(paused.refresh.paused)
        #expect(effects == [.cancelTick])
        #expect(Dashboard.update(paused, .tick(generation: paused.refresh.timerGeneration), now: F.now).1.isEmpty)
        // While paused a manual refresh still works, and its answer does not re-arm the timer.
        let refreshed = F.press(paused, .character("r")).0
        #expect(finish(refreshed, .success(F.loadedReport(F.summary))).1.isEmpty)
        let (resumed, resumeEffects) = F.press(paused, .character("p"))
        #expect(!resumed.refresh.paused)
        #expect(resumeEffects == [.scheduleTick(afterSeconds: 60, generation: resumed.refresh.timerGeneration)])
    }

    @Test func arrowsAndJKMoveTheSelectionWithinTheTable() {
        // Sorted by total: Website 48, Email 14, WhatsApp 5.
        let state = F.loaded()
        #expect(F.press(state, .down).0.channels.selected == "Channel::WebWidget")
        #expect(F.press(state, .up).0.channels.selected == "Channel::Whatsapp")
        #expect(F.press(state, .character("j"), .character("j")).0.channels.selected == "Channel::Email")
        #expect(F.press(state, .down, .down, .down, .down).0.channels.selected == "Channel::Whatsapp")
        #expect(F.press(state, .down, .down, .character("k"), .up, .up).0.channels.selected == "Channel::WebWidget")
        #expect(F.press(state, .down, .end).0.channels.selected == "Channel::Whatsapp")
        #expect(F.press(state, .down, .end, .home).0.channels.selected == "Channel::WebWidget")
        #expect(F.press(state, .down, .pageDown).0.channels.selected == "Channel::Whatsapp")
        #expect(F.press(state, .up, .pageUp).0.channels.selected == "Channel::WebWidget")
        #expect(F.press(state, .down, .escape).0.channels.selected == nil)
    }

    @Test func sCyclesTheSortColumnAndShiftSReversesIt() {
        let labels = { (state: DashboardState) in state.visibleRows.map(\.label) }
        let state = F.loaded()
        #expect(labels(state) == ["Website", "Email", "WhatsApp"])
        let byChannel = F.press(state, .character("s")).0
        #expect(byChannel.channels.sort == ReportSort(column: .label, reversed: false))
        #expect(labels(byChannel) == ["Email", "Website", "WhatsApp"])
        #expect(labels(F.press(byChannel, .character("S")).0) == ["WhatsApp", "Website", "Email"])
        let byOpen = F.press(byChannel, .character("s")).0
        #expect(byOpen.channels.sort.column == .open)
        #expect(labels(byOpen) == ["Website", "Email", "WhatsApp"])
        var cycled = byOpen
        for _ in 0..<6 { cycled = F.press(cycled, .character("s")).0 }  // six columns: back where it was
        #expect(cycled.channels.sort.column == .open)
    }

    @Test func theSelectionFollowsItsRowWhenTheOrderChanges() {
        let state = F.press(F.loaded(), .down, .down).0  // Email
        let resorted = F.press(state, .character("S")).0
        #expect(resorted.channels.selected == "Channel::Email")
        #expect(F.press(resorted, .down).0.channels.selected == "Channel::WebWidget")
    }

    @Test func questionMarkOpensHelpAndAnyKeyClosesIt() {
        let help = F.press(F.loaded(), .character("?")).0
        #expect(help.overlay == .help)
        let (closed, effects) = F.press(help, .character("q"))
        #expect(closed.overlay == .none)
        #expect(!closed.quitting)
        #expect(effects.isEmpty)
    }

    @Test func qCtrlCAndTerminationQuit() {
        for message in [DashboardMessage.key(.character("q")), .key(.interrupt), .terminate] {
            let (state, effects) = Dashboard.update(F.loaded(), message, now: F.now)
            #expect(state.quitting)
            #expect(effects == [.quit])
        }
        // Ctrl-C quits even from the form or the help.
        let form = F.press(F.loaded(), .character("d")).0
        #expect(F.press(form, .interrupt).1 == [.quit])
    }

    @Test func aResizeChangesNothingButTheNextDrawing() {
        let state = F.loaded()
        let (resized, effects) = Dashboard.update(state, .resized(width: 10, height: 3), now: F.now)
        #expect(effects.isEmpty)
        #expect(resized.selection == state.selection && resized.data == state.data)
    }
}
