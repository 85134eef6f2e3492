import Foundation

extension LocalCalendar {
    /// The calendar of an IANA zone ("Europe/Berlin", "Asia/Tokyo", "UTC"); nil for a name the system's
    /// time zone database does not know.
    public init?(zoneNamed name: String) {
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else { return nil }
        self.init(timeZone: zone)
    }

    /// The sentence for a `--timezone` or profile `timezone` the system does not know.
    public static func unknownZoneMessage(_ name: String) -> String {
        "unknown time zone \"\(TerminalSafeText.sanitize(name, maxCharacters: 40))\": "
            + "use an IANA name such as Europe/Berlin or UTC (the names under /usr/share/zoneinfo)"
    }

    /// The zone as headers name it: "UTC"; else the zone's name ("Europe/Berlin", "EST5EDT"), which says which
    /// rules apply all year where an abbreviation taken at one instant would not ("GMT-4" at a range's start
    /// in New York is wrong by its end in December); the offset ("GMT-4") only for a zone that has one offset
    /// all year and no region name (a fixed-offset `TZ`, Etc/GMT+4), where it is right at both ends.
    public var zoneName: String {
        if isUTC { return "UTC" }
        let identifier = timeZone.identifier
        let isRegion = identifier.contains("/") && !identifier.hasPrefix("Etc/")
        if isRegion || timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) != nil {
            return identifier
        }
        return zoneAbbreviation(at: 0)
    }

    /// The process's zone: `$TZ`, else the machine's. POSIX allows `TZ=:America/New_York` (the colon means "a
    /// file under zoneinfo"), which Foundation does not read and would silently take for UTC.
    public static var processTimeZone: TimeZone {
        if let tz = ProcessInfo.processInfo.environment["TZ"], tz.hasPrefix(":"),
           let zone = TimeZone(identifier: String(tz.dropFirst())) {
            return zone
        }
        return .current
    }

    /// `[`, `]` and compare's previous period, by one rule (docs/report.md): a range of whole calendar months
    /// (from a 1st to a later 1st, at midnight in this zone) moves by that many calendar months, so that last
    /// month steps back to the month before it; any other range of whole days moves by that many days, so
    /// that it still starts and ends at midnight across a daylight-saving change; anything else moves by its
    /// length in seconds.
    public func step(_ range: DateRange, by steps: Int64) throws(RangeError) -> DateRange {
        let start = civilDate(at: range.since), end = civilDate(at: range.until)
        guard startOfDay(start) == range.since, startOfDay(end) == range.until, abs(steps) < 10_000 else {
            return try range.stepped(by: steps)
        }
        if start.day == 1, end.day == 1 {
            let months = (end.year * 12 + end.month) - (start.year * 12 + start.month)
            let shift = Int(steps) * months
            return try DateRange(since: startOfDay(start.firstOfMonth(offset: shift)),
                                 until: startOfDay(end.firstOfMonth(offset: shift)))
        }
        let shift = Int(steps) * (end.daysSinceEpoch - start.daysSinceEpoch)
        return try DateRange(since: startOfDay(start.adding(days: shift)), until: startOfDay(end.adding(days: shift)))
    }

    /// `]` stops at today: a step whose range would end after today ends today instead. Calendar months keep
    /// their start and end today (last month's `]` is this month so far); other ranges keep their length.
    public func endingByToday(_ range: DateRange, now: Date) throws(RangeError) -> DateRange {
        let endOfToday = startOfDay(today(now: now).adding(days: 1))
        guard range.until > endOfToday else { return range }
        let start = civilDate(at: range.since), end = civilDate(at: range.until)
        let wholeDays = startOfDay(start) == range.since && startOfDay(end) == range.until
        if wholeDays, start.day == 1, end.day == 1 { return try DateRange(since: range.since, until: endOfToday) }
        if wholeDays {
            let days = end.daysSinceEpoch - start.daysSinceEpoch
            return try DateRange(since: startOfDay(today(now: now).adding(days: 1 - days)), until: endOfToday)
        }
        return try DateRange(since: endOfToday - range.lengthSeconds, until: endOfToday)
    }
}
