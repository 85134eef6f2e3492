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

    /// The zone as headers name it: "UTC", else its IANA name ("Europe/Berlin"), which says which rules
    /// apply all year where an abbreviation ("CET", "GMT+1") would not; an abbreviation only for a zone
    /// that has no region name.
    public func zoneName(at instant: Int64) -> String {
        let identifier = timeZone.identifier
        if identifier.contains("/"), !identifier.hasPrefix("Etc/") { return identifier }
        return zoneAbbreviation(at: instant)
    }

    /// `[` and `]`: a range of whole days in this zone moves by that many days, so that it still starts and
    /// ends at midnight across a daylight-saving change; any other range moves by its length in seconds.
    public func step(_ range: DateRange, by steps: Int64) throws(RangeError) -> DateRange {
        let start = civilDate(at: range.since), end = civilDate(at: range.until)
        guard startOfDay(start) == range.since, startOfDay(end) == range.until, abs(steps) < 100_000 else {
            return try range.stepped(by: steps)
        }
        let shift = Int(steps) * (end.daysSinceEpoch - start.daysSinceEpoch)
        return try DateRange(since: startOfDay(start.adding(days: shift)), until: startOfDay(end.adding(days: shift)))
    }
}
