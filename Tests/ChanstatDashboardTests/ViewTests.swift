import ChanstatCore
import Testing
@testable import ChanstatDashboard

/// The view drawn into a grid and compared line by line (trailing spaces trimmed).
@Suite struct ViewTests {
    typealias F = Fixtures

    /// A full screen: `top` lines, blank lines, then `bottom` lines at the last rows.
    private func screen(_ top: [String], _ bottom: [String], height: Int) -> [String] {
        top + Array(repeating: "", count: height - top.count - bottom.count) + bottom
    }

    private let unicodeLegend = "█ Open  █ Pending  █ Snoozed  █ Resolved"
    private let fullFooter = "q quit  ? help  r refresh  1-7 range  [ ] step  c compare  t trend  Enter open  d dates  p pause  + - interval  s sort  g group  n queue"

    @Test func tooSmallTerminalsSayTheSizeNeeded() {
        let expected = [
            " Terminal too small",
            "     need 32x8",
            "     have 20x5",
            "      q quits",
            "",
        ]
        #expect(Dashboard.view(F.loaded(), width: 20, height: 5).lines() == expected)
        #expect(Dashboard.view(F.loaded(glyphs: .ascii), width: 20, height: 5).lines() == expected)
        #expect(Dashboard.view(F.loaded(), width: 31, height: 30).lines()[15] == "          have 31x30")
    }

    @Test func degenerateSizesDoNotCrash() {
        #expect(Dashboard.view(F.loaded(), width: 1, height: 1).lines() == ["T"])
        #expect(Dashboard.view(F.loaded(), width: 0, height: 0).lines() == [])
        #expect(Dashboard.view(F.loaded(), width: -5, height: 3).lines() == ["", "", ""])
        for width in 0...45 {
            for height in 0...12 {
                let grid = Dashboard.view(F.press(F.loaded(), .character("?")).0, width: width, height: height)
                #expect(grid.lines().count == max(0, height))
                _ = Dashboard.view(F.press(F.loaded(), .character("d")).0, width: width, height: height)
            }
        }
    }

    /// At 40 columns the bar goes before any count column (issue 14 item 16), then Snoozed; the header drops
    /// what the numbers are before it drops the refresh state.
    @Test func narrow40x12DropsTheBarThenSnoozedAndShortensTheHeader() {
        for glyphs in [GlyphSet.unicode, .ascii] {
            let dash = glyphs.asciiOnly ? "-" : "–"
            #expect(Dashboard.view(F.loaded(glyphs: glyphs), width: 40, height: 12).lines() == screen([
                "chanstat  demo data           auto 1 min",
                "Last 30 days  2026-10-27 \(dash) 2026-11-25 U\(glyphs.ellipsis)",
                "",
                "Channel  Open Pending Resolved Total",
                "Website    12       4       30    48",
                "Email       3       1       10    14",
                "WhatsApp    0       0        5     5",
                "Total      15       5       45    67",
            ], [
                "q quit  ? help  r refresh  1-7 range",
            ], height: 12))
        }
    }

    @Test func standard80x24InUnicodeAndASCII() {
        let header = [
            "chanstat  demo data  created in range, status now       auto-refresh every 1 min",
            "Last 30 days  2026-10-27 – 2026-11-25 UTC   updated 2026-11-25 12:00:00 in 12 ms",
            "",
            "Channel  Open Pending Snoozed Resolved Total",
        ]
        let footer = "q quit  ? help  r refresh  1-7 range  [ ] step  c compare  t trend  Enter open"
        #expect(Dashboard.view(F.loaded(), width: 80, height: 24).lines() == screen(header + [
            "Website    12       4       2       30    48 ███████████████████████████████████",
            "Email       3       1       0       10    14 ██████████▎",
            "WhatsApp    0       0       0        5     5 ███▋",
            "Total      15       5       2       45    67",
        ], [unicodeLegend, footer], height: 24))
        let asciiHeader = header.map { $0.replacingOccurrences(of: "–", with: "-") }
        #expect(Dashboard.view(F.loaded(glyphs: .ascii), width: 80, height: 24).lines() == screen(asciiHeader + [
            "Website    12       4       2       30    48 #########===~----------------------",
            "Email       3       1       0       10    14 ##=-------",
            "WhatsApp    0       0       0        5     5 ----",
            "Total      15       5       2       45    67",
        ], ["# Open  = Pending  ~ Snoozed  - Resolved", footer], height: 24))
    }

    @Test func wideTerminalsCapTheBarAt60Cells() {
        let lines = Dashboard.view(F.loaded(), width: 120, height: 40).lines()
        #expect(lines == screen([
            "chanstat  demo data  " + HeaderWidget.meanings[0] + String(repeating: " ", count: 26) + "auto-refresh every 1 min",
            "Last 30 days  2026-10-27 – 2026-11-25 UTC" + String(repeating: " ", count: 43) + "updated 2026-11-25 12:00:00 in 12 ms",
            "",
            "Channel  Open Pending Snoozed Resolved Total",
            "Website    12       4       2       30    48 " + String(repeating: "█", count: 60),
            "Email       3       1       0       10    14 █████████████████▌",
            "WhatsApp    0       0       0        5     5 ██████▎",
            "Total      15       5       2       45    67",
        ], [unicodeLegend, "q quit  ? help  r refresh  1-7 range  [ ] step  c compare  t trend  Enter open  d dates  p pause  + - interval  s sort"], height: 40))

        let huge = Dashboard.view(F.loaded(glyphs: .ascii), width: 300, height: 80).lines()
        #expect(huge == screen([
            "chanstat  demo data  " + HeaderWidget.meanings[0] + String(repeating: " ", count: 206) + "auto-refresh every 1 min",
            "Last 30 days  2026-10-27 - 2026-11-25 UTC" + String(repeating: " ", count: 223) + "updated 2026-11-25 12:00:00 in 12 ms",
            "",
            "Channel  Open Pending Snoozed Resolved Total",
            "Website    12       4       2       30    48 ###############=====~~~-------------------------------------",
            "Email       3       1       0       10    14 ####=-------------",
            "WhatsApp    0       0       0        5     5 ------",
            "Total      15       5       2       45    67",
        ], ["# Open  = Pending  ~ Snoozed  - Resolved", fullFooter], height: 80))
        #expect(huge.allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    /// Without colour, bars end on whole cells: a partial cell (▍) would read as Open's fill (issue 14 item 17).
    @Test func withoutColourStatusesHaveTheirOwnGlyphsAndNoCellHasAColour() {
        let grid = Dashboard.view(F.loaded(colored: false), width: 60, height: 10)
        #expect(Array(grid.lines()[3...7]) == [
            "Channel  Open Pending Snoozed Resolved Total",
            "Website    12       4       2       30    48 ████▓▒░░░░░░░░░",
            "Email       3       1       0       10    14 █▓░░",   // 4 3/8 cells round to 4
            "WhatsApp    0       0       0        5     5 ░░",     // 12.5 eighths round up to 13, 1 5/8 to 2
            "Total      15       5       2       45    67",
        ])
        #expect(!grid.lines().joined().contains { GlyphSet.unicode.eighths.dropFirst().contains($0) })
        #expect(grid.lines()[8] == "█ Open  ▓ Pending  ▒ Snoozed  ░ Resolved")
        #expect(grid.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
    }

    @Test func withColourBarSegmentsAreColouredByStatus() {
        let grid = Dashboard.view(F.loaded(), width: 60, height: 10)
        let code: (CellStyle) -> Character = { style in
            switch style.foreground {
            case .open: return "o"
            case .pending: return "p"
            case .snoozed: return "s"
            case .resolved: return "r"
            default: return "."
            }
        }
        let styles = grid.styleLines(code)
        // Website: 12 open, 4 pending, 2 snoozed, 30 resolved in 15 cells.
        #expect(styles[4] == String(repeating: ".", count: 45) + "oooopsrrrrrrrrr")
        #expect(styles[8] == "o.......p..........s..........r" + String(repeating: ".", count: 29))
    }

    @Test func theSelectedRowIsReverseAndTheSortedColumnIsMarked() {
        let state = F.press(F.loaded(colored: false), .down, .down).0  // Email
        let grid = Dashboard.view(state, width: 60, height: 10)
        let reverse = grid.styleLines { $0.reverse ? "R" : "." }
        #expect(reverse[5] == String(repeating: "R", count: 60))
        #expect(reverse[3] == String(repeating: ".", count: 39) + "RRRRR" + String(repeating: ".", count: 16))  // Total
        #expect(reverse[4] == String(repeating: ".", count: 60))
    }

    @Test func rowsThatDoNotFitScrollWithTheSelectionAndSaySo() {
        let state = F.press(F.loaded(), .up).0  // the last row, WhatsApp
        #expect(Array(Dashboard.view(state, width: 60, height: 9).lines()[3...6]) == [
            "Channel  Open Pending Snoozed Resolved Total   rows 2-3 of 3",
            "Email       3       1       0       10    14 ████▍",
            "WhatsApp    0       0       0        5     5 █▋",
            "Total      15       5       2       45    67",
        ])
    }

    @Test func aHostileChannelTypeIsShownHarmlessly() {
        let hostile = ChannelSummary(channels: [
            "Channel::\u{1B}[31mRed\u{7}": F.counts(1, 2, 0, 0), "Channel::Email": F.counts(3, 0, 0, 0),
        ])
        let grid = Dashboard.view(F.loaded(hostile), width: 60, height: 9)
        #expect(Array(grid.lines()[4...5]) == [
            "Email        3       0       0        0     3 ██████████████",
            "\u{FFFD}[31mRed\u{FFFD}    1       0       0        2     3 ██████████████",
        ])
        let controls = grid.cells.flatMap { $0.text.unicodeScalars }.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty)
    }

    @Test func emptyLoadingAndStaleStates() {
        #expect(Dashboard.view(F.loaded(ChannelSummary()), width: 50, height: 9).lines()[5]
                == "          No conversations in this range")
        let loading = Dashboard.update(F.state(), .started, now: F.now).0
        let loadingLines = Dashboard.view(loading, width: 50, height: 9).lines()
        #expect(loadingLines[0] == "chanstat  demo data                    refreshing…")
        #expect(loadingLines[5] == "                     Loading…")

        var stale = F.press(F.loaded(), .character("r")).0
        let failure = LoadResult(requestID: stale.pendingRequest!, range: stale.selection.range,
                                 outcome: .failure(SourceError(.unavailable, "Cannot open demo.sqlite: it is locked.")),
                                 durationSeconds: 1)
        stale = Dashboard.update(stale, .loadFinished(failure), now: F.now).0
        let lines = Dashboard.view(stale, width: 80, height: 10).lines()
        #expect(lines[2] == " Stale (data from 2026-11-25 12:00:00): Cannot open demo.sqlite: it is locked.")
        #expect(lines[4] == "Website    12       4       2       30    48 ███████████████████████████████████")
    }

    /// Issue 14 items 2 and 8: a range that failed to load is named in the banner, wrapped, while the header
    /// keeps naming the numbers on screen; with nothing older, the whole sentence is the body, and no "Stale".
    @Test func aFailedRangeIsNamedInTheBannerAndAFirstFailureFillsTheBody() {
        let failure = SourceError(.unavailable, "the server refused the token (401): You are not authorized to access this account")
        func failed(_ state: DashboardState) -> DashboardState {
            let result = LoadResult(requestID: state.pendingRequest!, range: state.selection.range,
                                    outcome: .failure(failure), durationSeconds: 1)
            return Dashboard.update(state, .loadFinished(result), now: F.now).0
        }
        let lines = Dashboard.view(failed(F.press(F.loaded(), .character("2")).0), width: 60, height: 14).lines()
        #expect(lines[1].hasPrefix("Last 30 days  2026-10-27 – 2026-11-25 UTC"))
        #expect(Array(lines[2...4]) == [
            " Could not load Last 7 days (2026-11-19 – 2026-11-25 UTC):",
            " the server refused the token (401): You are not authorized",
            " to access this account. Still showing the range above,…",
        ])
        #expect(lines[5].hasPrefix("Channel"))

        let first = Dashboard.view(failed(Dashboard.update(F.state(), .started, now: F.now).0), width: 40, height: 14).lines()
        #expect(!first.joined().contains("Stale"))
        #expect(Array(first[5...10]) == [
            "      Could not load Last 30 days",
            "     (2026-10-27 – 2026-11-25 UTC):",
            "",
            "  the server refused the token (401):",
            " You are not authorized to access this",
            "                account",
        ])
    }

    /// Issue 14 item 16: without a bar to put it over, "rows 1-1 of 3" has a line of its own, even at the
    /// smallest height (the legend's line is free then).
    @Test func hiddenRowsAreSaidWithoutABarToo() {
        #expect(Dashboard.view(F.loaded(), width: 40, height: 8).lines() == [
            "chanstat  demo data           auto 1 min",
            "Last 30 days  2026-10-27 – 2026-11-25 U…",
            "",
            "Channel  Open Pending Resolved Total",
            "Website    12       4       30    48",
            "Total      15       5       45    67",
            "rows 1-1 of 3",
            "q quit  ? help  r refresh  1-7 range",
        ])
    }

    /// Issue 14 item 16: a help taller than the screen says which lines it shows, and j scrolls it.
    @Test func aHelpTallerThanTheScreenScrolls() {
        let open = F.press(F.loaded(), .character("?")).0
        let top = Dashboard.view(open, width: 60, height: 12).lines()
        #expect(top.contains { $0.contains("lines 1-9 of \(KeyBinding.help.count), j k scroll") }, "\(top)")
        let scrolled = F.press(open, .character("j"), .character("j")).0
        #expect(scrolled.overlay == .help)
        #expect(Dashboard.view(scrolled, width: 60, height: 12).lines().contains { $0.contains("lines 3-11 of") })
        #expect(F.press(scrolled, .character("x")).0.overlay == .none)
    }

    @Test func theRangeBeingLoadedIsNamedWhileOldDataShows() {
        let state = F.press(F.loaded(), .character("1")).0
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[0].hasSuffix("refreshing…"))
        // The header names the numbers on screen; the banner, what is on its way (issue 14 item 2).
        #expect(lines[1] == "Last 30 days  2026-10-27 – 2026-11-25 UTC   updated 2026-11-25 12:00:00 in 12 ms")
        #expect(lines[2] == "Loading Today (2026-11-25 UTC)… The numbers are still the range above.")
    }

    @Test func pausedAndReversedAreVisible() {
        let state = F.press(F.loaded(), .character("p"), .character("S")).0
        let lines = Dashboard.view(state, width: 70, height: 9).lines()
        #expect(lines[0] == "chanstat  demo data  created in range, status now               paused")
        #expect(lines[3] == "Channel  Open Pending Snoozed Resolved Total (reversed)  rows 1-2 of 3")
        #expect(lines[4].hasPrefix("WhatsApp"))
    }

    @Test func theHelpOverlayListsEveryKey() {
        let lines = Dashboard.view(F.press(F.loaded(), .character("?")).0, width: 80, height: 24).lines()
        #expect(lines[0].contains("┌─ Keys ─"))
        #expect(lines[1].contains("│ 1            Today "))
        #expect(lines[8].contains("│ [  ]         Step the range back / forward "))
        #expect(lines[10].contains("│ c            Compare with the previous period "))
        #expect(lines[11].contains("│ t            Trend: day by day (j k: a group) "))
        #expect(lines[12].contains("│ g  n         Group: channel, team, agent, label / queue "))
        #expect(lines[13].contains("│ Enter  Esc   Open: inboxes, conversations / back "))
        #expect(lines[22].contains("│ q, Ctrl-C    Quit "))
        #expect(lines[23].contains("└────"))
    }

    /// The footer, the help and the keys come from one table: every footer entry is a key the help lists,
    /// and every key the help lists does something.
    @Test func footerHelpAndKeysAgree() {
        let helpKeys = KeyBinding.help.map(\.keys).joined(separator: " ")
        for entry in KeyBinding.footer(inDrillDown: false, canOpen: true) + KeyBinding.footer(inDrillDown: true, canOpen: false) {
            for key in entry.key.split(separator: " ") where key != "1-7" {
                #expect(helpKeys.contains(key), "footer key \(key) is not in the help")
            }
        }
        for binding in KeyBinding.main {
            for key in binding.keys {
                #expect(KeyBinding.action(for: key) == binding.action, "\(key) does not reach its binding")
            }
        }
        #expect(KeyBinding.footer(inDrillDown: false, canOpen: true).map(\.action).prefix(7) == ["quit", "help", "refresh", "range", "step", "compare", "trend"])
    }

    /// Enter opens a row where there is a level below (the channel list, a channel's inboxes); inside a drill-down
    /// the footer offers Esc too, and in the trend only Esc.
    @Test func theFooterSaysEscBackInsideADrillDown() {
        let started = F.started()
        let list = Dashboard.view(started, width: 120, height: 24).lines()[23]
        #expect(list.contains("Enter open") && !list.contains("Esc back"))
        let inboxes = Dashboard.view(F.press(started, .enter).0, width: 120, height: 24).lines()[23]
        #expect(inboxes.contains("Esc back") && inboxes.contains("Enter open"), "\(inboxes)")
        let trend = Dashboard.view(F.press(started, .character("t")).0, width: 120, height: 24).lines()[23]
        #expect(trend.contains("Esc back") && !trend.contains("Enter"), "\(trend)")
    }

    @Test func theFormShowsFieldsAndTheErrorUnderItsField() {
        var state = F.press(F.loaded(), .character("d"), .tab).0
        state = F.type(state, "x")  // replaces the prefilled until
        state = F.press(state, .enter).0
        let lines = Dashboard.view(state, width: 80, height: 24).lines()
        #expect(Array(lines[7...16]) == [
            "Total      ┌─ Custom range ─────────────────────────────────────────┐",
            "           │ Since  2026-10-27                                      │",
            "           │ Until ›x                                               │",
            "           │        until \"x\" is not a date: use Unix seconds,      │",
            "           │        YYYY-MM-DD or an ISO 8601 date-time             │",
            "           │                                                        │",
            "           │        Tab switch  Enter apply  Esc cancel             │",
            "           │        typing replaces; arrows, ^U ^K ^W edit          │",
            "           │        YYYY-MM-DD, Unix seconds or ISO 8601            │",
            "           └────────────────────────────────────────────────────────┘",
        ])
    }

    /// The focused field is underlined; a selected (untouched) text is all reverse, with no cursor of its own;
    /// once edited, the cursor is the one reverse cell.
    @Test func theCursorIsDrawnWhereItIs() {
        let opened = F.press(F.loaded(), .character("d")).0
        let grid = Dashboard.view(opened, width: 80, height: 24)
        let row = grid.lines().firstIndex { $0.contains("Since ›") }!
        let x = grid.lines()[row].distance(from: grid.lines()[row].startIndex, to: grid.lines()[row].range(of: "›")!.upperBound)
        let field = CellStyle(underline: true), highlight = CellStyle(reverse: true, underline: true)
        #expect(grid[x, row].style == highlight)
        #expect(grid[x + 10, row].style == field)  // after the selected text
        let moved = Dashboard.view(F.press(opened, .home).0, width: 80, height: 24)
        #expect(moved[x, row].style == highlight)  // the cursor
        #expect(moved[x + 1, row].style == field)
    }
}
