import ChanstatCore
import Testing

@Suite struct WhenParserTests {
    let utc = WhenParser(calendar: Zones.utc)
    let berlin = WhenParser(calendar: Zones.berlin)
    let newYork = WhenParser(calendar: Zones.newYork)

    // MARK: Unix seconds

    @Test(arguments: [
        ("0", Int64(0)),
        ("1767225600", jan1st2026),
        ("  1767225600\t", jan1st2026),
        ("0001767225600", jan1st2026),
        ("999999999999999999", Int64(999_999_999_999_999_999)),  // 18 digits: the longest accepted
    ])
    func unixSeconds(text: String, expected: Int64) throws {
        #expect(try utc.parse(text, as: .since) == expected)
        #expect(try utc.parse(text, as: .until) == expected)
        // Unix seconds are instants: the zone does not matter.
        #expect(try berlin.parse(text, as: .since) == expected)
    }

    @Test(arguments: ["-1", "+5", "1e9", "12.5", "1_000", "0x10", "9999999999999999999", "99999999999999999999999"])
    func notUnixSeconds(text: String) {
        #expect(throws: RangeError.notAWhen(.since, text: text)) { try utc.parse(text, as: .since) }
    }

    // MARK: YYYY-MM-DD

    @Test func dateIsLocalMidnightAsSince() throws {
        #expect(try utc.parse("2026-01-01", as: .since) == jan1st2026)
        #expect(try berlin.parse("2026-01-01", as: .since) == jan1st2026 - 3600)   // CET is UTC+1
        #expect(try newYork.parse("2026-01-01", as: .since) == jan1st2026 + 5 * 3600)  // EST is UTC-5
        #expect(try WhenParser(calendar: Zones.tokyo).parse("2026-01-02", as: .since) == 1_767_279_600)
    }

    @Test func dateAsUntilIsTheEndOfThatDay() throws {
        #expect(try utc.parse("2026-01-01", as: .until) == jan1st2026 + 86_400)
        #expect(try berlin.parse("2026-01-01", as: .until) == 1_767_308_400)
        // The end of the last day of a month and of a year.
        #expect(try utc.parse("2026-03-31", as: .until) == 1_775_001_600)   // 2026-04-01T00:00Z
        #expect(try utc.parse("2025-12-31", as: .until) == jan1st2026)
        #expect(try utc.parse("2024-02-29", as: .until) == 1_709_251_200)   // 2024-03-01T00:00Z
    }

    @Test func untilDateOnADaylightSavingDayEndsAtTheNextLocalMidnight() throws {
        // Berlin springs forward on 2026-03-29: that day is 23 hours long, so it ends at 22:00Z.
        #expect(try berlin.parse("2026-03-29", as: .until) == 1_774_821_600)
        #expect(try berlin.parse("2026-03-29", as: .until) - berlin.parse("2026-03-29", as: .since) == 23 * 3600)
        // New York springs forward on 2026-03-08 (23 h) and falls back on 2026-11-01 (25 h).
        #expect(try newYork.parse("2026-03-08", as: .until) == 1_773_028_800)
        #expect(try newYork.parse("2026-03-08", as: .until) - newYork.parse("2026-03-08", as: .since) == 23 * 3600)
        #expect(try newYork.parse("2026-11-01", as: .until) == 1_793_595_600)
        #expect(try newYork.parse("2026-11-01", as: .until) - newYork.parse("2026-11-01", as: .since) == 25 * 3600)
    }

    @Test func leapDays() throws {
        #expect(try utc.parse("2024-02-29", as: .since) == 1_709_164_800)
        #expect(try utc.parse("2000-02-29", as: .since) == 951_782_400)
        #expect(throws: RangeError.notAWhen(.since, text: "2025-02-29")) { try utc.parse("2025-02-29", as: .since) }
        #expect(throws: RangeError.notAWhen(.since, text: "1900-02-29")) { try utc.parse("1900-02-29", as: .since) }
    }

    @Test(arguments: ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                      "2026-01-32", "0000-01-01", "2026-1-1", "26-01-01", "2026/01/01", "20260101x", "2026-01-01x",
                      "yesterday", "today", "now", "2026-01-01T", "2026-01-01T10", "2026-01-01T1:00",
                      "2026-01-01T24:00:00Z", "2026-01-01T24:00", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
                      "2026-01-01T10:00:00.", "2026-01-01T10:00:00ZZ", "2026-01-01T10:00:00+02:",
                      "2026-01-01T10:00:00+24:00", "2026-01-01T10:00:00+02:60", "2026-01-01T10:00:00+2",
                      "2026-01-01T10:00:00 Z", "2026-01-01X10:00:00Z", "2026-01-01T10:00:00UTC", "--", "é"])
    func impossibleOrGarbage(text: String) {
        #expect(throws: RangeError.notAWhen(.until, text: text)) { try utc.parse(text, as: .until) }
    }

    @Test(arguments: ["", " ", "\t\n"])
    func emptyIsMissing(text: String) {
        #expect(throws: RangeError.missing(.since)) { try utc.parse(text, as: .since) }
        #expect(throws: RangeError.missing(.until)) { try utc.parse(text, as: .until) }
    }

    // MARK: ISO 8601 date-times

    @Test(arguments: [
        ("2026-01-01T10:00:00Z", jan1st2026 + 36_000),
        ("2026-01-01t10:00:00z", jan1st2026 + 36_000),
        ("2026-01-01 10:00:00Z", jan1st2026 + 36_000),
        ("2026-01-01T10:00Z", jan1st2026 + 36_000),
        ("2026-01-01T10:00:00+00:00", jan1st2026 + 36_000),
        ("2026-01-01T10:00:00-00:00", jan1st2026 + 36_000),
        ("2026-01-01T10:00:00+02:00", jan1st2026 + 28_800),
        ("2026-01-01T10:00:00+0200", jan1st2026 + 28_800),
        ("2026-01-01T10:00:00+02", jan1st2026 + 28_800),
        ("2026-01-01T10:00:00-05:30", jan1st2026 + 55_800),
        ("2026-01-01T10:00:00+23:59", jan1st2026 + 36_000 - 86_340),
        ("2026-01-01T00:00:00+01:00", jan1st2026 - 3_600),          // crosses back into 2025
        ("2025-12-31T23:59:59Z", jan1st2026 - 1),
        ("2026-01-01T10:00:00.000Z", jan1st2026 + 36_000),           // a zero fraction is exact
        ("2026-01-01T10:00:00.5Z", jan1st2026 + 36_001),             // whole seconds: >= 10.5 is >= 11
        ("2026-01-01T10:00:00,25Z", jan1st2026 + 36_001),
        ("2026-01-01T10:00:00.000001+02:00", jan1st2026 + 28_801),
    ])
    func dateTimesWithOffsets(text: String, expected: Int64) throws {
        // With an offset the zone is irrelevant, and a date-time `until` is that instant (no end-of-day shift).
        #expect(try berlin.parse(text, as: .since) == expected)
        #expect(try newYork.parse(text, as: .until) == expected)
    }

    @Test func dateTimeWithoutOffsetIsLocal() throws {
        #expect(try berlin.parse("2026-01-01T10:00:00", as: .since) == 1_767_258_000)   // 09:00Z in winter
        #expect(try berlin.parse("2026-07-01T10:00:00", as: .since) == 1_782_892_800)   // 08:00Z in summer
        #expect(try berlin.parse("2026-01-01 10:00", as: .until) == 1_767_258_000)
        #expect(try newYork.parse("2026-01-01T00:00:00", as: .until) == jan1st2026 + 5 * 3600)
        #expect(try utc.parse("2026-01-01T10:00:00.5", as: .since) == jan1st2026 + 36_001)
    }

    @Test func utcCalendarReadsDatesInUTC() throws {
        let local = try berlin.parse("2026-07-01", as: .since)
        let inUTC = try utc.parse("2026-07-01", as: .since)
        #expect(inUTC - local == 2 * 3600)
        #expect(inUTC == 1_782_864_000)
    }

    // MARK: Both bounds

    @Test func rangeOfOneDate() throws {
        // --since D --until D is the whole day D.
        let range = try utc.range(since: "2026-01-01", until: "2026-01-01")
        #expect(range.since == jan1st2026)
        #expect(range.until == jan1st2026 + 86_400)
    }

    @Test func missingBounds() {
        #expect(throws: RangeError.missing(.since)) { try utc.range(since: nil, until: "2026-01-01") }
        #expect(throws: RangeError.missing(.until)) { try utc.range(since: "2026-01-01", until: nil) }
        #expect(throws: RangeError.missing(.since)) { try utc.range(since: nil, until: nil) }
        #expect(throws: RangeError.missing(.until)) { try utc.range(since: "0", until: "") }
    }

    @Test func sinceMustBeBeforeUntil() {
        #expect(throws: RangeError.notAfter) { try utc.range(since: "100", until: "100") }
        #expect(throws: RangeError.notAfter) { try utc.range(since: "101", until: "100") }
        #expect(throws: RangeError.notAfter) {
            try utc.range(since: "2026-01-01T00:00:00Z", until: "2026-01-01T00:00:00+00:00")
        }
        #expect(throws: RangeError.notAfter) { try utc.range(since: "2026-01-02", until: "2026-01-01") }
        #expect((try? utc.range(since: "99", until: "100")) != nil)
    }

    @Test func sixMonthLimitThroughTheParser() throws {
        #expect(try utc.range(since: "0", until: "15778476").lengthSeconds == 15_778_476)
        #expect(throws: RangeError.tooLong(lengthSeconds: 15_778_477)) { try utc.range(since: "0", until: "15778477") }
        // 2026-01-01 to the end of 2026-07-01 is 182 days (15,724,800 s): fine. One more day (183) is too long.
        #expect(try utc.range(since: "2026-01-01", until: "2026-07-01").lengthSeconds == 15_724_800)
        #expect(throws: RangeError.tooLong(lengthSeconds: 183 * 86_400)) { try utc.range(since: "2026-01-01", until: "2026-07-02") }
        #expect(throws: RangeError.tooLong(lengthSeconds: 999_999_999_999_999_999)) {
            try utc.range(since: "0", until: "999999999999999999")
        }
    }

    /// Eight digits that make a day, or thirteen (milliseconds), read as seconds give an impossible range:
    /// the error says what they look like instead of "too long" or "not after".
    @Test func numbersThatLookLikeSomethingElseSaySo() {
        #expect(throws: RangeError.misreadNumber(.since, text: "20261101", guess: .dateWithoutDashes("2026-11-01"))) {
            try utc.range(since: "20261101", until: "2026-11-30")
        }
        #expect(throws: RangeError.misreadNumber(.until, text: "20261130", guess: .dateWithoutDashes("2026-11-30"))) {
            try utc.range(since: "2026-11-01", until: "20261130")
        }
        #expect(throws: RangeError.misreadNumber(.since, text: "1793491200000", guess: .milliseconds(1_793_491_200))) {
            try utc.range(since: "1793491200000", until: "1793577600")
        }
        // A date without dashes is refused even where the range would be valid as seconds (DateOnlyDigitsTests).
        // Not a real day: no guess.
        #expect(throws: RangeError.tooLong(lengthSeconds: 1_767_312_000 - 20_261_399)) {
            try utc.range(since: "20261399", until: "2026-01-01")
        }
    }

    @Test func theFirstBadBoundIsReported() {
        #expect(throws: RangeError.notAWhen(.since, text: "x")) { try utc.range(since: "x", until: "y") }
        #expect(throws: RangeError.notAWhen(.until, text: "y")) { try utc.range(since: "0", until: "y") }
    }
}

@Suite struct LocalCalendarTests {
    @Test func headersInUTCSayUTC() {
        #expect(Zones.utc.zoneAbbreviation(at: jan1st2026) == "UTC")
        #expect(Zones.utc.dateTimeString(at: jan1st2026 + 3_723) == "2026-01-01 01:02")
        #expect(Zones.berlin.dateTimeString(at: jan1st2026) == "2026-01-01 01:00")
        #expect(Zones.newYork.dateTimeString(at: jan1st2026) == "2025-12-31 19:00")
    }

    @Test func lastIncludedDay() throws {
        let week = try DateRange(since: jan1st2026, until: jan1st2026 + 7 * 86_400)
        #expect(Zones.utc.lastIncludedDay(of: week) == CivilDate(year: 2026, month: 1, day: 7))
    }
}
