import ChanstatCore
import Foundation
import Testing

/// Calendars by zone name, the zone as headers say it, and `[`/`]` in a zone with daylight saving.
@Suite struct TimeZoneTests {
    @Test func zonesByIANAName() {
        #expect(LocalCalendar(zoneNamed: "Asia/Tokyo")?.timeZone.secondsFromGMT() == 9 * 3600)
        #expect(LocalCalendar(zoneNamed: "UTC") != nil)
        #expect(LocalCalendar(zoneNamed: "Mars/Olympus") == nil)
        #expect(LocalCalendar(zoneNamed: "") == nil)
    }

    @Test func headersNameTheZoneByItsIANAName() {
        #expect(Zones.berlin.zoneName == "Europe/Berlin")
        #expect(Zones.utc.zoneName == "UTC")
        #expect(LocalCalendar(zoneNamed: "Etc/UTC")!.zoneName == "UTC")
        let week = try! DateRange(since: jan1st2026 - 9 * 3600, until: jan1st2026 - 9 * 3600 + 7 * 86_400)
        #expect(Zones.tokyo.describe(week, dash: " to ") == "2026-01-01 to 2026-01-07 Asia/Tokyo")
    }

    /// Issue 14 item 4: a zone without a region name that has daylight saving (TZ=EST5EDT) was named by its
    /// offset at the range's start, "GMT-4", wrong for December. Its name says its rules; a zone with one
    /// offset all year is named by that offset, right at both ends.
    @Test func aZoneWithDaylightSavingIsNamedNotGivenOneEndsOffset() throws {
        let eastern = try #require(LocalCalendar(zoneNamed: "EST5EDT"))
        let since = eastern.startOfDay(try #require(CivilDate(year: 2026, month: 9, day: 3)))
        let until = eastern.startOfDay(try #require(CivilDate(year: 2026, month: 12, day: 2)))
        #expect(eastern.describe(try DateRange(since: since, until: until), dash: " to ")
                == "2026-09-03 to 2026-12-01 EST5EDT")
        #expect(try #require(LocalCalendar(zoneNamed: "Etc/GMT+4")).zoneName == "GMT-4")
        #expect(Zones.newYork.zoneName == "America/New_York")
    }

    /// Issue 14 item 15: a calendar month steps by calendar months (Nov → Oct → Sep), not by its 30 days
    /// (Nov 1-30 → Oct 2-31); several months step by as many; other whole days by their days.
    @Test func calendarMonthsStepByCalendarMonths() throws {
        let utc = Zones.utc
        func month(_ year: Int, _ month: Int, months: Int = 1) throws -> DateRange {
            let first = try #require(CivilDate(year: year, month: month, day: 1))
            return try DateRange(since: utc.startOfDay(first), until: utc.startOfDay(first.firstOfMonth(offset: months)))
        }
        #expect(try utc.step(month(2026, 11), by: -1) == month(2026, 10))
        #expect(try utc.step(month(2026, 10), by: -1) == month(2026, 9))
        #expect(try utc.step(month(2026, 2), by: 1) == month(2026, 3))
        #expect(try utc.step(month(2026, 9, months: 3), by: -1) == month(2026, 6, months: 3))
        // The last 30 days is no month: 30 days back.
        let thirty = try DateRange(since: jan1st2026, until: jan1st2026 + 30 * 86_400)
        #expect(try utc.step(thirty, by: -1) == DateRange(since: jan1st2026 - 30 * 86_400, until: jan1st2026))
    }

    /// `]` never ends after today: a month ends today, other ranges keep their length and end today.
    @Test func aStepForwardEndsByToday() throws {
        let utc = Zones.utc
        let now = at(jan1st2026 + 14 * 86_400 + 3600)  // 2026-01-15 01:00
        let endOfToday = jan1st2026 + 15 * 86_400
        let january = try DateRange(since: jan1st2026, until: jan1st2026 + 31 * 86_400)
        #expect(try utc.endingByToday(january, now: now) == DateRange(since: jan1st2026, until: endOfToday))
        let week = try DateRange(since: jan1st2026 + 10 * 86_400, until: jan1st2026 + 17 * 86_400)
        #expect(try utc.endingByToday(week, now: now) == DateRange(since: endOfToday - 7 * 86_400, until: endOfToday))
        let past = try DateRange(since: jan1st2026, until: jan1st2026 + 86_400)
        #expect(try utc.endingByToday(past, now: now) == past)
    }

    /// The same preset names different instants in two zones: today in Tokyo starts 9 hours before today in UTC.
    @Test func presetsInTwoZones() {
        let now = at(jan1st2026 + 12 * 3600)  // 2026-01-01 12:00 UTC, 21:00 in Tokyo, 07:00 in New York
        #expect(RangePreset.today.range(now: now, calendar: Zones.tokyo)
                == (try! DateRange(since: jan1st2026 - 9 * 3600, until: jan1st2026 + 15 * 3600)))
        #expect(RangePreset.today.range(now: now, calendar: Zones.newYork)
                == (try! DateRange(since: jan1st2026 + 5 * 3600, until: jan1st2026 + 29 * 3600)))
    }

    /// Berlin's clocks go forward on 2026-03-29: the week after 03-23 – 03-29 starts at midnight, 167 hours on.
    @Test func steppingWholeDaysKeepsMidnightsAcrossDaylightSaving() throws {
        let berlin = Zones.berlin
        let week = try DateRange(since: berlin.startOfDay(CivilDate(year: 2026, month: 3, day: 23)!),
                                 until: berlin.startOfDay(CivilDate(year: 2026, month: 3, day: 30)!))
        let next = try berlin.step(week, by: 1)
        #expect(next == (try DateRange(since: berlin.startOfDay(CivilDate(year: 2026, month: 3, day: 30)!),
                                       until: berlin.startOfDay(CivilDate(year: 2026, month: 4, day: 6)!))))
        #expect(try berlin.step(next, by: -1) == week)
        // Not whole days: by its length in seconds, as before.
        let hours = try DateRange(since: jan1st2026 + 60, until: jan1st2026 + 3660)
        #expect(try berlin.step(hours, by: 1) == hours.stepped(by: 1))
    }
}
