import ChanstatCore
import Testing

@Suite struct DateRangeTests {
    @Test func sixMonthLimitIsExactlyFifteenMillionSevenHundredSeventyEightThousandFourHundredSeventySix() throws {
        #expect(DateRange.maximumSeconds == 15_778_476)
        let longest = try DateRange(since: jan1st2026, until: jan1st2026 + 15_778_476)
        #expect(longest.lengthSeconds == 15_778_476)
        #expect(throws: RangeError.tooLong(lengthSeconds: 15_778_477)) { try DateRange(since: jan1st2026, until: jan1st2026 + 15_778_477) }
        #expect(throws: RangeError.tooLong(lengthSeconds: 15_778_477)) { try DateRange(since: 0, until: 15_778_477) }
        #expect(try DateRange(since: -15_778_476, until: 0).lengthSeconds == 15_778_476)
    }

    @Test func untilMustBeAfterSince() throws {
        #expect(throws: RangeError.notAfter) { try DateRange(since: 5, until: 5) }
        #expect(throws: RangeError.notAfter) { try DateRange(since: 6, until: 5) }
        #expect(throws: RangeError.notAfter) { try DateRange(since: .max, until: .min) }
        #expect(try DateRange(since: 5, until: 6).lengthSeconds == 1)
    }

    @Test func lengthsThatOverflowAreTooLong() {
        #expect(throws: RangeError.tooLong(lengthSeconds: nil)) { try DateRange(since: .min, until: .max) }
        #expect(throws: RangeError.tooLong(lengthSeconds: nil)) { try DateRange(since: -1, until: .max) }
    }

    @Test func steppingMovesByWholeLengths() throws {
        let week = try DateRange(since: jan1st2026, until: jan1st2026 + 7 * 86_400)
        #expect(try week.stepped(by: -1) == DateRange(since: jan1st2026 - 7 * 86_400, until: jan1st2026))
        #expect(try week.stepped(by: 2) == DateRange(since: jan1st2026 + 14 * 86_400, until: jan1st2026 + 21 * 86_400))
        #expect(try week.stepped(by: 0) == week)
        #expect(throws: RangeError.tooLong(lengthSeconds: nil)) { try week.stepped(by: .max) }
        let atTheEnd = try DateRange(since: .max - 10, until: .max)
        #expect(throws: RangeError.tooLong(lengthSeconds: nil)) { try atTheEnd.stepped(by: 1) }
    }

    @Test func eachErrorHasItsSentence() {
        // Chatwoot's words (what serve answers), then the limit and the length given, for a person.
        #expect(RangeError.tooLong(lengthSeconds: 200 * 86_400).message
                == "Date range cannot exceed 6 months (182.6 days); this range is 200.0 days")
        #expect(RangeError.tooLong(lengthSeconds: nil).message == "Date range cannot exceed 6 months (182.6 days)")
        #expect(DateRange.tooLongMessage == "Date range cannot exceed 6 months")
        #expect(RangeError.notAfter.message == "until must be after since")
        #expect(RangeError.missing(.since).message == "since is missing")
        #expect(RangeError.missing(.until).message == "until is missing")
        #expect(RangeError.notAWhen(.since, text: "2026-02-30").message
                == "since \"2026-02-30\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time")
        #expect(RangeError.notAWhen(.until, text: "soon").message
                == "until \"soon\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time")
        #expect("\(RangeError.notAfter)" == "until must be after since")
    }

    @Test func errorsBelongUnderAField() {
        #expect(RangeError.missing(.since).field == .since)
        #expect(RangeError.notAWhen(.since, text: "x").field == .since)
        #expect(RangeError.missing(.until).field == .until)
        #expect(RangeError.notAfter.field == .until)
        #expect(RangeError.tooLong(lengthSeconds: nil).field == .until)
        #expect(RangeError.misreadNumber(.since, text: "20261101", guess: .dateWithoutDashes("2026-11-01")).field == .since)
    }

    @Test func garbageInAnErrorIsShownSafelyAndShort() {
        let escape = RangeError.notAWhen(.since, text: "\u{1B}[2J\u{1B}]0;pwned\u{07}").message
        #expect(!escape.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(escape.hasPrefix("since \"\u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD}\" is not a date"))
        let long = RangeError.notAWhen(.until, text: String(repeating: "9x", count: 100)).message
        #expect(long.hasPrefix("until \"" + String(repeating: "9x", count: 20) + "…\" is not a date"))
    }
}

@Suite struct CivilDateTests {
    @Test(arguments: [(2024, 2, 29, true), (2025, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
                      (2026, 2, 28, true), (2026, 2, 30, false), (2026, 4, 30, true), (2026, 4, 31, false),
                      (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false), (2026, 1, 0, false),
                      (1, 1, 1, true), (9999, 12, 31, true), (0, 1, 1, false), (10_000, 1, 1, false)])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((CivilDate(year: year, month: month, day: day) != nil) == valid)
    }

    @Test func daysSinceEpoch() throws {
        #expect(try #require(CivilDate(year: 1970, month: 1, day: 1)).daysSinceEpoch == 0)
        #expect(try #require(CivilDate(year: 2026, month: 1, day: 1)).daysSinceEpoch == 20_454)
        #expect(try #require(CivilDate(year: 1969, month: 12, day: 31)).daysSinceEpoch == -1)
        #expect(CivilDate(daysSinceEpoch: 20_454) == CivilDate(year: 2026, month: 1, day: 1))
        #expect(CivilDate(daysSinceEpoch: 19_782) == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test func arithmeticAcrossMonthAndYearEnds() throws {
        let leapDay = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(leapDay.adding(days: 1) == CivilDate(year: 2024, month: 3, day: 1))
        #expect(leapDay.adding(days: 366) == CivilDate(year: 2025, month: 3, day: 1))
        let newYearsEve = try #require(CivilDate(year: 2025, month: 12, day: 31))
        #expect(newYearsEve.adding(days: 1) == CivilDate(year: 2026, month: 1, day: 1))
        let january = try #require(CivilDate(year: 2026, month: 1, day: 15))
        #expect(january.firstOfMonth(offset: -1) == CivilDate(year: 2025, month: 12, day: 1))
        #expect(january.firstOfMonth(offset: -13) == CivilDate(year: 2024, month: 12, day: 1))
        #expect(january.firstOfMonth(offset: 11) == CivilDate(year: 2026, month: 12, day: 1))
        #expect(january.firstOfMonth(offset: 12) == CivilDate(year: 2027, month: 1, day: 1))
        #expect(leapDay.description == "2024-02-29")
        #expect(try #require(CivilDate(year: 7, month: 3, day: 4)).description == "0007-03-04")
    }
}
