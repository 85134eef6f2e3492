import ChanstatCore
import ChanstatDashboard
@testable import ChanstatTerminal
import Foundation
import Logging
import Testing

/// A source that holds the load of one range until its task is cancelled, and says that it was; any other range
/// it answers at once: one open conversation on the website.
final class HoldingSource: ReportSource {
    let held: DateRange
    let cancellations: AsyncStream<DateRange>
    private let cancelled: AsyncStream<DateRange>.Continuation

    init(holding range: DateRange) {
        held = range
        (cancellations, cancelled) = AsyncStream.makeStream(of: DateRange.self)
    }

    var displayName: String { "holding source" }

    func report(for range: DateRange) async throws -> SourceReport {
        guard range == held else {
            return SourceReport(summary: ChannelSummary(channels: [
                "Channel::WebWidget": ChannelCounts(open: 1, resolved: 0, pending: 0, snoozed: 0)!,
            ]))
        }
        let cancelled = cancelled
        await withTaskCancellationHandler {
            // Only a cancellation ends this wait (a day is "never" for a test).
            try? await Task.sleep(for: .seconds(86_400))
        } onCancel: {
            cancelled.yield(range)
        }
        throw CancellationError()
    }

    func dailyReport(for request: ReportRequest, calendar: LocalCalendar,
                     progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        throw SourceError(.unavailable, "This source has no days.")
    }

    func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                       limit: ListLimit) async throws -> ConversationList {
        throw ConversationList.needsDatabase
    }

    func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        throw SourceError(.refused, "This source has no queue.")
    }
}

/// Issue 24 item 3: a load that a newer one superseded is stopped, not only ignored. `update` says so with
/// `.cancelLoad`; the terminal edge's `LoadRunner` must cancel that load's task (on `--url` with the trend open, each
/// preset key would otherwise leave up to 32 requests running).
@Suite struct LoadCancellationTests {
    static let calendar = LocalCalendar.utc
    /// 2026-11-25 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)

    @Test(.timeLimit(.minutes(1))) func aSupersededLoadsTaskIsCancelledAndTheNewOneAnswers() async throws {
        let last30Days = RangePreset.last30Days.range(now: Self.now, calendar: Self.calendar)
        let today = RangePreset.today.range(now: Self.now, calendar: Self.calendar)
        var state = DashboardState(sourceName: "holding source", calendar: Self.calendar,
                                   selection: RangeSelection(preset: .last30Days, range: last30Days), refreshSeconds: 60)
        let source = HoldingSource(holding: last30Days)
        let (messages, post) = AsyncStream.makeStream(of: DashboardMessage.self)
        let runner = LoadRunner(source: source, calendar: Self.calendar, logger: Logger(label: "test")) { post.yield($0) }
        func apply(_ message: DashboardMessage) {
            let effects: [DashboardEffect]
            (state, effects) = Dashboard.update(state, message, now: Self.now)
            effects.forEach(runner.perform)
        }

        apply(.started)
        let first = try #require(state.pendingRequest)
        #expect(runner.runningRequest == first)
        apply(.key(.character("1")))  // Today, while the last 30 days are still loading
        let second = try #require(state.pendingRequest)
        #expect(second != first)
        #expect(runner.runningRequest == second)

        var cancelled = source.cancellations.makeAsyncIterator()
        #expect(await cancelled.next() == last30Days, "the superseded load's task was cancelled")

        // Both answer: the cancelled one with its failure (dropped), the new one with its numbers.
        var finished: Set<Int> = []
        for await message in messages {
            if case .loadFinished(let result) = message { finished.insert(result.requestID) }
            apply(message)
            if finished == [first, second] { break }
        }
        #expect(state.pendingRequest == nil)
        #expect(state.loadError == nil, "the cancelled load's failure is an answer to an older request")
        #expect(state.data?.range == today)
        #expect(state.data?.model.totals?.open == 1)
    }
}
