import ChanstatCore
import Testing

/// An 8-digit WHEN that reads as a date (`20261101`) is refused whatever the range, with "a date without dashes?
/// write 2026-11-01" (docs/report.md): read as Unix seconds it would be a moment of 1970, silently, whenever the
/// other bound made the range valid. Only a real day of the years 1900-2199 is refused; other numbers stay seconds.
@Suite struct DateWithoutDashesTests {
    let utc = WhenParser(calendar: .utc)

    @Test func refusedEvenWhereTheRangeWouldBeValidAsSeconds() {
        #expect(throws: RangeError.misreadNumber(.since, text: "20261101", guess: .dateWithoutDashes("2026-11-01"))) {
            try utc.range(since: "20261101", until: "20261110")
        }
        #expect(throws: RangeError.misreadNumber(.until, text: "20261110", guess: .dateWithoutDashes("2026-11-10"))) {
            try utc.range(since: "20000000", until: "20261110")
        }
        #expect(throws: RangeError.misreadNumber(.until, text: "20261110", guess: .dateWithoutDashes("2026-11-10"))) {
            try utc.parse(" 20261110 ", as: .until)
        }
        let message = RangeError.misreadNumber(.since, text: "20261101", guess: .dateWithoutDashes("2026-11-01")).message
        #expect(message == "since \"20261101\" is not taken as Unix seconds (a moment in 1970): a date without dashes? "
                + "write 2026-11-01")
    }

    /// The edges of "reads as a date": a real day (leap years included) of 1900-2199, exactly eight digits.
    @Test(arguments: [("19000101", true), ("21991231", true), ("20280229", true), ("18991231", false),
                      ("22000101", false), ("20270229", false), ("20261301", false), ("20261100", false),
                      ("15778476", false), ("2026110", false), ("202611010", false)])
    func whichNumbersReadAsDates(text: String, refused: Bool) throws {
        if refused {
            #expect(throws: RangeError.self) { try utc.parse(text, as: .since) }
        } else {
            #expect(try utc.parse(text, as: .since) == Int64(text))
        }
    }
}
