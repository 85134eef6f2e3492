import Foundation
import Testing

/// The real dashboard in a real terminal (tmux), on the hand-counted file of `DashboardFixture`
/// (README "The dashboard", issue 3's "Done means"). Every step waits for text on the screen, never for time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct DashboardEndToEndTests {
    let timeout = DashboardHarness.timeout

    /// The lines of a screen, to find a row by its start.
    static func lines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The screen's words as one line: a sentence the banner or the body wrapped reads whole again.
    static func flattened(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func hasRow(_ screen: String, _ row: String) -> Bool {
        lines(screen).contains { $0.hasPrefix(row) }
    }

    static func hasRows(_ rows: [String]) -> (String) -> Bool {
        { screen in rows.allSatisfy { hasRow(screen, $0) } }
    }

    /// `q`, then the process ends with 0 and leaves the terminal as it found it.
    func quit(_ session: TmuxSession) throws {
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)
    }

    // MARK: - Numbers and presets

    @Test func showsTheFilesNumbersThenAPresetsNumbers() throws {
        // "Today" must not turn into tomorrow between writing the file and reading the screen.
        let secondsToMidnight = 86_400 - Int(Date().timeIntervalSince1970) % 86_400
        if secondsToMidnight < 120 { Thread.sleep(forTimeInterval: Double(secondsToMidnight + 2)) }

        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }
        let first = try session.screen()
        let lines = Self.lines(first)
        #expect(lines[0].hasPrefix("chanstat  dash.sqlite, account 1"))
        #expect(lines[1].hasPrefix("Custom range  2026-01-05 – 2026-01-11 UTC"))
        #expect(lines[1].contains("updated "))
        // Largest total first.
        let websiteLine = try #require(lines.firstIndex { $0.hasPrefix(ExpectedRows.weekAWebsite) })
        let emailLine = try #require(lines.firstIndex { $0.hasPrefix(ExpectedRows.weekAEmail) })
        #expect(websiteLine < emailLine)
        #expect(first.contains("Channel Open Pending Snoozed Resolved Total"))

        try session.sendKeys("2")
        let last7 = [ExpectedRows.last7Email, ExpectedRows.last7Website, ExpectedRows.last7Total]
        let header7 = "Last 7 days  \(fixture.date(daysFromToday: -6)) – \(fixture.date(daysFromToday: 0)) UTC"
        let second = try session.waitUntil(timeout: timeout, "the last 7 days") { screen in
            Self.hasRows(last7)(screen) && Self.lines(screen)[1].hasPrefix(header7)
        }
        #expect(!Self.hasRow(second, ExpectedRows.weekAWebsite))

        try session.sendKeys("1")
        let today = [ExpectedRows.row("Website", 1, 0, 0, 0, 1), ExpectedRows.row("Total", 1, 0, 0, 0, 1)]
        let headerToday = "Today  \(fixture.date(daysFromToday: 0)) UTC"
        let third = try session.waitUntil(timeout: timeout, "today") { screen in
            Self.hasRows(today)(screen) && Self.lines(screen)[1].hasPrefix(headerToday)
        }
        #expect(!third.contains("Email "))

        try quit(session)
    }

    // MARK: - The custom range form

    @Test func theRangeFormShowsEachErrorUnderItsFieldAndKeepsTheData() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }
        let weekAHeader = "Custom range  2026-01-05 – 2026-01-11 UTC"

        /// Waits for `error`, and checks that it is on a line under `field`'s line (and above the next
        /// field's, for since), and that week A's data is still what is shown.
        func expectError(_ error: String, under field: String) throws {
            let screen = try session.waitFor(text: error, timeout: timeout)
            let lines = Self.lines(screen)
            let errorLine = try #require(lines.firstIndex { $0.contains(error) })
            let sinceLine = try #require(lines.firstIndex { $0.contains("│ Since") })
            let untilLine = try #require(lines.firstIndex { $0.contains("│ Until") })
            if field == "Since" {
                #expect(sinceLine < errorLine && errorLine < untilLine, "\(screen)")
            } else {
                #expect(untilLine < errorLine, "\(screen)")
            }
            #expect(Self.hasRows(ExpectedRows.weekA)(screen), "the last good data must stay on screen:\n\(screen)")
            #expect(lines[1].hasPrefix(weekAHeader))
        }
        func replaceField(with text: String) throws {
            try session.press("BSpace", times: 12)
            try session.type(text)
        }

        try session.sendKeys("d")
        try session.waitFor(text: "Tab switch  Enter apply  Esc cancel", timeout: timeout)
        try session.waitFor(text: "Since ›2026-01-05", timeout: timeout)

        try replaceField(with: "2026-02-30")
        try session.sendKeys("Enter")
        try expectError("since \"2026-02-30\" is not a date", under: "Since")

        try replaceField(with: "2026-01-10")
        try session.sendKeys("Tab")
        try replaceField(with: "2026-01-05")
        try session.sendKeys("Enter")
        try expectError("until must be after since", under: "Until")

        try replaceField(with: "2026-12-31")
        try session.sendKeys("Enter")
        try expectError("Date range cannot exceed 6 months", under: "Until")

        try session.sendKeys("Tab")
        try replaceField(with: DashboardFixture.twoDays.since)
        try session.sendKeys("Tab")
        try replaceField(with: DashboardFixture.twoDays.until)
        try session.sendKeys("Enter")
        let twoDays = [ExpectedRows.twoDaysWebsite, ExpectedRows.twoDaysEmail, ExpectedRows.twoDaysTotal]
        let screen = try session.waitUntil(timeout: timeout, "the two days' rows") { screen in
            Self.hasRows(twoDays)(screen) && Self.lines(screen)[1].hasPrefix("Custom range  2026-01-05 – 2026-01-06 UTC")
        }
        #expect(!screen.contains("Enter apply"))
        #expect(!screen.contains("cannot exceed"))

        try quit(session)
    }

    @Test func escapeClosesTheFormAndChangesNothing() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }
        try session.sendKeys("d")
        try session.waitFor(text: "Enter apply", timeout: timeout)
        try session.press("BSpace", times: 12)
        try session.type("2026-01-06")
        try session.sendKeys("Escape")
        let screen = try session.waitUntil(timeout: timeout, "the form to close") { !$0.contains("Enter apply") }
        #expect(Self.hasRows([ExpectedRows.weekAWebsite, ExpectedRows.weekATotal])(screen))
        #expect(Self.lines(screen)[1].hasPrefix("Custom range  2026-01-05 – 2026-01-11 UTC"))
        try quit(session)
    }

    // MARK: - Resizing

    @Test func aTinyTerminalAsksForSpaceAndTheTableComesBack() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }

        try session.resize(width: 20, height: 5)
        let small = try session.waitUntil(timeout: timeout, "the too-small message") {
            $0.contains("Terminal too small") && $0.contains("have 20x5")
        }
        #expect(small.contains("need 32x8"))
        #expect(!small.contains("Website"))

        try session.resize(width: 100, height: 30)
        let again = try session.waitUntil(timeout: timeout, "the table again") { screen in
            Self.hasRows(ExpectedRows.weekA)(screen) && !screen.contains("Terminal too small")
        }
        #expect(Self.lines(again)[1].hasPrefix("Custom range  2026-01-05 – 2026-01-11 UTC"))
        try quit(session)
    }

    // MARK: - Every way out gives the terminal back

    @Test(arguments: [("q", Int32(0)), ("C-c", 0), ("SIGTERM", 143), ("SIGHUP", 129)])
    func quittingRestoresTheTerminal(way: String, status: Int32) throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }

        switch way {
        case "SIGTERM": kill(try session.commandPID(), SIGTERM)
        case "SIGHUP": kill(try session.commandPID(), SIGHUP)
        default: try session.sendKeys(way)
        }
        #expect(try session.waitForExit(timeout: timeout) == status)
        let settings = try session.terminalSettings()
        #expect(!settings.before.isEmpty)
        #expect(settings.before == settings.after)
        // The shell's screen is back: the wrapper's line is visible, the dashboard's table is not.
        let screen = try session.waitFor(text: "[command ended]", timeout: timeout)
        #expect(!Self.hasRow(screen, ExpectedRows.weekATotal))
    }

    // MARK: - Colour, locale, hostile text

    @Test func coloursAppearByDefaultAndNotWithNoColor() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let statuses: [Character] = ["█", "▓", "▒", "░"]

        let coloured = try DashboardHarness.onWeekA(fixture)
        defer { coloured.close() }
        let withColour = try coloured.screenWithEscapes()
        #expect(!DashboardHarness.colourSequences(in: withColour).isEmpty, "no colour at all:\n\(withColour)")
        try quit(coloured)

        let plain = try DashboardHarness.onWeekA(fixture, environment: ["NO_COLOR": "1"])
        defer { plain.close() }
        let screen = try plain.screen()
        let withoutColour = try plain.screenWithEscapes()
        #expect(DashboardHarness.colourSequences(in: withoutColour) == [])
        // Without colour, each status has its own glyph in the bar.
        let websiteBar = try #require(Self.lines(screen).first { $0.hasPrefix(ExpectedRows.weekAWebsite) })
            .dropFirst(ExpectedRows.weekAWebsite.count)
        #expect(statuses.allSatisfy { websiteBar.contains($0) }, "bar: \(websiteBar)")
        try quit(plain)
    }

    @Test func aCLocaleDrawsOnlyASCII() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { session.close() }
        let screen = try session.screen()
        let foreign = screen.unicodeScalars.filter { !$0.isASCII }
        #expect(foreign.isEmpty, "not ASCII: \(String(String.UnicodeScalarView(foreign)))\n\(screen)")
        #expect(Self.lines(screen)[1].hasPrefix("Custom range  2026-01-05 - 2026-01-11 UTC"))
        let websiteBar = try #require(Self.lines(screen).first { $0.hasPrefix(ExpectedRows.weekAWebsite) })
            .dropFirst(ExpectedRows.weekAWebsite.count)
        #expect(["#", "=", "~", "-"].allSatisfy { websiteBar.contains($0) }, "bar: \(websiteBar)")

        // The form's box too.
        try session.sendKeys("d")
        let form = try session.waitFor(text: "Enter apply", timeout: timeout)
        #expect(form.unicodeScalars.allSatisfy { $0.isASCII }, "\(form)")
        #expect(form.contains("Since >2026-01-05"))
        try session.sendKeys("Escape")
        try session.waitUntil(timeout: timeout, "the form to close") { !$0.contains("Enter apply") }
        try quit(session)
    }

    @Test func aChannelTypeWithEscapeSequencesIsShownHarmlessly() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.dashboard(fixture, since: DashboardFixture.weekE.since,
                                                     until: DashboardFixture.weekE.until)
        defer { session.close() }
        let titleBefore = try session.paneTitle()
        let label = DashboardFixture.evilLabel
        let row = ExpectedRows.row(label, 0, 1, 0, 0, 1, labelWidth: label.count)
        let screen = try session.waitUntil(timeout: timeout, "the odd channel's row", Self.hasRows([row]))
        #expect(Self.hasRow(screen, ExpectedRows.row("Total", 0, 1, 0, 0, 1, labelWidth: label.count)))

        // No title change, and the label is drawn in the default colour: nothing from the data got through.
        let titleAfter = try session.paneTitle()
        #expect(titleAfter == titleBefore)
        #expect(!titleAfter.contains("pwned"))
        let escaped = try session.screenWithEscapes()
        let rowLine = try #require(Self.lines(escaped).first { $0.contains("pwned") })
        let upToNumbers = try #require(rowLine.range(of: "pwned\u{FFFD}"))
        #expect(DashboardHarness.colourSequences(in: String(rowLine[..<upToNumbers.upperBound])) == [],
                "the label changed colour: \(rowLine.debugDescription)")
        // The rest of the screen is where it belongs: header, legend, footer.
        #expect(Self.lines(screen)[1].hasPrefix("Custom range  2026-03-02 – 2026-03-08 UTC"))
        #expect(screen.contains("q quit"))
        try quit(session)
    }
}
