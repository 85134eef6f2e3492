import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

private typealias F = Fixtures

/// Issue 21 item 3 (SPEC 11): `n` shows the queue now in place of the range; `n` again goes back.
@Suite struct QueueViewTests {
    /// Counted by hand, read at F.now (2026-11-25 12:00:00 UTC):
    /// Website: 5 open (4 unattended, 2 unassigned), 1 pending; 4 waiting, one in each age but 1-4 h, the oldest 8 days.
    /// Email: 3 open (2 unattended, 1 unassigned), 1 snoozed; 2 waiting, under 1 h and 1-4 h, the oldest 1 h 30 m.
    static let at: Int64 = 1_795_608_000
    static let byChannel = QueueReport(at: at, breakdown: .channel, groups: [
        QueueGroup(key: .text("Channel::WebWidget"), name: "Website", counts: QueueCounts(
            open: 5, unattended: 4, unassigned: 2, pending: 1, snoozed: 0, waiting: 4, oldestWaitSeconds: 691_200,
            waitAges: [.underOneHour: 1, .fourToTwentyFourHours: 1, .oneToSevenDays: 1, .overSevenDays: 1])),
        QueueGroup(key: .text("Channel::Email"), name: "Email", counts: QueueCounts(
            open: 3, unattended: 2, unassigned: 1, pending: 0, snoozed: 1, waiting: 2, oldestWaitSeconds: 5_400,
            waitAges: [.underOneHour: 1, .oneToFourHours: 1])),
    ], total: QueueCounts(open: 8, unattended: 6, unassigned: 3, pending: 1, snoozed: 1, waiting: 6,
                          oldestWaitSeconds: 691_200,
                          waitAges: [.underOneHour: 2, .oneToFourHours: 1, .fourToTwentyFourHours: 1,
                                     .oneToSevenDays: 1, .overSevenDays: 1]))

    /// What Chatwoot's API gives by team: open, unattended, unassigned per group; the rest unknown.
    static let overHTTP = QueueReport(at: at, breakdown: .team, groups: [
        QueueGroup(key: .id(3), name: "Billing", counts: QueueCounts(open: 3, unattended: 1, unassigned: 2, pending: nil,
                                                                     snoozed: nil, waiting: nil, waitAges: nil)),
    ], total: QueueCounts(open: 3, unattended: 1, unassigned: 2, pending: 4, snoozed: nil, waiting: nil, waitAges: nil))

    static func answered(_ state: DashboardState, _ report: QueueReport, unknown: String? = nil) -> DashboardState {
        let result = QueueLoadResult(requestID: state.pendingRequest!, outcome: .success(report), durationSeconds: 0.012,
                                     unknown: unknown)
        return Dashboard.update(state, .queueLoaded(result), now: F.now).0
    }

    @Test func nReadsTheQueueByTheBreakdownAndNAgainGoesBack() {
        let (asked, effects) = F.press(F.started(), .character("n"))
        #expect(effects.contains(.loadQueue(.channel, requestID: asked.pendingRequest!)))
        let queue = Self.answered(asked, Self.byChannel)
        #expect(queue.queue?.report == Self.byChannel)
        #expect(queue.queue?.selected == "Channel::WebWidget", "the first row is selected")
        let (back, backEffects) = F.press(queue, .character("n"))
        #expect(back.queue == nil)
        #expect(backEffects.contains(.load(F.last30Days, comparing: false, days: false, breakdown: .channel,
                                           requestID: back.pendingRequest!)))
        // g and r in the queue read the queue again, by the next breakdown or the same.
        #expect(F.press(queue, .character("g")).1.contains { if case .loadQueue(.team, _) = $0 { true } else { false } })
        #expect(F.press(queue, .character("r")).1.contains { if case .loadQueue(.channel, _) = $0 { true } else { false } })
    }

    @Test func theQueueTableWithItsBarsLegendAndTotals() {
        let state = Self.answered(F.press(F.started(colored: false), .character("n")).0, Self.byChannel)
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[0].hasPrefix("chanstat  demo data  › the queue now by channel"))
        #expect(lines[1] == "The queue now  read 2026-11-25 12:00:00 UTC" + String(repeating: " ", count: 29) + "in 12 ms")
        #expect(lines[3] == "Channel Open Unattended Unassigned Pending Snoozed Oldest wait")
        // Website: 4 waiting, the most, fill the 17 cells: 1 under 1 h (5 cells, the leftover cell goes first), none
        // 1-4 h, then 4 cells each. Email: 2 waiting, half of it (9 cells): 5 under 1 h, 4 of 1-4 h.
        #expect(lines[4] == "Website    5          4          2       1       0          8d ·····▒▒▒▒▓▓▓▓████")
        #expect(lines[5] == "Email      3          2          1       0       1      1h 30m ·····░░░░")
        #expect(lines[6] == "Total      8          6          3       1       1          8d")
        #expect(lines[8] == "Waiting: · <1h  ░ 1-4h  ▒ 4-24h  ▓ 1-7d  █ >7d")
        let ascii = Self.answered(F.press(F.started(colored: false, glyphs: .ascii), .character("n")).0, Self.byChannel)
        let asciiLines = Dashboard.view(ascii, width: 80, height: 10).lines()
        #expect(asciiLines[4].hasSuffix(" .....++++####@@@@"))
        #expect(asciiLines[8] == "Waiting: . <1h  : 1-4h  + 4-24h  # 1-7d  @ >7d")
    }

    @Test func unknownNumbersAreShownAsUnknownNeverZero() {
        let sentence = "Chatwoot's API gives no snoozed, waiting or wait ages."
        let state = Self.answered(F.press(F.started(), .character("g"), .character("n")).0, Self.overHTTP, unknown: sentence)
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[2] == "?: " + sentence)
        #expect(lines[3] == "Team    Open Unattended Unassigned Pending Snoozed Oldest wait")
        #expect(lines[4] == "Billing    3          1          2       ?       ?           ?")
        #expect(lines[5] == "Total      3          1          2       4       ?           ?")
    }

    @Test func sortAndSelectionWorkInTheQueue() {
        let state = Self.answered(F.press(F.started(), .character("n")).0, Self.byChannel)
        // s steps from open to unattended, unassigned, pending, snoozed (Email's 1 first), the oldest wait, the name.
        let bySnoozed = F.press(state, .character("s"), .character("s"), .character("s"), .character("s")).0
        #expect(bySnoozed.queue?.sort.column == .snoozed)
        #expect(bySnoozed.queue?.rows.map(\.name) == ["Email", "Website"])
        let byName = F.press(bySnoozed, .character("s"), .character("s")).0
        #expect(byName.queue?.sort.column == nil)
        #expect(byName.queue?.rows.map(\.name) == ["Email", "Website"])
        #expect(F.press(byName, .character("S")).0.queue?.rows.map(\.name) == ["Website", "Email"])
        #expect(F.press(state, .down).0.queue?.selected == "Channel::Email")
        #expect(F.press(state, .down, .escape).0.queue?.selected == nil)
    }

    @Test func aSourceWithoutTheQueueKeepsTheRangeAndSaysWhy() {
        let asked = F.press(F.started(), .character("n")).0
        let sentence = "The queue by channel needs a database source (--db FILE or --db postgres://…)."
        let refused = QueueLoadResult(requestID: asked.pendingRequest!,
                                      outcome: .failure(SourceError(.refused, sentence)), durationSeconds: 0)
        let state = Dashboard.update(asked, .queueLoaded(refused), now: F.now).0
        #expect(state.queue == nil)
        #expect(state.notice == sentence)
        #expect(state.loadError == nil)
        let lines = Dashboard.view(state, width: 80, height: 10).lines()
        #expect(lines[2].hasPrefix("The queue by channel needs a database source"))
        #expect(lines[3].hasPrefix("Channel"))
    }

    @Test func aFailedReadKeepsTheLastQueueMarkedStale() {
        let state = Self.answered(F.press(F.started(), .character("n")).0, Self.byChannel)
        let asked = F.press(state, .character("r")).0
        let failed = QueueLoadResult(requestID: asked.pendingRequest!,
                                     outcome: .failure(SourceError(.unavailable, "The database is down.")), durationSeconds: 1)
        let stale = Dashboard.update(asked, .queueLoaded(failed), now: F.now).0
        #expect(stale.queue?.report == Self.byChannel)
        let lines = Dashboard.view(stale, width: 80, height: 10).lines()
        #expect(lines[2] == " Stale (the queue as read at 2026-11-25 12:00:00): The database is down.")
        #expect(lines[4].hasPrefix("Website    5"))
    }
}
