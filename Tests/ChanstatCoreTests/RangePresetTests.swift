import ChanstatCore
import Testing

/// Presets (README "Command line"): "last N days" runs from the start of the day N-1 days ago to the end of today,
/// in the calendar's zone. Every expected instant was computed independently for that zone.
@Suite struct RangePresetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let preset: RangePreset
        let now: Int64
        let since: Int64
        let until: Int64
        var testDescription: String { "\(preset.rawValue) at \(now)" }
    }

    // 2026-03-31T12:00Z: the last day of a 31-day month, after a 28-day February.
    static let endOfMarch: Int64 = 1_774_958_400
    static let monthEnd: [Case] = [
        Case(preset: .today, now: endOfMarch, since: 1_774_915_200, until: 1_775_001_600),
        Case(preset: .last7Days, now: endOfMarch, since: 1_774_915_200 - 6 * 86_400, until: 1_775_001_600),
        Case(preset: .last30Days, now: endOfMarch, since: 1_772_409_600, until: 1_775_001_600),   // from 03-02
        Case(preset: .thisMonth, now: endOfMarch, since: 1_772_323_200, until: 1_775_001_600),    // 03-01 .. 04-01
        Case(preset: .lastMonth, now: endOfMarch, since: 1_769_904_000, until: 1_772_323_200),    // 02-01 .. 03-01
    ]

    @Test(arguments: monthEnd)
    func atAMonthEnd(_ c: Case) {
        let range = c.preset.range(now: at(c.now), calendar: Zones.utc)
        #expect(range.since == c.since)
        #expect(range.until == c.until)
    }

    // The first second of 2026 and the last second of 2025, in UTC.
    static let yearEnd: [Case] = [
        Case(preset: .today, now: jan1st2026, since: jan1st2026, until: 1_767_312_000),
        Case(preset: .last7Days, now: jan1st2026, since: 1_766_707_200, until: 1_767_312_000),    // 2025-12-26
        Case(preset: .thisMonth, now: jan1st2026, since: jan1st2026, until: 1_767_312_000),
        Case(preset: .lastMonth, now: jan1st2026, since: 1_764_547_200, until: jan1st2026),        // 2025-12
        Case(preset: .today, now: jan1st2026 - 1, since: jan1st2026 - 86_400, until: jan1st2026),
        Case(preset: .thisMonth, now: jan1st2026 - 1, since: 1_764_547_200, until: jan1st2026),
        Case(preset: .lastMonth, now: jan1st2026 - 1, since: 1_761_955_200, until: 1_764_547_200), // 2025-11
    ]

    @Test(arguments: yearEnd)
    func atAYearEnd(_ c: Case) {
        let range = c.preset.range(now: at(c.now), calendar: Zones.utc)
        #expect(range.since == c.since)
        #expect(range.until == c.until)
    }

    // 2024-02-29 (leap day) and 2024/2025-03-01, where "last 30 days" reaches back across February.
    static let leap: [Case] = [
        Case(preset: .today, now: 1_709_164_800 + 43_200, since: 1_709_164_800, until: 1_709_251_200),
        Case(preset: .last7Days, now: 1_709_164_800, since: 1_708_646_400, until: 1_709_251_200),    // 02-23
        Case(preset: .thisMonth, now: 1_709_164_800, since: 1_706_745_600, until: 1_709_251_200),    // 02-01
        Case(preset: .lastMonth, now: 1_709_164_800, since: 1_704_067_200, until: 1_706_745_600),    // 01
        Case(preset: .last30Days, now: 1_709_251_200, since: 1_706_745_600, until: 1_709_337_600),   // 2024-02-01
        Case(preset: .last30Days, now: 1_740_787_200, since: 1_738_281_600, until: 1_740_873_600),   // 2025-01-31
        Case(preset: .lastMonth, now: 1_740_787_200, since: 1_738_368_000, until: 1_740_787_200),    // 2025-02
    ]

    @Test(arguments: leap)
    func aroundLeapDays(_ c: Case) {
        let range = c.preset.range(now: at(c.now), calendar: Zones.utc)
        #expect(range.since == c.since)
        #expect(range.until == c.until)
    }

    @Test func longPresetsCountLocalDays() {
        // On 2026-06-30 (UTC): 6m starts 179 days back on 2026-01-02, 3m 89 days back on 2026-04-02.
        let now = at(1_782_864_000 - 3600)
        let sixMonths = RangePreset.last6Months.range(now: now, calendar: Zones.utc)
        #expect(sixMonths.since == 1_767_312_000)
        #expect(sixMonths.until == 1_782_864_000)
        #expect(sixMonths.lengthSeconds == 180 * 86_400)
        let threeMonths = RangePreset.last3Months.range(now: now, calendar: Zones.utc)
        #expect(threeMonths.since == 1_775_088_000)
        #expect(threeMonths.lengthSeconds == 90 * 86_400)
    }

    // MARK: Daylight saving: local days, so a day is 23 or 25 hours long.

    @Test func berlinSpringForwardWeekIsOneHourShort() {
        // Now 2026-04-01 12:00 CEST. Since 2026-03-26 00:00 CET, until 2026-04-02 00:00 CEST.
        let range = RangePreset.last7Days.range(now: at(1_775_037_600), calendar: Zones.berlin)
        #expect(range.since == 1_774_479_600)
        #expect(range.until == 1_775_080_800)
        #expect(range.lengthSeconds == 7 * 86_400 - 3600)
    }

    @Test func berlinFallBackWeekIsOneHourLong() {
        // Now 2026-10-28 12:00 CET. Since 2026-10-22 00:00 CEST, until 2026-10-29 00:00 CET.
        let range = RangePreset.last7Days.range(now: at(1_793_185_200), calendar: Zones.berlin)
        #expect(range.since == 1_792_620_000)
        #expect(range.until == 1_793_228_400)
        #expect(range.lengthSeconds == 7 * 86_400 + 3600)
    }

    @Test func berlinTodayOnTheChangeDayIsTwentyThreeHours() {
        let range = RangePreset.today.range(now: at(1_774_778_400), calendar: Zones.berlin)
        #expect(range.since == 1_774_738_800)
        #expect(range.until == 1_774_821_600)
        #expect(range.lengthSeconds == 23 * 3600)
    }

    @Test func newYorkSpringForwardWeek() {
        // Now 2026-03-10 12:00 EDT: since 2026-03-04 00:00 EST, until 2026-03-11 00:00 EDT.
        let range = RangePreset.last7Days.range(now: at(1_773_158_400), calendar: Zones.newYork)
        #expect(range.since == 1_772_600_400)
        #expect(range.until == 1_773_201_600)
        #expect(range.lengthSeconds == 7 * 86_400 - 3600)
    }

    @Test func newYorkFallBackWeek() {
        // Now 2026-11-04 12:00 EST: since 2026-10-29 00:00 EDT, until 2026-11-05 00:00 EST.
        let range = RangePreset.last7Days.range(now: at(1_793_811_600), calendar: Zones.newYork)
        #expect(range.since == 1_793_246_400)
        #expect(range.until == 1_793_854_800)
        #expect(range.lengthSeconds == 7 * 86_400 + 3600)
    }

    @Test func todayDependsOnTheZone() {
        // 2026-01-01T23:30Z is still January 1st in New York but already January 2nd in Tokyo.
        let now = at(jan1st2026 + 84_600)
        #expect(RangePreset.today.range(now: now, calendar: Zones.newYork)
                == (try? DateRange(since: 1_767_243_600, until: 1_767_330_000)))
        #expect(RangePreset.today.range(now: now, calendar: Zones.tokyo)
                == (try? DateRange(since: 1_767_279_600, until: 1_767_366_000)))
        #expect(RangePreset.today.range(now: now, calendar: Zones.utc)
                == (try? DateRange(since: jan1st2026, until: jan1st2026 + 86_400)))
    }

    @Test func todayIncludesMidnightAndTheLastSecond() {
        let midnight = RangePreset.today.range(now: at(jan1st2026), calendar: Zones.utc)
        let lastSecond = RangePreset.today.range(now: at(jan1st2026 + 86_399), calendar: Zones.utc)
        #expect(midnight == lastSecond)
        #expect(midnight.since == jan1st2026)
    }

    @Test(arguments: RangePreset.allCases)
    func everyPresetIsWithinTheLimitEvenAcrossDaylightSaving(_ preset: RangePreset) {
        for calendar in [Zones.utc, Zones.berlin, Zones.newYork] {
            for now in [1_775_037_600, 1_793_185_200, 1_793_811_600, jan1st2026] as [Int64] {
                let range = preset.range(now: at(now), calendar: calendar)
                if preset == .lastMonth {
                    #expect(range.until <= now)
                } else {
                    #expect(range.since <= now && now < range.until)
                }
                #expect(range.lengthSeconds <= DateRange.maximumSeconds)
            }
        }
    }

    @Test func namesDigitsAndDefault() {
        #expect(RangePreset.allCases.map(\.rawValue) == ["today", "7d", "30d", "3m", "6m", "this-month", "last-month"])
        #expect(RangePreset.standard == .last30Days)
        #expect(RangePreset(digit: 1) == .today)
        #expect(RangePreset(digit: 7) == .lastMonth)
        #expect(RangePreset(digit: 0) == nil)
        #expect(RangePreset(digit: 8) == nil)
        #expect(RangePreset.lastMonth.digit == 7)
        #expect(RangePreset.last7Days.title == "Last 7 days")
    }

    @Test func aChoiceResolvesAPresetAnewAndKeepsACustomRange() throws {
        let custom = try DateRange(since: 10, until: 20)
        #expect(RangeChoice.custom(custom).resolve(now: at(jan1st2026), calendar: Zones.utc) == custom)
        #expect(RangeChoice.custom(custom).title == "Custom range")
        let today = RangeChoice.preset(.today)
        #expect(today.resolve(now: at(jan1st2026), calendar: Zones.utc).since == jan1st2026)
        #expect(today.resolve(now: at(jan1st2026 + 86_400), calendar: Zones.utc).since == jan1st2026 + 86_400)
        #expect(today.title == "Today")
    }
}
