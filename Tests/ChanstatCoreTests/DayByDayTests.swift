import ChanstatCore
import Foundation
import Testing

/// A source without per-day counts asked day by day (`askingDayByDay`): each day's part of the range once, at
/// most 4 at a time, progress after each, one failure fails it all, and a range over the limit asks nothing.
@Suite struct DayByDayTests {
    /// Counts per request: its range's length in hours, so each day's answer says which range was asked.
    final class CountingSource: ReportSource, @unchecked Sendable {
        let lock = NSLock()
        var asked: [DateRange] = []
        var inFlight = 0, mostInFlight = 0
        let failing: DateRange?
        let limit: DailyLimit?

        init(failing: DateRange? = nil, limit: DailyLimit? = nil) {
            self.failing = failing
            self.limit = limit
        }

        var displayName: String { "counting" }
        func dailyRefusal(for request: ReportRequest, calendar: LocalCalendar) -> SourceError? {
            limit?.refusal(dayCount: LocalDays(request.range, calendar: calendar).days.count)
        }

        func report(for range: DateRange) async throws -> SourceReport {
            lock.withLock {
                asked.append(range)
                inFlight += 1
                mostInFlight = max(mostInFlight, inFlight)
            }
            try await Task.sleep(for: .milliseconds(5))
            lock.withLock { inFlight -= 1 }
            if range == failing { throw SourceError(.unavailable, "the server went away") }
            let hours = ChannelCounts(open: range.lengthSeconds / 3600, resolved: 0, pending: 0, snoozed: 0)!
            return SourceReport(summary: ChannelSummary(channels: ["Channel::Email": hours]))
        }

        func dailyReport(for request: ReportRequest, calendar: LocalCalendar,
                         progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
            try await askingDayByDay(for: request, calendar: calendar, progress: progress)
        }

        func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                           limit: ListLimit) async throws -> ConversationList {
            throw ConversationList.needsDatabase
        }

        func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
            throw SourceError(.refused, "This source has no queue.")
        }
    }

    final class ProgressLog: @unchecked Sendable {
        let lock = NSLock()
        var seen: [DayProgress] = []
        func add(_ progress: DayProgress) { lock.withLock { seen.append(progress) } }
    }

    @Test func eachDaysPartOnceAtMostFourAtATime() async throws {
        // New York, 2026-10-30 12:00 to 2026-11-10: a partial first day, and 11-01's 25 hours.
        let calendar = Zones.newYork
        let since = calendar.instant(of: CivilDate(year: 2026, month: 10, day: 30)!, hour: 12)
        let range = try DateRange(since: since, until: calendar.startOfDay(CivilDate(year: 2026, month: 11, day: 10)!))
        let source = CountingSource()
        let log = ProgressLog()
        let daily = try await source.dailyReport(for: range, calendar: calendar) { log.add($0) }
        let days = LocalDays(range, calendar: calendar)
        #expect(source.asked.sorted { $0.since < $1.since } == days.days.map { try! DateRange(since: $0.since, until: $0.until) })
        #expect(source.mostInFlight <= 4)
        #expect(daily.summaries.map { $0.channels["Channel::Email"]?.open } == [12, 24, 25] + Array(repeating: 24, count: 8))
        #expect(log.seen.map(\.done) == Array(0...11))
        #expect(log.seen.allSatisfy { $0.total == 11 })
    }

    @Test func oneFailureFailsItAll() async throws {
        let range = try DateRange(since: jan1st2026, until: jan1st2026 + 10 * 86_400)
        let source = CountingSource(failing: try DateRange(since: jan1st2026 + 3 * 86_400, until: jan1st2026 + 4 * 86_400))
        await #expect(throws: SourceError(.unavailable, "the server went away")) {
            _ = try await source.dailyReport(for: range, calendar: Zones.utc)
        }
    }

    @Test func overTheLimitNothingIsAsked() async throws {
        let limit = DailyLimit(days: 31, advice: "read the database")
        let source = CountingSource(limit: limit)
        let month = try DateRange(since: jan1st2026, until: jan1st2026 + 31 * 86_400)
        #expect(try await source.dailyReport(for: month, calendar: Zones.utc).days.days.count == 31)
        let longer = try DateRange(since: jan1st2026, until: jan1st2026 + 31 * 86_400 + 1)
        let asked = source.asked.count
        await #expect(throws: SourceError(.usage, "day by day, this source is asked once per day, so at most 31 days at a "
                                          + "time (this range has 32): choose a shorter range, or read the database")) {
            _ = try await source.dailyReport(for: longer, calendar: Zones.utc)
        }
        #expect(source.asked.count == asked)
        // The dashboard's load asks the table and leaves the days out, saying why.
        let loaded = try await source.load(longer, comparing: false, calendar: Zones.utc, now: longer.until, days: true)
        #expect(loaded.daily == nil && loaded.dailyRefusal?.hasPrefix("day by day, this source") == true)
        #expect(source.asked.count == asked + 1)
    }
}
