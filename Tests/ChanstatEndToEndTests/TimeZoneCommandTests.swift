import ChanstatTestSupport
import Foundation
import Testing

/// `--timezone`, the profile's `timezone` and `TZ` through the real binary: dates in a zone are the same
/// range as the instants they name, given in Unix seconds; presets follow the zone; the dashboard's header
/// names it.
@Suite(.serialized) struct TimeZoneCommandTests {
    typealias Fixture = ReportCommandTests.Fixture
    /// 2026-01-01 00:00 in Tokyo (UTC+9), and 2026-01-07's end there.
    static let tokyoSince = ReportCommandTests.since - 9 * 3600
    static let tokyoUntil = ReportCommandTests.since + 7 * 86_400 - 9 * 3600

    func report(_ fixture: Fixture, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1"] + arguments, environment: environment)
    }

    @Test func datesInAZoneAreTheSameRangeAsItsInstantsInUnixSeconds() throws {
        let fixture = try Fixture()
        let dates = ["--since", "2026-01-01", "--until", "2026-01-07"]
        let zoned = try report(fixture, dates + ["--timezone", "Asia/Tokyo", "--format", "json"])
        let seconds = try report(fixture, ["--since", String(Self.tokyoSince), "--until", String(Self.tokyoUntil),
                                           "--format", "json"])
        let utc = try report(fixture, dates + ["--utc", "--format", "json"])
        #expect(zoned.status == 0, "\(zoned.stderr)")
        #expect(zoned.stdout == seconds.stdout)
        // The fixture has rows in the hours the two zones disagree on, so the zone must have counted.
        #expect(zoned.stdout != utc.stdout)
        // TZ is the default when nothing else names a zone.
        #expect(try report(fixture, dates + ["--format", "json"], environment: ["TZ": "Asia/Tokyo"]).stdout == seconds.stdout)

        let table = try report(fixture, dates + ["--timezone", "Asia/Tokyo"])
        #expect(table.stdout.contains("Custom range: 2026-01-01 to 2026-01-07 Asia/Tokyo\n"), "\(table.stdout)")
    }

    @Test func aProfilesTimezoneIsUsedAndTheFlagBeatsIt() throws {
        let fixture = try Fixture()
        let home = fixture.directory.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("chanstat"), withIntermediateDirectories: true)
        try "[profiles.tokyo]\ndb = \"\(fixture.path)\"\naccount = 1\ntimezone = \"Asia/Tokyo\"\n"
            .write(to: home.appendingPathComponent("chanstat/config.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": home.path, "CHANSTAT_PROFILE": "", "TZ": "UTC"]
        let dates = ["--since", "2026-01-01", "--until", "2026-01-07"]
        let fromProfile = try ChanstatBinary.run(["report", "--profile", "tokyo"] + dates, environment: environment)
        #expect(fromProfile.stdout.contains("2026-01-07 Asia/Tokyo"), "\(fromProfile.stdout)\(fromProfile.stderr)")
        let fromFlag = try ChanstatBinary.run(["report", "--profile", "tokyo", "--utc"] + dates, environment: environment)
        #expect(fromFlag.stdout.contains("2026-01-07 UTC"), "\(fromFlag.stdout)\(fromFlag.stderr)")
    }

    /// "today" at the same moment in the zones either side of the date line: different days, each that
    /// zone's midnight to midnight, the same as those instants in Unix seconds.
    @Test(arguments: ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func presetsFollowTheZone(zone: String) throws {
        let fixture = try Fixture()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let start = calendar.startOfDay(for: Date())
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        let day = calendar.dateComponents([.year, .month, .day], from: start)
        let shown = String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
        let preset = try report(fixture, ["--range", "today", "--timezone", zone])
        #expect(preset.stdout.contains("Today: \(shown) \(zone)\n"), "\(preset.stdout)\(preset.stderr)")
        let presetJSON = try report(fixture, ["--range", "today", "--timezone", zone, "--format", "json"])
        let secondsJSON = try report(fixture, ["--since", String(Int(start.timeIntervalSince1970)),
                                               "--until", String(Int(end.timeIntervalSince1970)), "--format", "json"])
        #expect(presetJSON.stdout == secondsJSON.stdout)
    }

    @Test func anUnknownZoneIsBadUsageNamingIt() throws {
        let fixture = try Fixture()
        let run = try report(fixture, ["--timezone", "Mars/Olympus"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderrLines == ["chanstat: unknown time zone \"Mars/Olympus\": use an IANA name such as "
                                    + "Europe/Berlin or UTC (the names under /usr/share/zoneinfo)"])
        let both = try report(fixture, ["--timezone", "UTC", "--utc"])
        #expect(both.status == 2)
        #expect(both.stderrLines == ["chanstat: use either --utc or --timezone, not both"])
    }
}

/// The dashboard's header names the zone, and `[`/`]` step whole days in it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct DashboardTimeZoneTests {
    @Test func theHeaderNamesTheZone() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.start(
            ["dashboard", "--db", fixture.path, "--account", "1", "--since", "2026-01-05", "--until", "2026-01-11",
             "--timezone", "Asia/Tokyo", "--refresh", "3600"], width: 120)
        defer { session.close() }
        let timeout = DashboardHarness.timeout
        try session.waitUntil(timeout: timeout, "the header in Tokyo") {
            DashboardEndToEndTests.lines($0)[1].hasPrefix("Custom range  2026-01-05 – 2026-01-11 Asia/Tokyo")
        }
        try session.sendKeys("]")
        try session.waitUntil(timeout: timeout, "the next week in Tokyo") {
            DashboardEndToEndTests.lines($0)[1].hasPrefix("Custom range  2026-01-12 – 2026-01-18 Asia/Tokyo")
        }
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
