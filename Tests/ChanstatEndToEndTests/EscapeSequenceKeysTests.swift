import ChanstatTestSupport
import Foundation
import Testing

/// Keys as a common setting sends them (SPEC 14, issue 19): under tmux with `TERM=xterm-256color`, End and
/// Home arrive as sequences the terminfo entry does not list (`ESC [ 4 ~`, `ESC [ F`, `ESC [ 1 ~`, ...). They
/// move the range form's cursor; a sequence nobody knows (`ESC [ 9 9 ~`) is ignored as a whole: the form
/// stays open and the range stays. Before, the bytes were read as Esc (the form closed), `[` (the range
/// stepped back) and a digit (a preset). And Tab back into an edited field selects it whole, visibly.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct EscapeSequenceKeysTests {
    let timeout = DashboardHarness.timeout
    static let weekARange = "Custom range  2026-01-05 – 2026-01-11 UTC"

    /// The dashboard on week A under TERM=xterm-256color and without colour, with the range form just opened;
    /// `body` works in it, then `q` must end the dashboard with 0.
    func inTheForm(_ body: (TmuxSession) throws -> Void) throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture, environment: ["NO_COLOR": "1"], term: "xterm-256color")
        defer { session.close() }
        try session.sendKeys("d")
        try waitForTheWholeForm(session)
        try body(session)
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    /// The form prefilled with week A, drawn whole: a capture can land while the terminal is still drawing the
    /// frame (the since field there, its hint line not yet), so one line alone is not enough to wait for.
    @discardableResult
    func waitForTheWholeForm(_ session: TmuxSession) throws -> String {
        try session.waitUntil(timeout: timeout, "the range form") {
            $0.contains("Since ›2026-01-05") && $0.contains("Until  2026-01-11") && $0.contains("Enter apply")
        }
    }

    /// The form drawn whole (its hint line too) with `since` in its since field.
    func drawn(_ screen: String, since: String) -> Bool {
        sinceField(screen) == since && screen.contains("Enter apply")
    }

    /// The since field as shown, up to the end of its text.
    func sinceField(_ screen: String) -> String? {
        guard let line = DashboardEndToEndTests.lines(screen).first(where: { $0.contains("Since ›") }),
              let start = line.range(of: "Since ›") else { return nil }
        return String(line[start.upperBound...].prefix { $0 != " " })
    }

    /// The screen still shows week A's range and rows, with the form open.
    func expectFormOpenOnWeekA(_ screen: String, _ what: String) {
        #expect(DashboardEndToEndTests.lines(screen)[1].hasPrefix(Self.weekARange), "\(what):\n\(screen)")
        #expect(screen.contains("Enter apply"), "the form must stay open after \(what):\n\(screen)")
        #expect(DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(screen), "\(what):\n\(screen)")
    }

    @Test func endHomeAndAnUnknownSequenceMoveTheCursorOrNothing() throws { try inTheForm { session in
        // tmux's own Home and End, whatever it sends for them.
        try session.sendKeys("Home")
        try session.type("9")
        try session.sendKeys("End")
        try session.type("8")
        let homeAndEnd = try session.waitUntil(timeout: timeout, "Home and End") { drawn($0, since: "92026-01-058") }
        expectFormOpenOnWeekA(homeAndEnd, "Home and End")
        // Each variant a terminal sends, as bytes, then a character that shows where the cursor went.
        var expected = "92026-01-058"
        for (sequence, name) in [("\u{1B}[1~", "ESC [ 1 ~"), ("\u{1B}[H", "ESC [ H"), ("\u{1B}OH", "ESC O H")] {
            try session.type(sequence)
            try session.type("a")
            try session.type("\u{1B}[4~")  // back to the end for the next one
            expected = "a" + expected
            let screen = try session.waitUntil(timeout: timeout, "\(name) as Home") { drawn($0, since: expected) }
            expectFormOpenOnWeekA(screen, name)
        }
        for (sequence, name) in [("\u{1B}[4~", "ESC [ 4 ~"), ("\u{1B}[F", "ESC [ F"), ("\u{1B}OF", "ESC O F")] {
            try session.type("\u{1B}[1~" + sequence)
            try session.type("z")
            expected += "z"
            let screen = try session.waitUntil(timeout: timeout, "\(name) as End") { drawn($0, since: expected) }
            expectFormOpenOnWeekA(screen, name)
        }
        // Sequences nobody defines: nothing at all, not Esc, `[`, digits.
        for sequence in ["\u{1B}[99~", "\u{1B}[1;5C", "\u{1B}[38~"] {
            try session.type(sequence)
        }
        try session.type("!")
        expected += "!"
        let unknown = try session.waitUntil(timeout: timeout, "the unknown sequences ignored") { drawn($0, since: expected) }
        expectFormOpenOnWeekA(unknown, "ESC [ 9 9 ~")

        // Esc alone still closes the form, and changes nothing.
        try session.sendKeys("Escape")
        let closed = try session.waitUntil(timeout: timeout, "the form to close") { !$0.contains("Enter apply") }
        #expect(DashboardEndToEndTests.lines(closed)[1].hasPrefix(Self.weekARange), "\(closed)")
        #expect(DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(closed))

        // On the main screen too, an unknown sequence is no key: the range does not step back, no preset. The
        // form opened after it is prefilled from the range, which is still week A's.
        try session.type("\u{1B}[99~")
        try session.sendKeys("d")
        let after = try waitForTheWholeForm(session)
        expectFormOpenOnWeekA(after, "ESC [ 9 9 ~ on the main screen")
        #expect(after.contains("Until  2026-01-11"), "\(after)")
        try session.sendKeys("Escape")
        try session.waitUntil(timeout: timeout, "the form to close") { !$0.contains("Enter apply") }
    } }

    /// The characters of `line` drawn in reverse video, from `capture-pane -e` output (SGR 7 on; 0 or 27 off).
    static func reversed(in line: Substring) -> String {
        var reverse = false, shown = ""
        var rest = line
        while let first = rest.first {
            if first == "\u{1B}", rest.dropFirst().first == "[" {
                let parameters = rest.dropFirst(2).prefix { $0.isNumber || $0 == ";" }
                rest = rest.dropFirst(2 + parameters.count)
                if rest.first == "m" {
                    let codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                    for code in codes where code == 0 || code == 7 || code == 27 { reverse = code == 7 }
                }
                rest = rest.dropFirst()
                continue
            }
            if reverse { shown.append(first) }
            rest = rest.dropFirst()
        }
        return shown
    }

    func reversedSince(_ session: TmuxSession) throws -> String {
        let line = try session.screenWithEscapes().split(separator: "\n").first { $0.contains("Since") } ?? ""
        return Self.reversed(in: line)
    }

    @Test func tabBackIntoAnEditedFieldSelectsItVisiblyAndTypingReplacesIt() throws { try inTheForm { session in
        #expect(try reversedSince(session) == "2026-01-05", "the prefilled date is shown selected")
        try session.type("2026-01-06")
        try session.waitFor(text: "Since ›2026-01-06 ", timeout: timeout)
        #expect(try reversedSince(session) == " ", "once typed, only the cursor's cell is reverse")
        try session.sendKeys("Tab")
        try session.type("2026-01-07")
        try session.waitFor(text: "Until ›2026-01-07 ", timeout: timeout)
        // Back into the edited since: selected whole, and shown so.
        try session.sendKeys("Tab")
        try session.waitFor(text: "Since ›2026-01-06", timeout: timeout)
        #expect(try reversedSince(session) == "2026-01-06", "the field entered by Tab is shown selected")
        try session.type("2026-01-05")
        let typed = try session.waitUntil(timeout: timeout, "since to hold what was typed") { sinceField($0) != "2026-01-06" }
        #expect(sinceField(typed) == "2026-01-05", "typing must replace, not append:\n\(typed)")
        try session.sendKeys("Enter")
        let applied = try session.waitUntil(timeout: timeout, "the range applied") { !$0.contains("Enter apply") && !$0.contains("refreshing") }
        #expect(DashboardEndToEndTests.lines(applied)[1].hasPrefix("Custom range  2026-01-05 – 2026-01-07 UTC"), "\(applied)")
    } }
}
