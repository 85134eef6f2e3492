import ChanstatCore
import Foundation
import Testing

/// Days in a zone (docs/report.md "Day by day"): every day of the range, 23- and 25-hour days, partial first and
/// last days, and the mapping of instants to days that the databases' SQL evaluates.
@Suite struct LocalDaysTests {
    static let lordHowe = LocalCalendar(timeZone: TimeZone(identifier: "Australia/Lord_Howe")!)  // 30-minute DST
    static let kolkata = LocalCalendar(timeZone: TimeZone(identifier: "Asia/Kolkata")!)          // UTC+5:30

    func range(_ since: Int64, _ until: Int64) throws -> DateRange { try DateRange(since: since, until: until) }

    func hours(_ day: LocalDays.Day) -> Double { Double(day.until - day.since) / 3600 }

    /// Every instant of the range, every `step` seconds and one second either side of each day's start, falls
    /// on the day the calendar names for it.
    func expectMappingAgrees(_ days: LocalDays, _ calendar: LocalCalendar, step: Int64 = 900) {
        var probes = Array(stride(from: days.range.since, to: days.range.until, by: Int(step)))
        for day in days.days { probes += [day.since - 1, day.since, day.until - 1, day.until] }
        for instant in probes {
            let inside = instant >= days.range.since && instant < days.range.until
            let expected = inside ? days.days.firstIndex { $0.date == calendar.civilDate(at: instant) } : nil
            #expect(days.index(of: instant) == expected, "instant \(instant)")
        }
    }

    @Test func newYorkSpringForwardIsA23HourDayAndFallBackA25HourDay() throws {
        let calendar = Zones.newYork
        let spring = LocalDays(try range(calendar.startOfDay(CivilDate(year: 2026, month: 3, day: 7)!),
                                         calendar.startOfDay(CivilDate(year: 2026, month: 3, day: 10)!)), calendar: calendar)
        #expect(spring.days.map(\.date.description) == ["2026-03-07", "2026-03-08", "2026-03-09"])
        #expect(spring.days.map(hours) == [24, 23, 24])
        #expect(spring.offsets.map(\.seconds) == [-5 * 3600, -4 * 3600])
        #expect(spring.offsets.last?.start == 1_772_953_200)  // 2026-03-08 07:00 UTC, 02:00 EST
        expectMappingAgrees(spring, calendar)

        let fall = LocalDays(try range(calendar.startOfDay(CivilDate(year: 2026, month: 10, day: 31)!),
                                       calendar.startOfDay(CivilDate(year: 2026, month: 11, day: 3)!)), calendar: calendar)
        #expect(fall.days.map(hours) == [24, 25, 24])
        #expect(fall.offsets.map(\.seconds) == [-4 * 3600, -5 * 3600])
        expectMappingAgrees(fall, calendar)
    }

    @Test func berlinAndLordHoweAcrossTheirChanges() throws {
        let berlin = Zones.berlin
        let march = LocalDays(try range(berlin.startOfDay(CivilDate(year: 2026, month: 3, day: 28)!),
                                        berlin.startOfDay(CivilDate(year: 2026, month: 3, day: 31)!)), calendar: berlin)
        #expect(march.days.map(hours) == [24, 23, 24])
        expectMappingAgrees(march, berlin)
        // Lord Howe moves by half an hour: a 23.5-hour day in October, a 24.5-hour one in April.
        let calendar = Self.lordHowe
        let october = LocalDays(try range(calendar.startOfDay(CivilDate(year: 2026, month: 10, day: 3)!),
                                          calendar.startOfDay(CivilDate(year: 2026, month: 10, day: 6)!)), calendar: calendar)
        #expect(october.days.map(hours) == [24, 23.5, 24])
        expectMappingAgrees(october, calendar, step: 600)
        let april = LocalDays(try range(calendar.startOfDay(CivilDate(year: 2026, month: 4, day: 4)!),
                                        calendar.startOfDay(CivilDate(year: 2026, month: 4, day: 7)!)), calendar: calendar)
        #expect(april.days.map(hours) == [24, 24.5, 24])
        expectMappingAgrees(april, calendar, step: 600)
    }

    @Test func partialFirstAndLastDaysKeepTheirDates() throws {
        let calendar = Self.kolkata
        // 2026-01-01 18:00 to 2026-01-04 06:30 in Kolkata.
        let since = calendar.instant(of: CivilDate(year: 2026, month: 1, day: 1)!, hour: 18)
        let until = calendar.instant(of: CivilDate(year: 2026, month: 1, day: 4)!, hour: 6, minute: 30)
        let days = LocalDays(try range(since, until), calendar: calendar)
        #expect(days.days.map(\.date.description) == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"])
        #expect(days.days.map(hours) == [6, 24, 24, 6.5])
        #expect(days.days.first?.since == since)
        #expect(days.days.last?.until == until)
        #expect(days.offsets == [LocalDays.Offset(start: since, seconds: 19_800)])
        expectMappingAgrees(days, calendar, step: 300)
        // A range inside one day is that one day.
        let short = LocalDays(try range(since, since + 60), calendar: calendar)
        #expect(short.days.map(\.date.description) == ["2026-01-01"])
    }

    @Test func sixMonthsInNewYorkHaveEveryDayOnceAndTwoChanges() throws {
        let calendar = Zones.newYork
        let since = calendar.startOfDay(CivilDate(year: 2026, month: 1, day: 1)!)
        let days = LocalDays(try range(since, since + DateRange.maximumSeconds), calendar: calendar)
        #expect(days.days.count == 183)
        #expect(zip(days.days, days.days.dropFirst()).allSatisfy { $0.until == $1.since && $0.date.adding(days: 1) == $1.date })
        #expect(days.offsets.count == 2)  // March's change only: November is after the range
        expectMappingAgrees(days, calendar, step: 3 * 3600 + 7)
    }

    @Test func theSQLExpressionNamesEachOffsetOnce() throws {
        let calendar = Zones.newYork
        let fall = LocalDays(try range(1_793_419_200, 1_793_768_400), calendar: calendar)
        #expect(fall.sqlDayIndex(of: "t") == "((t + CASE WHEN t < 1793512800 THEN -14400 ELSE -18000 END - 1793404800) / 86400)")
        let utc = LocalDays(try range(jan1st2026, jan1st2026 + 86_400), calendar: Zones.utc)
        #expect(utc.sqlDayIndex(of: "t") == "((t + 0 - 1767225600) / 86400)")
    }

    @Test func aDailyReportSumsToThePlainReport() throws {
        let days = LocalDays(try range(jan1st2026, jan1st2026 + 3 * 86_400), calendar: Zones.utc)
        var daily = DailyReport(days: days)
        let added = [daily.add(day: 0, channelType: "Channel::Email", statusCode: 0, count: 2),
                     daily.add(day: 2, channelType: "Channel::Email", statusCode: 1, count: 3),
                     daily.add(day: 2, channelType: "Channel::Sms", statusCode: 7, count: 9),  // counts nowhere
                     daily.add(day: 3, channelType: "Channel::Email", statusCode: 0, count: 1)]  // outside: refused
        #expect(added == [true, true, true, false])
        #expect(daily.summaries[1].isEmpty)
        #expect(daily.total == ChannelCounts(open: 2, resolved: 3, pending: 0, snoozed: 0)!)
        #expect(daily.counts(day: 2, group: .text("Channel::Sms")) == ChannelCounts())
        #expect(daily.keys == [.text("Channel::Email")])
    }
}
