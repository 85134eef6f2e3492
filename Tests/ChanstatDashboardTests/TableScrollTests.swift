import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

private typealias F = Fixtures

/// Issue 24 item 3: the table keeps its scroll offset in its state, as ratatui's `TableState` does, and a page is
/// what the window shows (its size is in the state, from `.resized`).
@Suite struct TableScrollTests {
    /// Ten channels, "A" (total 20) to "J" (total 11): sorted by total, A is first and J last.
    static let tenChannels = ChannelSummary(channels: Dictionary(uniqueKeysWithValues: (0..<10).map { index in
        ("Channel::\(Character(UnicodeScalar(UInt8(65 + index))))", F.counts(Int64(20 - index), 0, 0, 0))
    }))

    /// At 80 x 10 the table shows 3 rows: header 2 lines, a blank banner line, the titles, 3 rows, the totals,
    /// the legend and the footer.
    static func started(height: Int = 10) -> DashboardState {
        Dashboard.update(F.started(tenChannels), .resized(width: 80, height: height), now: F.now).0
    }

    /// The labels of the table's rows on screen, and the selected one, as drawn at the state's window size.
    static func drawn(_ state: DashboardState) -> (labels: [String], selected: String?, position: String) {
        let grid = Dashboard.view(state, width: state.window.width, height: state.window.height)
        let lines = grid.lines()
        let reverse = grid.styleLines { $0.reverse ? "R" : "." }
        let rows = (4..<(4 + Dashboard.tablePage(state)))
        let labels = rows.map { String(lines[$0].prefix { $0 != " " }) }
        let selected = rows.first { reverse[$0].hasPrefix("R") }.map { String(lines[$0].prefix { $0 != " " }) }
        let position = lines[3].split(separator: "  ").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return (labels, selected, position)
    }

    @Test func aPageIsWhatTheWindowShows() {
        #expect(Dashboard.tablePage(Self.started()) == 3)
        #expect(Dashboard.tablePage(Self.started(height: 13)) == 6)
        // Before any `.resized`, the size every terminal starts at: 24 lines have room for 17 rows.
        #expect(Dashboard.tablePage(F.started(Self.tenChannels)) == 17)
    }

    @Test func movingUpFromTheBottomMovesTheCursorNotThePage() {
        var state = Self.started()
        #expect(state.channels.selected == "Channel::A" && state.channels.offset == 0)
        state = F.press(state, .down, .down).0
        #expect(state.channels.offset == 0, "C is the bottom row shown: nothing scrolls yet")
        state = F.press(state, .down).0
        #expect(state.channels.selected == "Channel::D" && state.channels.offset == 1)
        #expect(Self.drawn(state) == (["B", "C", "D"], "D", "rows 2-4 of 10"))

        state = F.press(state, .up).0
        #expect(state.channels.selected == "Channel::C" && state.channels.offset == 1)
        #expect(Self.drawn(state) == (["B", "C", "D"], "C", "rows 2-4 of 10"))
        state = F.press(state, .character("k")).0
        #expect(Self.drawn(state) == (["B", "C", "D"], "B", "rows 2-4 of 10"))
        state = F.press(state, .up).0
        #expect(state.channels.offset == 0)
        #expect(Self.drawn(state) == (["A", "B", "C"], "A", "rows 1-3 of 10"))
    }

    @Test func pageDownAndUpMoveByThePageAndKeepTheCursorsLine() {
        var state = F.press(Self.started(), .pageDown).0
        #expect(Self.drawn(state) == (["D", "E", "F"], "D", "rows 4-6 of 10"))
        state = F.press(state, .down, .pageDown).0
        #expect(Self.drawn(state) == (["G", "H", "I"], "H", "rows 7-9 of 10"))
        // The last page stops at the last row: no empty lines under it.
        state = F.press(state, .pageDown).0
        #expect(Self.drawn(state) == (["H", "I", "J"], "J", "rows 8-10 of 10"))
        state = F.press(state, .pageUp).0
        #expect(Self.drawn(state) == (["E", "F", "G"], "G", "rows 5-7 of 10"))

        // A taller window: a longer page.
        state = Dashboard.update(state, .resized(width: 80, height: 13), now: F.now).0
        #expect(Self.drawn(state) == (["E", "F", "G", "H", "I", "J"], "G", "rows 5-10 of 10"))
        state = F.press(state, .pageUp).0
        #expect(Self.drawn(state) == (["A", "B", "C", "D", "E", "F"], "A", "rows 1-6 of 10"))
    }

    @Test func aShorterWindowKeepsTheSelectionOnScreen() {
        var state = F.press(Self.started(height: 13), .pageDown).0
        #expect(Self.drawn(state) == (["E", "F", "G", "H", "I", "J"], "G", "rows 5-10 of 10"))
        // Three rows from E still hold G: the offset stays; one row less and it moves just enough.
        state = Dashboard.update(state, .resized(width: 80, height: 10), now: F.now).0
        #expect(Self.drawn(state) == (["E", "F", "G"], "G", "rows 5-7 of 10"))
        state = Dashboard.update(state, .resized(width: 80, height: 9), now: F.now).0
        #expect(Self.drawn(state) == (["F", "G"], "G", "rows 6-7 of 10"))
    }

    @Test func homeAndEndScrollToTheEnds() {
        let state = F.press(Self.started(), .down, .down, .down).0
        #expect(state.channels.offset == 1)
        #expect(F.press(state, .up, .up).0.channels.offset == 1)
        #expect(F.press(state, .home).0.channels.offset == 0)
        #expect(F.press(state, .end).0.channels.offset == 7)
    }
}
