import ChanstatTestSupport
import Foundation
import Testing

/// The dashboard on `--url` against the project's own `serve` (issue 4's end-to-end test): the server
/// goes away, `r` marks the data stale and says why while the numbers stay; the server comes back on the
/// same port, `r` recovers.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct DashboardOverHTTPTests {
    let timeout = DashboardHarness.timeout

    @Test func aStoppedServerMarksTheDataStaleAndARestartedOneRecovers() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        var server = try ServeProcess(database: fixture.path)
        let port = server.port
        let url = server.url

        // Wide enough for the whole stale sentence; the token only in the environment. The log is searched for
        // the token at the end (issue 5, item 6: the dashboard's share of "everything chanstat writes").
        let log = fixture.directory.appendingPathComponent("dashboard.log")
        let session = try DashboardHarness.start(
            ["dashboard", "--url", url, "--account", "1", "--since", DashboardFixture.weekA.since,
             "--until", DashboardFixture.weekA.until, "--utc", "--refresh", "3600", "--log-file", log.path],
            width: 150, height: 30, environment: ["CHATWOOT_API_TOKEN": DashboardFixture.token])
        defer { session.close() }

        let weekA = ExpectedRows.weekA
        let first = try session.waitUntil(timeout: timeout, "week A's rows over HTTP",
                                          DashboardEndToEndTests.hasRows(weekA))
        #expect(first.hasPrefix("chanstat  \(url), account 1"))
        #expect(!first.contains("Stale"))
        #expect(!first.contains(DashboardFixture.token))

        #expect(server.stop().status == 0)
        try session.sendKeys("r")
        let refused = "cannot connect to \(url): connection refused; is the server running?"
        let stale = try session.waitUntil(timeout: timeout, "the stale banner") { screen in
            screen.contains("Stale (data from ") && screen.contains(refused)
        }
        #expect(DashboardEndToEndTests.hasRows(weekA)(stale), "the last data must stay on screen:\n\(stale)")
        #expect(DashboardEndToEndTests.lines(stale)[2].contains(refused), "the banner is under the header:\n\(stale)")
        #expect(!stale.contains(DashboardFixture.token))

        server = try ServeProcess(database: fixture.path, port: port)
        defer { server.stop() }
        try session.sendKeys("r")
        let recovered = try session.waitUntil(timeout: timeout, "the stale marking to go away") { screen in
            !screen.contains("Stale") && DashboardEndToEndTests.hasRows(weekA)(screen) && !screen.contains("refreshing")
        }
        #expect(!recovered.contains("connection refused"))

        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)

        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("load failed") && logged.contains("connection refused"), "the log has nothing to search:\n\(logged)")
        #expect(!logged.contains(DashboardFixture.token))
    }
}
