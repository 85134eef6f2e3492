import ChanstatCore
import Foundation
import Testing

/// Compare like for like (SPEC 8, docs/report.md "Compare"): a range that ends after now is cut at now, and its
/// previous period (what `[` steps to) is cut to the same number of seconds from its own start. Every instant
/// below was worked out by hand for UTC at 2026-11-25 11:45:00.
@Suite struct ComparedPeriodsTests {
    static let now: Int64 = 1_795_607_100             // 2026-11-25 11:45:00 UTC
    static let calendar = Zones.utc

    /// The periods a compare of `preset` counts at `now`, by the rule the loads use.
    static func compared(_ preset: RangePreset, now: Int64 = now) throws -> ComparedPeriods {
        let range = preset.range(now: at(now), calendar: calendar)
        return ComparedPeriods(range: range, previous: try calendar.step(range, by: -1), now: now)
    }

    @Test func todayIsComparedWithYesterdayUntilTheSameClockTime() throws {
        let periods = try Self.compared(.today)
        #expect(periods.isSoFar)
        #expect(periods.current == (try DateRange(since: 1_795_564_800, until: Self.now)))           // 11-25 00:00 to 11:45
        #expect(periods.previous == (try DateRange(since: 1_795_478_400, until: 1_795_520_700)))     // 11-24 00:00 to 11:45
    }

    @Test func lastSevenDaysAreComparedWithTheSevenBeforeForTheSameSeconds() throws {
        let periods = try Self.compared(.last7Days)
        #expect(periods.isSoFar)
        #expect(periods.current == (try DateRange(since: 1_795_046_400, until: Self.now)))           // 11-19 00:00 to 11-25 11:45
        #expect(periods.previous == (try DateRange(since: 1_794_441_600, until: 1_795_002_300)))     // 11-12 00:00 to 11-18 11:45
        #expect(periods.current.lengthSeconds == periods.previous.lengthSeconds)
    }

    /// This month's previous period is what `[` steps to (the same number of days before it: 2026-10-07 to
    /// 10-31), from its own start for as long as this month has run.
    @Test func thisMonthIsComparedForTheSameSecondsFromThePreviousPeriodsStart() throws {
        let periods = try Self.compared(.thisMonth)
        #expect(periods.isSoFar)
        #expect(periods.current == (try DateRange(since: 1_793_491_200, until: Self.now)))           // 11-01 00:00 to 11-25 11:45
        #expect(periods.previous == (try DateRange(since: 1_791_331_200, until: 1_793_447_100)))     // 10-07 00:00 to 10-31 11:45
    }

    /// A range that has ended is compared whole, as before.
    @Test func aRangeThatHasEndedIsNotCut() throws {
        let periods = try Self.compared(.lastMonth)
        #expect(!periods.isSoFar)
        #expect(periods.current == RangePreset.lastMonth.range(now: at(Self.now), calendar: Self.calendar))
        #expect(periods.previous == (try DateRange(since: 1_788_220_800, until: 1_790_812_800)))     // all of September
        // Ending exactly now is ended: nothing of it is in the future.
        let endingNow = try DateRange(since: Self.now - 3600, until: Self.now)
        let exact = ComparedPeriods(range: endingNow, previous: try endingNow.stepped(by: -1), now: Self.now)
        #expect(!exact.isSoFar && exact.current == endingNow)
    }

    /// A custom range reaching into the future is cut like a preset; one that has not begun keeps one second, and
    /// the previous period is never cut past its own end.
    @Test func customRangesInTheFuture() throws {
        let reaching = try DateRange(since: Self.now - 7200, until: Self.now + 7200)
        let cut = ComparedPeriods(range: reaching, previous: try reaching.stepped(by: -1), now: Self.now)
        #expect(cut.current == (try DateRange(since: Self.now - 7200, until: Self.now)))
        #expect(cut.previous == (try DateRange(since: Self.now - 21_600, until: Self.now - 14_400)))
        let future = try DateRange(since: Self.now + 86_400, until: Self.now + 2 * 86_400)
        let notBegun = ComparedPeriods(range: future, previous: try future.stepped(by: -1), now: Self.now)
        #expect(notBegun.isSoFar && notBegun.current.lengthSeconds == 1 && notBegun.previous.lengthSeconds == 1)
        let shortPrevious = try DateRange(since: Self.now - 100_000, until: Self.now - 99_000)
        let capped = ComparedPeriods(range: reaching, previous: shortPrevious, now: Self.now)
        #expect(capped.previous == shortPrevious)
    }

    /// The load asks the source for the cut periods (the counting source answers each range's length in hours),
    /// and keeps the range asked for as the selection's.
    @Test func theLoadCountsTheCutPeriods() async throws {
        let source = DayByDayTests.CountingSource()
        let range = RangePreset.today.range(now: at(Self.now), calendar: Self.calendar)
        let loaded = try await source.load(range, comparing: true, calendar: Self.calendar, now: Self.now)
        #expect(loaded.range == range)
        #expect(loaded.compared == (try Self.compared(.today)))
        #expect(Set(source.asked) == [try DateRange(since: 1_795_564_800, until: Self.now),
                                      try DateRange(since: 1_795_478_400, until: 1_795_520_700)])
        #expect(loaded.report.summary.totals?.open == 11 && loaded.previous?.summary.totals?.open == 11)
        // Without compare, nothing is cut: the range is asked whole.
        let plain = try await source.load(range, comparing: false, calendar: Self.calendar, now: Self.now)
        #expect(plain.compared == nil && source.asked.last == range)
    }
}
