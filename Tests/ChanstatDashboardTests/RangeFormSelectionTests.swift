import ChanstatCore
import Testing
@testable import ChanstatDashboard

/// SPEC 6: a field entered by Tab is selected whole, as on opening, so typing replaces it (the hint says
/// "typing replaces"), and the selection is drawn so it can be seen, with or without colour.
@Suite struct RangeFormSelectionTests {
    typealias F = Fixtures

    private func form(_ state: DashboardState) -> RangeForm? { F.form(state) }

    /// Since edited, Tab to until, Tab back: typing replaces the edited since, it does not append.
    @Test func tabBackIntoAnEditedFieldAndTypingReplacesIt() {
        var state = F.press(F.loaded(), .character("d")).0
        state = F.type(state, "2025-01-01")
        #expect(form(state)?.since == "2025-01-01")
        state = F.press(state, .tab).0
        state = F.type(state, "2025-06-30")
        #expect(form(state)?.until == "2025-06-30")
        for back in [Key.tab, .backTab, .up, .down] {
            let returned = F.press(state, back).0
            #expect(form(returned)?.focus == .since)
            #expect(form(returned)?.since == "2025-01-01")
            #expect(F.type(returned, "2025-02-03").overlay == F.type(F.press(state, .backTab).0, "2025-02-03").overlay)
            #expect(form(F.type(returned, "2025-02-03"))?.since == "2025-02-03")
        }
        // And forward again into the edited until.
        state = F.press(state, .tab, .tab).0
        state = F.type(state, "2025-03-31")
        #expect(form(state)?.until == "2025-03-31")
        #expect(form(state)?.since == "2025-01-01")
    }

    /// An empty field has nothing to select: typing simply fills it.
    @Test func tabIntoAnEmptyFieldTypesIntoIt() {
        var state = F.press(F.loaded(), .character("d"), .control("a"), .control("k"), .tab, .tab).0
        #expect(form(state)?.since == "")
        #expect(form(state)?.sinceLine.isSelected == false)
        state = F.type(state, "2026-11-01")
        #expect(form(state)?.since == "2026-11-01")
    }

    /// The selected field's text is reverse (with the field's underline); after typing, only the cursor's cell
    /// is. Attributes, not colours: the same with colour and without.
    @Test(arguments: [true, false])
    func theSelectionIsDrawnInReverse(colored: Bool) throws {
        var state = F.press(F.loaded(colored: colored), .character("d")).0
        state = F.type(state, "2025-01-01")
        state = F.press(state, .tab, .tab).0  // back into the edited since
        let grid = Dashboard.view(state, width: 80, height: 24)
        let lines = grid.lines()
        let row = try #require(lines.firstIndex { $0.contains("Since ›2025-01-01") })
        let x = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: "›")!.upperBound)
        let reversed = (0..<12).map { grid[x + $0, row].style.reverse }
        #expect(reversed == Array(repeating: true, count: 10) + [false, false], "the ten characters, and no more")
        #expect((0..<12).allSatisfy { grid[x + $0, row].style.underline })
        // The unfocused field is neither.
        let untilRow = try #require(lines.firstIndex { $0.contains("Until  ") })
        #expect((0..<10).allSatisfy { !grid[x + $0, untilRow].style.reverse && !grid[x + $0, untilRow].style.underline })

        let typed = Dashboard.view(F.type(state, "2"), width: 80, height: 24)
        #expect(typed.lines()[row].contains("Since ›2 "))
        #expect((0..<12).map { typed[x + $0, row].style.reverse } == [false, true] + Array(repeating: false, count: 10))
    }
}
