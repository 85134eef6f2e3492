import ChanstatTestSupport
import Foundation
import Testing

/// A bad network between the HTTP source and `serve` (FaultProxy), through the real binary: `report` ends in
/// one sentence and exit 1; the dashboard stays responsive while the load is in flight, says it is refreshing,
/// ends in that sentence within the documented deadline (15 s for a whole report), keeps the last data and
/// recovers when the link is healthy again. And a busy server's `Retry-After` holds the next automatic refresh.
///
/// One case at a time, each waiting on a thread of its own (`OffThePool`): the suite's blocking waits must not
/// hold the two-thread cooperative pool that the in-process HTTP tests need (the same starvation the
/// PostgreSQL suites had, see PostgresServerTests).
@Suite(.serialized)
struct BadNetworkTests {
    /// A fault, and the sentence it ends in (`SERVER` stands for the proxy's address).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let fault: FaultProxy.Fault
        let sentence: String
        var testDescription: String { name }
    }

    static let timedOut = "SERVER did not answer within 15 seconds; check that it is up, or try again later"
    /// Each fault holds the answer long enough for a screen to show "refreshing…" first.
    static let cases = [
        Case(name: "delay", fault: .delay(seconds: 60), sentence: timedOut),
        Case(name: "throughput limit", fault: .throttle(bytesPerSecond: 10), sentence: timedOut),
        Case(name: "stall mid-body", fault: .stallMidBody, sentence: timedOut),
        Case(name: "reset", fault: .reset(afterSeconds: 2),
             sentence: "the connection to SERVER was reset before the answer was complete; try again"),
        Case(name: "drop after the head", fault: .dropAfterHead(afterSeconds: 2),
             sentence: "SERVER closed the connection before the answer was complete; try again"),
    ]

    /// The documented deadline, with room for a loaded machine; never a measure of speed.
    static let generousDeadline: Double = 45

    /// `serve` on the fixture file, and the fault proxy in front.
    final class Link: @unchecked Sendable {  // used by one test, on one thread at a time
        let served: ServedFixture
        let proxy: FaultProxy

        init() throws {
            served = try ServedFixture()
            proxy = try FaultProxy(upstreamPort: served.serve.port)
        }

        func sentence(_ template: String) -> String { template.replacingOccurrences(of: "SERVER", with: proxy.url) }

        /// The dashboard through the proxy, once week A's rows are on screen.
        func dashboard(refresh: String) throws -> TmuxSession {
            let session = try DashboardHarness.start(["dashboard", "--url", proxy.url] + BadNetworkTests.weekA
                                                     + ["--refresh", refresh], width: 150, height: 30,
                                                     environment: BadNetworkTests.token)
            do {
                try session.waitUntil(timeout: DashboardHarness.timeout, "week A's rows",
                                      DashboardEndToEndTests.hasRows(ExpectedRows.weekA))
            } catch {
                session.close()
                throw error
            }
            return session
        }

        deinit { proxy.stop() }
    }

    static let weekA = ServedFixture.weekA
    static let token = ServedFixture.token

    @Test(arguments: cases + [
        Case(name: "429 with Retry-After", fault: .answer(status: 429, retryAfter: "30"),
             sentence: "SERVER is limiting the rate of requests (HTTP 429) (the server says: the gateway is busy) "
                + "and asks to wait 30 seconds; try again after that"),
    ])
    func reportEndsInOneSentenceAndStatus1(_ fault: Case) async throws {
        let link = try Link()
        link.proxy.fault = fault.fault
        let started = Date()
        let url = link.proxy.url
        let run = try await OffThePool.run {
            try ChanstatBinary.run(["report", "--url", url] + Self.weekA, environment: Self.token)
        }
        #expect(Date().timeIntervalSince(started) < Self.generousDeadline)
        #expect(run.status == 1)
        #expect(run.stderrLines == [Substring("chanstat: " + link.sentence(fault.sentence))])
        #expect(run.stdout.isEmpty)
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"), arguments: cases)
    func theDashboardStaysResponsiveKeepsItsDataAndRecovers(_ fault: Case) async throws {
        let link = try Link()
        try await OffThePool.run { try Self.breakAndMend(link, with: fault) }
    }

    private static func breakAndMend(_ link: Link, with fault: Case) throws {
        let session = try link.dashboard(refresh: "3600")
        defer { session.close() }
        let timeout = DashboardHarness.timeout

        link.proxy.fault = fault.fault
        let started = Date()
        try session.sendKeys("r")
        try session.waitUntil(timeout: timeout, "the header to say it is refreshing") { $0.contains("refreshing") }
        // The keyboard works while the load is in flight: the help opens over the old rows, and closes.
        try session.sendKeys("?")
        try session.waitUntil(timeout: timeout, "the help, while refreshing") {
            $0.contains("Refresh now") && $0.contains("refreshing")
        }
        try session.sendKeys("?")
        try session.waitUntil(timeout: timeout, "the help to close") { !$0.contains("Refresh now") }

        let sentence = link.sentence(fault.sentence)
        let stale = try session.waitUntil(timeout: .seconds(Int64(Self.generousDeadline)), "the stale banner") {
            $0.contains("Stale (data from ") && $0.contains(sentence) && !$0.contains("refreshing")
        }
        try #require(Date().timeIntervalSince(started) < Self.generousDeadline)
        try #require(DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(stale), "the last data must stay:\n\(stale)")

        link.proxy.fault = .none
        try session.sendKeys("r")
        try session.waitUntil(timeout: timeout, "the stale marking to go away") {
            !$0.contains("Stale") && !$0.contains("refreshing") && DashboardEndToEndTests.hasRows(ExpectedRows.weekA)($0)
        }
        try session.sendKeys("q")
        try #require(try session.waitForExit(timeout: timeout) == 0)
    }

    /// `Retry-After: 120` on a 1-second auto-refresh: no request for those two minutes (without the header's
    /// wait there would be one a second), the header says until when, the last data stays; a healthy answer
    /// after `r` brings the 1-second refresh back.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func aRetryAfterHoldsTheNextAutomaticRefresh() async throws {
        let link = try Link()
        try await OffThePool.run { try Self.holdOnRetryAfter(link) }
    }

    private static func holdOnRetryAfter(_ link: Link) throws {
        let session = try link.dashboard(refresh: "1")
        defer { session.close() }
        let timeout = DashboardHarness.timeout

        // The 503 is answered after this instant and before the screen below is read: the time shown is 120 s
        // after some instant between the two, however slowly the machine goes.
        let faulted = Date()
        link.proxy.fault = .answer(status: 503, retryAfter: "120")
        let screen = try session.waitUntil(timeout: timeout, "the header's next refresh time") {
            $0.contains("next refresh after ")
        }
        let seen = Date()
        // The banner wraps the sentence at the pane's width: read as one line again.
        let sentence = link.sentence("SERVER is unavailable (HTTP 503) (the server says: the gateway is busy) and asks "
                                     + "to wait 2 minutes")
        try #require(DashboardEndToEndTests.flattened(screen).contains(sentence), "\(screen)")
        try #require(DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(screen))
        // The time shown is two minutes after the 503 (UTC: the pane runs with TZ=UTC); a second either side for
        // the whole seconds shown.
        let shown = try #require(timeOfDay(after: "next refresh after ", in: screen))
        let earliest = (Int(faulted.timeIntervalSince1970) + 120 - 1) % 86_400
        let window = Int(seen.timeIntervalSince(faulted).rounded(.up)) + 2
        try #require((shown - earliest + 86_400) % 86_400 <= window,
                     "shown \(shown), expected \(earliest) to \(earliest + window) (seconds of the day)")

        let requests = link.proxy.requestCount
        Thread.sleep(forTimeInterval: 4)
        try #require(link.proxy.requestCount == requests, "an automatic refresh went out before the Retry-After time")

        link.proxy.fault = .none
        try session.sendKeys("r")
        try session.waitUntil(timeout: timeout, "the refresh every second to come back") {
            $0.contains("auto-refresh every") && !$0.contains("Stale")
        }
        let healthy = link.proxy.requestCount
        try session.waitUntil(timeout: timeout, "more automatic refreshes") { _ in link.proxy.requestCount >= healthy + 2 }
        try session.sendKeys("q")
        try #require(try session.waitForExit(timeout: timeout) == 0)
    }

    /// Seconds since midnight of the `HH:MM:SS` after `marker`.
    static func timeOfDay(after marker: String, in screen: String) -> Int? {
        guard let start = screen.range(of: marker)?.upperBound else { return nil }
        let parts = screen[start...].prefix(8).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }
}
