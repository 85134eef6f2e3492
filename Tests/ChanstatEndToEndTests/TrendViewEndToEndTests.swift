import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// The trend view in a real terminal: `t` on the `DayFixture` file shows New York's days across the change
/// from daylight-saving time, j chooses a channel, `t` again is the table; over the HTTP source a range over 31
/// days says why there are no days, and the table stays.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TrendViewEndToEndTests {
    let timeout = DashboardHarness.timeout


    @Test func tShowsTheDaysAndTGoesBack() throws {
        let (directory, path) = try DayReportCommandTests.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try DashboardHarness.start(["--db", path] + DayFixture.arguments + ["--refresh", "3600"],
                                                 width: 80, height: 20, environment: ["TZ": "Asia/Tokyo"])
        defer { session.close() }
        _ = try session.waitFor(text: "Website", timeout: timeout)
        // The trend opens on the selected channel, the first row from the start; k goes up to all channels.
        try session.sendKeys("t")
        _ = try session.waitFor(text: "Created per day: Website", timeout: timeout)
        try session.sendKeys("k")
        let screen = try session.waitFor(text: "Created per day: all channels", timeout: timeout)
        let lines = DashboardEndToEndTests.lines(screen)
        // Four days; 11-01 (25 hours) is the busiest with 3, so the scale's top is 3; every date labelled.
        #expect(lines.contains { $0.hasPrefix("3│") }, "\(screen)")
        #expect(lines.contains { $0.hasPrefix("0└") }, "\(screen)")
        #expect(lines.contains { $0.contains("10-31") && $0.contains("11-01") && $0.contains("11-02") && $0.contains("11-03") }, "\(screen)")
        #expect(screen.contains("t trend"))
        try session.sendKeys("j")
        _ = try session.waitFor(text: "Created per day: Website", timeout: timeout)
        try session.sendKeys("t")
        let table = try session.waitFor(text: "Channel", timeout: timeout)
        #expect(!table.contains("Created per day"))
        #expect(DashboardEndToEndTests.lines(table).contains { $0.split(separator: " ").prefix(6) == ["Website", "1", "1", "1", "1", "4"] }, "\(table)")
    }

    @Test func overTheHTTPSourceARangeOver31DaysSaysWhy() throws {
        let (directory, path) = try DayReportCommandTests.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try DayReportCommandTests.addAdmin(to: path)
        let serve = try ServeProcess(database: path)
        defer { serve.stop() }
        let base = ["--url", serve.url, "--account", "1", "--timezone", DayFixture.zone, "--refresh", "3600"]
        let session = try DashboardHarness.start(base + ["--since", "2026-10-01", "--until", "2026-11-03"], width: 90, height: 20,
                                                 environment: ["CHATWOOT_API_TOKEN": token])
        defer { session.close() }
        _ = try session.waitFor(text: "Website", timeout: timeout)
        try session.sendKeys("t")
        let screen = try session.waitFor(text: "at most 31 days", timeout: timeout)
        #expect(screen.contains("(this range"), "\(screen)")
        #expect(screen.contains("has 34)"), "\(screen)")
        // A range the source can answer day by day: the chart, from 31 requests.
        try session.sendKeys("2")
        _ = try session.waitFor(text: "Created per day", timeout: timeout)
    }
}
