import ChanstatCore
import Foundation
import Testing

/// How the dashboard's header and `report`'s heading say a range, by one rule: both ends shown are included.
/// Whole days end on their last included day, anything else on its last included second (the range itself
/// always ends at an exclusive instant).
struct RangeDescriptionTests {
    static let day: Int64 = 86_400

    @Test func wholeDaysEndOnTheLastIncludedDay() throws {
        let week = try DateRange(since: jan1st2026, until: jan1st2026 + 7 * Self.day)
        #expect(Zones.utc.describe(week, dash: " to ") == "2026-01-01 to 2026-01-07 UTC")
        #expect(Zones.utc.describe(week, dash: " – ") == "2026-01-01 – 2026-01-07 UTC")
    }

    @Test func oneWholeDayIsOneDate() throws {
        let day = try DateRange(since: jan1st2026, until: jan1st2026 + Self.day)
        #expect(Zones.utc.describe(day, dash: " to ") == "2026-01-01 UTC")
    }

    /// One second off midnight at either end: date-times, so nothing is rounded into a day, and the end is
    /// the last second included, as a day shown is the last day included (issue 14 item 20: an end shown
    /// exclusive beside dates shown inclusive read as one day too many).
    @Test func boundsOffMidnightShowTheirLastIncludedSecond() throws {
        let range = try DateRange(since: jan1st2026 + 1, until: jan1st2026 + 7 * Self.day)
        #expect(Zones.utc.describe(range, dash: " to ") == "2026-01-01 00:00:01 to 2026-01-07 23:59:59 UTC")
        let early = try DateRange(since: jan1st2026, until: jan1st2026 + 7 * Self.day - 1)
        #expect(Zones.utc.describe(early, dash: " to ") == "2026-01-01 00:00 to 2026-01-07 23:59:58 UTC")
        let workday = try DateRange(since: jan1st2026 + 9 * 3600, until: jan1st2026 + 17 * 3600)
        #expect(Zones.utc.describe(workday, dash: " to ") == "2026-01-01 09:00 to 2026-01-01 16:59:59 UTC")
    }

    /// Berlin midnights across the spring change (29 March 2026): 23-hour day included, still whole days.
    @Test func localMidnightsAcrossADaylightSavingChangeAreWholeDays() throws {
        let since = Zones.berlin.startOfDay(try #require(CivilDate(year: 2026, month: 3, day: 28)))
        let until = Zones.berlin.startOfDay(try #require(CivilDate(year: 2026, month: 3, day: 31)))
        let range = try DateRange(since: since, until: until)
        #expect(Zones.berlin.describe(range, dash: " to ") == "2026-03-28 to 2026-03-30 Europe/Berlin")
        #expect(Zones.utc.describe(range, dash: " to ").hasPrefix("2026-03-27 23:00 to 2026-03-30 21:59:59"))
    }
}
