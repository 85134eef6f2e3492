import ChanstatTestSupport
import Foundation
import Testing

/// Issue 14's range items where `report` shows them too, through the real binary: the zone named by its rules
/// (item 4), the previous period of a calendar month (item 15), and one rule for the end shown (item 20).
@Suite struct FirstHourReportTests {
    typealias Fixture = ReportCommandTests.Fixture

    func report(_ fixture: Fixture, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1"] + arguments, environment: environment)
    }

    /// In New York's rules (TZ=EST5EDT) September is GMT-4 and December GMT-5: the heading names the zone.
    @Test func theHeadingNamesAZoneWithDaylightSavingNotItsOffsetAtTheStart() throws {
        let fixture = try Fixture()
        let result = try report(fixture, ["--since", "2026-09-03", "--until", "2026-12-01"], environment: ["TZ": "EST5EDT"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Custom range: 2026-09-03 to 2026-12-01 EST5EDT\n"), "\(result.stdout)")
        // POSIX's "a file under zoneinfo" form of TZ is that zone, not UTC.
        let colon = try report(fixture, ["--since", "2026-09-03", "--until", "2026-12-01"], environment: ["TZ": ":America/New_York"])
        #expect(colon.stdout.contains("2026-09-03 to 2026-12-01 America/New_York\n"), "\(colon.stdout)")
    }

    /// The previous period of November is October (what `[` steps to), not the 30 days before it.
    @Test func thePreviousPeriodOfACalendarMonthIsTheMonthBefore() throws {
        let fixture = try Fixture()
        let november = try report(fixture, ["--since", "2026-11-01", "--until", "2026-11-30", "--utc", "--compare"])
        #expect(november.status == 0, "\(november.stderr)")
        #expect(november.stdout.contains("2026-11-01 to 2026-11-30 UTC, compared with 2026-10-01 to 2026-10-31 UTC"),
                "\(november.stdout)")
        let json = try report(fixture, ["--since", "2026-03-01", "--until", "2026-03-31", "--utc", "--compare", "--format", "json"])
        // February 2026: 1769904000 (02-01) to 1772323200 (03-01).
        #expect(json.stdout.contains("\"previous\":{\"since\":1769904000,\"until\":1772323200}"), "\(json.stdout)")
    }

    /// A range with times shows its last included second, as a range of days shows its last included day.
    @Test func aRangeWithTimesShowsItsLastIncludedSecond() throws {
        let fixture = try Fixture()
        let result = try report(fixture, ["--since", "2026-01-05T09:00", "--until", "2026-01-05T17:00", "--utc"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Custom range: 2026-01-05 09:00 to 2026-01-05 16:59:59 UTC\n"), "\(result.stdout)")
    }
}
