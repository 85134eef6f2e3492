import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

/// What the dashboard shows is what was counted (SPEC 8 and 14): a compare of a range that ends after now says
/// "so far" and names the cut previous period, the status changes carry their note, the grid places code
/// points as the terminal does, and the form refuses a date without dashes.
@Suite struct HonestScreenTests {
    typealias F = Fixtures

    /// Compare on, answered for the last 30 days at F.now (2026-11-25 12:00 UTC), cut as the loads cut it.
    static func comparingSoFar() throws -> DashboardState {
        let state = F.press(F.loaded(), .character("c")).0
        let range = state.selection.range
        let compared = ComparedPeriods(range: range, previous: try F.calendar.step(range, by: -1),
                                       now: Int64(F.now.timeIntervalSince1970))
        let loaded = LoadedReport(range: range, report: SourceReport(summary: F.summary), compared: compared,
                                  previous: SourceReport(summary: F.summary))
        let result = LoadResult(requestID: state.pendingRequest!, range: range, outcome: .success(loaded), durationSeconds: 0.01)
        return Dashboard.update(state, .loadFinished(result), now: F.now).0
    }

    @Test func theHeaderSaysSoFarAndNamesTheCutPreviousPeriod() throws {
        let lines = Dashboard.view(try Self.comparingSoFar(), width: 140, height: 24).lines()
        // 2026-10-27 to now; the previous period from 2026-09-27 for the same 29.5 days, to 10-26 12:00.
        #expect(lines[1].hasPrefix("Last 30 days  2026-10-27 – 2026-11-25 UTC so far  vs 2026-09-27 00:00 – 2026-10-26 11:59:59 UTC"))
        #expect(lines[2] == Change.statusChangesNote)
        // Without compare, neither.
        let plain = Dashboard.view(F.loaded(), width: 140, height: 24).lines()
        #expect(!plain[1].contains("so far") && !plain.contains(Change.statusChangesNote))
    }

    /// The note gives up its end rather than a row of the table.
    @Test func theNoteTakesOneLineOnANarrowScreen() throws {
        let lines = Dashboard.view(try Self.comparingSoFar(), width: 40, height: 24).lines()
        #expect(lines[2] == DisplayWidth.truncate(Change.statusChangesNote, to: 40))
        #expect(lines[3].hasPrefix("Channel"))
    }

    /// A grapheme is placed per code point: a flag is two one-column cells, a skin-toned emoji two wide cells,
    /// a combining mark stays on its base, so the next text starts where the terminal's cursor is.
    @Test func theGridPlacesCodePointsAsTheTerminalDoes() {
        var grid = CellGrid(width: 20, height: 1)
        let used = grid.write("a🇫🇷b👍🏽ce\u{301}d", x: 0, y: 0)
        #expect(used == 11)
        #expect((0..<12).map { grid[$0, 0].text } == ["a", "🇫", "🇷", "b", "👍", "", "🏽", "", "c", "e\u{301}", "d", " "])
        #expect(grid.lines() == ["a🇫🇷b👍🏽ce\u{301}d"])
    }

    /// The form shares WhenParser: eight digits that make a date are refused under their field, nothing loaded,
    /// even where as Unix seconds they would make a valid range (29 seconds of 1970; 20000000 is no date).
    @Test(arguments: [("20261101", "20261130", RangeField.since, "2026-11-01"),
                      ("20000000", "20261130", RangeField.until, "2026-11-30")])
    func theFormRefusesADateWithoutDashes(since: String, until: String, field: RangeField, date: String) {
        let (after, effects) = F.enterRange(since: since, until: until)
        guard case .rangeForm(let form) = after.overlay else {
            Issue.record("the form closed")
            return
        }
        #expect(effects.isEmpty)
        #expect(form.error?.field == field)
        #expect(form.error?.message.hasSuffix("a date without dashes? write \(date)") == true)
    }
}
