import ChanstatCore
import Testing
@testable import ChanstatDashboard

@Suite struct RangeFormTests {
    typealias F = Fixtures

    private func form(_ state: DashboardState) -> RangeForm? { F.form(state) }

    private func enter(since: String, until: String) -> (DashboardState, [DashboardEffect]) {
        F.enterRange(since: since, until: until)
    }

    @Test func dOpensTheFormPrefilledWithTheLastIncludedDay() {
        let state = F.press(F.loaded(), .character("d")).0
        // Last 30 days at 2026-11-25: from 2026-10-27 00:00 to 2026-11-26 00:00, which ends on the 25th.
        #expect(form(state) == RangeForm(range: F.last30Days, calendar: F.calendar))
        #expect(form(state)?.since == "2026-10-27")
        #expect(form(state)?.until == "2026-11-25")
        #expect(form(state)?.focus == .since)
    }

    @Test func keysEditTheFocusedFieldAndTabSwitchesFields() {
        var state = F.press(F.loaded(), .character("d"), .backspace, .backspace).0
        state = F.type(state, "01q")  // letters type, they do not quit
        #expect(form(state)?.since == "2026-10-01q")
        #expect(!state.quitting)
        state = F.press(state, .tab, .backspace).0
        #expect(form(state)?.until == "2026-11-2")
        #expect(form(state)?.focus == .until)
        #expect(form(state)?.focus == .until)
        #expect(form(F.press(state, .backTab).0)?.focus == .since)
    }

    @Test func aValidRangeClosesTheFormAndLoadsIt() throws {
        let (state, effects) = enter(since: "2026-09-01", until: "2026-09-30")
        let expected = try DateRange(since: F.calendar.startOfDay(CivilDate(year: 2026, month: 9, day: 1)!),
                                     until: F.calendar.startOfDay(CivilDate(year: 2026, month: 10, day: 1)!))
        #expect(state.overlay == .none)
        #expect(state.selection == RangeSelection(preset: nil, range: expected))
        #expect(effects == [.cancelTick, .load(expected, comparing: false, requestID: 2)])
    }

    @Test(arguments: [
        ("2026-13-01", "2026-11-25", RangeField.since,
         "since \"2026-13-01\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time"),
        ("2026-11-01", "yesterday", .until,
         "until \"yesterday\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time"),
        ("2026-11-20", "2026-11-10", .until, "until must be after since"),
        ("2026-01-01", "2026-11-25", .until, "Date range cannot exceed 6 months (182.6 days); this range is 329.0 days"),
        ("", "2026-11-25", .since, "since is missing"),
    ])
    func anInvalidRangeIsShownUnderItsFieldAndNothingIsFetched(since: String, until: String, field: RangeField, message: String) {
        let (state, effects) = enter(since: since, until: until)
        #expect(effects.isEmpty)
        #expect(form(state)?.error?.message == message)
        #expect(form(state)?.error?.field == field)
        #expect(form(state)?.focus == field)
        #expect(state.selection == F.loaded().selection)
        #expect(state.data == F.loaded().data)
        // The message is drawn under its field.
        let lines = Dashboard.view(state, width: 80, height: 24).lines()
        let fieldRow = lines.firstIndex { $0.contains(field == .since ? "Since" : "Until") }!
        #expect(lines[fieldRow + 1].contains(String(message.prefix(20))))
    }

    @Test func editingClearsTheErrorAndEscCancelsWithoutChanges() {
        var (state, _) = enter(since: "x", until: "2026-11-25")
        #expect(form(state)?.error != nil)
        state = F.type(state, "y")
        #expect(form(state)?.error == nil)
        let (closed, effects) = F.press(state, .escape)
        #expect(closed.overlay == .none)
        #expect(effects.isEmpty)
        #expect(closed.selection == F.loaded().selection)
    }
}

extension RangeFormTests {
    @Test func onlyPrintableASCIIIsTypedAndFieldsHaveALimit() {
        var state = F.press(F.loaded(), .character("d")).0
        state = F.type(state, "é日\u{7}")
        #expect(form(state)?.since == "2026-10-27")
        state = F.type(state, String(repeating: "9", count: 40))
        #expect(form(state)?.since.count == RangeForm.maximumLength)
    }
}

extension RangeFormTests {
    @Test func theFormsKeysReachTheFocusedLine() {
        var state = F.press(F.loaded(), .character("d")).0
        state = F.type(state, "2026-09-01")  // replaces the prefilled since
        #expect(form(state)?.since == "2026-09-01")
        state = F.press(state, .control("a"), .delete, .end, .control("w")).0
        #expect(form(state)?.since == "026-09-")
        state = F.press(state, .tab, .control("u")).0
        #expect(form(state)?.until == "")
        #expect(form(state)?.since == "026-09-")
        state = F.press(state, .home, .control("k"), .left, .right, .backspace).0
        #expect(form(state)?.until == "")
    }

    @Test func aRangeTooLongSaysTheLatestUntilAfterTheContractsWords() {
        let (state, effects) = enter(since: "2026-01-01", until: "2026-12-31")
        #expect(effects.isEmpty)
        // 2026-01-01 plus 15,778,476 s is 2026-07-02 14:54:36: until 2026-07-02 would end at 07-03 00:00.
        #expect(form(state)?.errorText
                == "Date range cannot exceed 6 months (182.6 days); this range is 365.0 days; until at most 2026-07-01")
        let text = Dashboard.view(state, width: 80, height: 24).lines().joined(separator: "\n")
        #expect(text.contains("Date range cannot exceed"))
        #expect(text.contains("until at most 2026-07-01"))
        // That until is accepted.
        let fixed = F.press(F.type(F.press(state, .control("u")).0, "2026-07-01"), .enter).0
        #expect(fixed.overlay == .none)
    }

    @Test func otherErrorsHaveNoHint() {
        let (state, _) = enter(since: "2026-11-20", until: "2026-11-10")
        #expect(form(state)?.errorText == "until must be after since")
    }
}
