import ChanstatCore
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// What a new user hits in the dashboard's first hour (issue 14, items 2, 4, 8, 14-19), through the real
/// binary in tmux: each test drives the screen the way the issue describes and reads what it says.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct FirstHourDashboardTests {
    let timeout = DashboardHarness.timeout
    typealias Lines = DashboardEndToEndTests

    static let weekAHeader = "Custom range  2026-01-05 – 2026-01-11 UTC"

    func quit(_ session: TmuxSession) throws {
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    // MARK: - Item 2: the header names the range of the numbers on screen

    /// The file moved away, `2`: the header still names week A (its numbers are on screen), and the banner
    /// says which range failed to load and why. The file back, `r` loads the last 7 days and names them.
    @Test func aFailedLoadKeepsTheHeaderOnTheDataShownAndTheBannerNamesTheRangeThatFailed() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture, width: 120)
        defer { session.close() }
        let moved = fixture.directory.appendingPathComponent("moved.sqlite").path
        #expect(rename(fixture.path, moved) == 0)

        try session.sendKeys("2")
        let last7 = "Last 7 days (\(fixture.date(daysFromToday: -6)) – \(fixture.date(daysFromToday: 0)) UTC)"
        let failed = try session.waitUntil(timeout: timeout, "the banner naming the last 7 days") { screen in
            screen.contains("Could not load \(last7)") && !screen.contains("refreshing")
        }
        let lines = Lines.lines(failed)
        #expect(lines[1].hasPrefix(Self.weekAHeader), "the header must name the numbers shown:\n\(failed)")
        #expect(failed.contains("dash.sqlite is gone (deleted or moved away)"), "\(failed)")
        #expect(Lines.hasRows(ExpectedRows.weekA)(failed), "week A's numbers stay:\n\(failed)")

        #expect(rename(moved, fixture.path) == 0)
        try session.sendKeys("r")
        let recovered = try session.waitUntil(timeout: timeout, "the last 7 days loaded") { screen in
            Lines.lines(screen)[1].hasPrefix("Last 7 days  ") && Lines.hasRows([ExpectedRows.last7Total])(screen)
        }
        #expect(!recovered.contains("Could not load"))
        try quit(session)
    }

    // MARK: - Item 8: an error with no older data is said whole, in the body

    /// A server that is not there at the first load, at 60 columns: the whole sentence, advice included,
    /// wrapped into the body; no "Stale", since there is nothing older to be stale.
    @Test func aFirstLoadThatFailsSaysTheWholeSentenceInTheBody() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let server = try ServeProcess(database: fixture.path)
        let url = server.url
        #expect(server.stop().status == 0)
        let session = try DashboardHarness.start(
            ["dashboard", "--url", url, "--account", "1", "--since", DashboardFixture.weekA.since,
             "--until", DashboardFixture.weekA.until, "--utc", "--refresh", "3600"],
            width: 60, height: 20, environment: ServedFixture.token)
        defer { session.close() }
        let sentence = "cannot connect to \(url): connection refused; is the server running?"
        let screen = try session.waitUntil(timeout: timeout, "the whole sentence, wrapped") {
            Lines.flattened($0).contains(sentence)
        }
        #expect(Lines.flattened(screen).contains("Could not load Custom range (2026-01-05 – 2026-01-11 UTC):"), "\(screen)")
        #expect(!screen.contains("Stale"), "\(screen)")
        #expect(!screen.contains("No data"), "\(screen)")
        try quit(session)
    }

    // MARK: - Item 4: the zone is named by its rules

    /// TZ=EST5EDT (daylight saving, no region name): September to December is named EST5EDT, not by the
    /// offset at its start ("GMT-4", wrong for December).
    @Test func theHeaderNamesAZoneWithDaylightSavingByItsName() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.start(
            ["dashboard", "--db", fixture.path, "--account", "1", "--since", "2026-09-03", "--until", "2026-12-01",
             "--refresh", "3600"], width: 120, environment: ["TZ": "EST5EDT"])
        defer { session.close() }
        let screen = try session.waitFor(text: "updated ", timeout: timeout)
        #expect(Lines.lines(screen)[1].hasPrefix("Custom range  2026-09-03 – 2026-12-01 EST5EDT"), "\(screen)")
        #expect(!screen.contains("GMT-4"))
        try quit(session)
    }

    // MARK: - Item 14: terminals that cannot be drawn on, and ones without an alternate screen

    @Test func aDumbTerminalIsRefusedWithASentenceThatPointsToReport() throws {
        let session = try DashboardHarness.start(["dashboard", "--demo"], width: 200, term: "dumb")
        defer { session.close() }
        #expect(try session.waitForExit(timeout: timeout) == 1)
        let screen = try session.screen()
        #expect(screen.contains("TERM=dumb cannot"), "\(screen)")
        #expect(screen.contains("`chanstat report` prints the same numbers as text"), "\(screen)")
    }

    /// vt100 and linux have no alternate screen: the dashboard clears what it drew before it leaves.
    @Test(arguments: ["vt100", "linux"])
    func aTerminalWithoutAnAlternateScreenIsClearedOnExit(term: String) throws {
        let session = try DashboardHarness.start(["dashboard", "--demo", "--refresh", "3600"], term: term)
        defer { session.close() }
        try session.waitFor(text: "Total", timeout: timeout)
        try quit(session)
        let after = try session.waitFor(text: "[command ended]", timeout: timeout)
        #expect(!after.contains("chanstat  built-in demo data"), "the last frame stayed:\n\(after)")
        #expect(!after.contains("Total"), "the last frame stayed:\n\(after)")
    }

    // MARK: - Item 15: [ and ] by calendar months, presets by name, never past today

    /// From last month `[` is the month before it (not 30 days back); `]` comes back to "Last month" by
    /// name, then this month so far ("This month"), and then refuses to step into the future.
    @Test func monthsStepByCalendarMonthsAndPresetsAreNamed() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture, width: 120)
        defer { session.close() }
        let today = CivilDate(daysSinceEpoch: Int(fixture.startOfToday / 86_400))
        let lastMonth = today.firstOfMonth(offset: -1), monthBefore = today.firstOfMonth(offset: -2)
        let thisMonth = today.firstOfMonth(offset: 0)
        func header(_ title: String, _ first: CivilDate, _ last: CivilDate) -> String {
            "\(title)  " + (first == last ? "\(first) UTC" : "\(first) – \(last) UTC")
        }
        func expectHeader(_ expected: String) throws {
            try session.waitUntil(timeout: timeout, "the header \"\(expected)\"") { screen in
                Lines.lines(screen)[1].hasPrefix(expected) && !screen.contains("refreshing")
            }
        }
        try session.sendKeys("7")
        try expectHeader(header("Last month", lastMonth, thisMonth.adding(days: -1)))
        try session.sendKeys("[")
        try expectHeader(header("Custom range", monthBefore, lastMonth.adding(days: -1)))
        try session.sendKeys("]")
        try expectHeader(header("Last month", lastMonth, thisMonth.adding(days: -1)))
        try session.sendKeys("]")
        try expectHeader(header("This month", thisMonth, today))
        try session.sendKeys("]")
        try session.waitFor(text: "This range already reaches today: ] does not step into the future.", timeout: timeout)
        try quit(session)
    }

    // MARK: - Item 16: narrow and short terminals

    /// 8 lines: the rows shown are said ("rows 1-1 of 2", not "1-1" beside the footer's "1-7 range"). 40
    /// columns: the bar goes before any count column. 12 lines: the help scrolls, and says so.
    @Test func narrowAndShortTerminalsSayWhatIsHidden() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.dashboard(fixture, since: DashboardFixture.weekA.since,
                                                     until: DashboardFixture.weekA.until, width: 100, height: 8)
        defer { session.close() }
        let short = try session.waitFor(text: "rows 1-1 of 2", timeout: timeout)
        #expect(Lines.hasRow(short, ExpectedRows.weekAWebsite), "\(short)")

        try session.resize(width: 44, height: 12)
        // The frame drawn at 12 lines has room for Email's row: tmux's cut of the 8-line frame (whose legend has
        // its █) does not, so waiting for it waits for the new frame.
        let narrow = try session.waitUntil(timeout: timeout, "every count column at 44 columns") { screen in
            Lines.lines(screen).allSatisfy { $0.count <= 44 } && screen.contains("Channel Open Pending Snoozed Resolved Total")
                && Lines.lines(screen).contains { $0.hasPrefix("Email ") }
        }
        #expect(!narrow.contains("█"), "the bar goes first:\n\(narrow)")

        try session.sendKeys("?")
        let help = try session.waitFor(text: "j k scroll", timeout: timeout)
        #expect(help.contains("lines 1-"), "\(help)")
        #expect(!help.contains("Quit"), "the last line is below the fold:\n\(help)")
        try session.press("j", times: 40)
        try session.waitFor(text: "Quit", timeout: timeout)
        try session.sendKeys("Escape")
        try session.waitUntil(timeout: timeout, "the help closed") { !$0.contains("j k scroll") }
        try quit(session)
    }

    // MARK: - Item 17: a small channel's open conversations

    /// One open and two snoozed beside a channel of 60: without colour the small bar is two whole cells,
    /// one of them Open's, and no partial cell (▌) that would read as Open's fill.
    @Test func aSmallChannelsOpenConversationShowsInItsBar() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO inboxes VALUES (6, 1, 'Texts', 'Channel::Sms')")
            let day = Int64(1_767_744_000)  // 2026-01-07
            for status in [0, 3, 3] {
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 6, ?, ?)",
                               arguments: [status, day])
            }
            for _ in 0..<50 {
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, 1, ?)",
                               arguments: [day])
            }
        }
        try queue.close()
        let session = try DashboardHarness.dashboard(fixture, since: DashboardFixture.weekA.since,
                                                     until: DashboardFixture.weekA.until, width: 80,
                                                     environment: ["NO_COLOR": "1"])
        defer { session.close() }
        let screen = try session.waitFor(text: "SMS ", timeout: timeout)
        let sms = try #require(Lines.lines(screen).first { $0.hasPrefix("SMS ") })
        let bar = sms.split(separator: " ").last.map(String.init) ?? ""
        #expect(bar.hasPrefix("█"), "the open conversation must show: \(sms)")
        #expect(bar.contains("▒"), "and the snoozed ones: \(sms)")
        #expect(!screen.contains { "▏▎▍▌▋▊▉".contains($0) }, "no partial cells without colour:\n\(screen)")
        try quit(session)
    }

    // MARK: - Item 18: a UTF-8 locale that is not installed

    @Test func aUTF8LocaleThatIsNotInstalledIsSaidOnceOnExitAndInTheLog() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let log = fixture.directory.appendingPathComponent("dashboard.log").path
        let session = try DashboardHarness.dashboard(
            fixture, since: DashboardFixture.weekA.since, until: DashboardFixture.weekA.until,
            extra: ["--log-file", log], environment: ["LANG": "xx_YY.UTF-8", "LC_ALL": ""])
        defer { session.close() }
        let drawn = try session.waitFor(text: "Total", timeout: timeout)
        #expect(drawn.contains("# Open"), "ASCII, as the C locale allows:\n\(drawn)")
        try quit(session)
        let sentence = "LANG=xx_YY.UTF-8 asks for UTF-8, but that locale is not installed here"
        let after = try session.waitFor(text: "[command ended]", timeout: timeout)
        #expect(after.replacingOccurrences(of: "\n", with: "").contains(sentence), "\(after)")
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.components(separatedBy: sentence).count == 2, "once in the log:\n\(logged)")
    }

    // MARK: - Item 19: what the numbers are, to the second

    /// The header says what is counted, and when it was updated to the second, so `r` visibly changes it;
    /// the stale banner's time has its date.
    @Test func theHeaderSaysWhatIsCountedAndWhenToTheSecond() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture, width: 120)
        defer { session.close() }
        let screen = try session.screen()
        #expect(Lines.lines(screen)[0].contains("conversations created in the range, by status now"), "\(screen)")
        let updated = try #require(Lines.lines(screen)[1].range(of: "updated ").map { Lines.lines(screen)[1][$0.upperBound...] })
        // "2026-12-01 23:08:40 in 4 ms"
        #expect(updated.split(separator: " ").count >= 2 && updated.split(separator: " ")[1].split(separator: ":").count == 3,
                "\(updated)")
        try FileManager.default.removeItem(atPath: fixture.path)
        try session.sendKeys("r")
        let stale = try session.waitFor(text: "Stale (data from ", timeout: timeout)
        #expect(stale.contains("Stale (data from \(fixture.date(daysFromToday: 0)) ")
                || stale.contains("Stale (data from \(fixture.date(daysFromToday: -1)) "), "\(stale)")
        try quit(session)
    }
}
