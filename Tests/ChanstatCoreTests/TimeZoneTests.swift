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
        #expect(Zones.berlin.zoneName(at: jan1st2026) == "Europe/Berlin")
        #expect(Zones.utc.zoneName(at: jan1st2026) == "UTC")
        #expect(LocalCalendar(zoneNamed: "Etc/UTC")!.zoneName(at: jan1st2026) == "UTC")
        let week = try! DateRange(since: jan1st2026 - 9 * 3600, until: jan1st2026 - 9 * 3600 + 7 * 86_400)
        #expect(Zones.tokyo.describe(week, dash: " to ") == "2026-01-01 to 2026-01-07 Asia/Tokyo")
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
