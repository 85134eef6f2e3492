import ArgumentParser
import ChanstatCore
import Foundation

extension RangePreset: ExpressibleByArgument {}

/// RANGE (README "Command line"): `--since/--until`, or `--range PRESET`; last 30 days by default.
struct RangeOptions: ParsableArguments {
    @Option(help: "Start of the range (inclusive): Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.")
    var since: String?

    @Option(help: "End of the range (exclusive); YYYY-MM-DD means the end of that day.")
    var until: String?

    @Option(help: "A preset range: \(RangePreset.allCases.map(\.rawValue).joined(separator: ", ")). Default: 30d.")
    var range: RangePreset?

    @Option(help: ArgumentHelp("The time zone of dates, presets and the header: an IANA name such as Europe/Berlin. "
                               + "Default: the profile's timezone, else $TZ, else the machine's.", valueName: "zone"))
    var timezone: String?

    @Flag(help: "Read dates in UTC instead of local time (the same as --timezone UTC).")
    var utc = false

    func validate() throws {
        if range != nil, since != nil || until != nil {
            throw ValidationError("use either --range or --since/--until, not both")
        }
        // A custom range needs both ends; name the flag that is missing (the range's own words say "until is
        // missing", which is right for serve's parameters and the dashboard's form but names no flag).
        if since != nil, until == nil { throw ValidationError("--since needs --until too (the end of the range)") }
        if until != nil, since == nil { throw ValidationError("--until needs --since too (the start of the range)") }
        if utc, timezone != nil {
            throw ValidationError("use either --utc or --timezone, not both")
        }
        if let timezone, LocalCalendar(zoneNamed: timezone) == nil {
            throw ValidationError(LocalCalendar.unknownZoneMessage(timezone))
        }
    }

    /// The zone the flags ask for (`--utc` is UTC); nil leaves it to the profile and the default.
    var timeZoneFlag: String? { utc ? "UTC" : timezone }

    /// `--since`/`--until` were given (a custom range, which no profile overrides).
    var isCustom: Bool { since != nil || until != nil }

    /// The choice, with the range errors of docs/report.md (exit status 2) for a bad custom range; `preset` is the
    /// resolved preset (`--range`, else the profile's, else the default), `calendar` the resolved zone's.
    func choice(preset: RangePreset, calendar: LocalCalendar) throws(RangeError) -> RangeChoice {
        if !isCustom { return .preset(preset) }
        return .custom(try WhenParser(calendar: calendar).range(since: since, until: until))
    }
}
