import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

/// A server's 429 or 503 with `Retry-After` reaches the dashboard as data (`SourceError.retryNotBefore`):
/// the next automatic refresh waits for the later of the interval and that time, and the header says until when.
@Suite struct RetryAfterTests {
    typealias F = Fixtures

    /// The dashboard, loaded, then refreshed by `r` into an answer that asks to wait `seconds`.
    private func askedToWait(_ seconds: Int64, interval: Double = 60) -> (DashboardState, [DashboardEffect]) {
        var state = F.loaded()
        state.refresh.intervalSeconds = interval
        state = F.press(state, .character("r")).0
        let busy = SourceError(.unavailable, "http://chat is unavailable (HTTP 503) and asks to wait 10 minutes; try again after that",
                               retryNotBefore: Int64(F.now.timeIntervalSince1970) + seconds)
        let result = LoadResult(requestID: state.pendingRequest!, range: state.selection.range, outcome: .failure(busy),
                                durationSeconds: 0.1)
        return Dashboard.update(state, .loadFinished(result), now: F.now)
    }

    @Test func theNextTickWaitsForTheServerWhenItAsksForLongerThanTheInterval() {
        let (state, effects) = askedToWait(600)
        #expect(effects == [.scheduleTick(afterSeconds: 600, generation: state.refresh.timerGeneration)])
        #expect(state.data == F.loaded().data, "the last data stays")
        #expect(state.loadError != nil)
    }

    @Test func aShorterWaitThanTheIntervalChangesNothing() {
        let (state, effects) = askedToWait(5)
        #expect(effects == [.scheduleTick(afterSeconds: 60, generation: state.refresh.timerGeneration)])
    }

    @Test func changingTheIntervalStillHonoursTheWait() {
        let (waiting, _) = askedToWait(600)
        let (state, effects) = F.press(waiting, .character("+"))
        #expect(state.refresh.intervalSeconds < 60)
        #expect(effects.last == .scheduleTick(afterSeconds: 600, generation: state.refresh.timerGeneration))
    }

    @Test func theHeaderSaysUntilWhenAndASuccessLiftsIt() {
        let (waiting, _) = askedToWait(600)
        let lines = Dashboard.view(waiting, width: 100, height: 10).lines()
        // 12:00:00 UTC plus 10 minutes.
        #expect(lines[0].hasSuffix("  next refresh after 12:10:00"), "\(lines[0])")
        let wide = Dashboard.view(waiting, width: 140, height: 10).lines()[0]
        #expect(wide.hasSuffix("next refresh after 12:10:00 (the server asked to wait)"), "\(wide)")
        #expect(Dashboard.view(waiting, width: 50, height: 10).lines()[0].hasSuffix("after 12:10:00"))

        let again = F.press(waiting, .character("r")).0
        let result = LoadResult(requestID: again.pendingRequest!, range: again.selection.range,
                                outcome: .success(F.loadedReport(F.summary, range: again.selection.range)), durationSeconds: 0.1)
        let (recovered, effects) = Dashboard.update(again, .loadFinished(result), now: F.now)
        #expect(recovered.retryNotBefore == nil)
        #expect(effects == [.scheduleTick(afterSeconds: 60, generation: recovered.refresh.timerGeneration)])
        #expect(Dashboard.view(recovered, width: 100, height: 10).lines()[0].hasSuffix("auto-refresh every 1 min"))
    }
}
