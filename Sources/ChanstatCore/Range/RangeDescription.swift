extension LocalCalendar {
    /// A range as a person says it: "2026-10-27 – 2026-11-25 UTC" for whole days, where the end shown is the
    /// last included day (the range itself ends at the next midnight); "2026-11-25" alone for one day; date-times
    /// when a bound is not a local midnight. The dashboard's header and `report`'s heading both use it, with
    /// their own `dash` (" – ", " - " in ASCII, " to ").
    public func describe(_ range: DateRange, dash: String) -> String {
        let zone = zoneName(at: range.since)
        let start = civilDate(at: range.since)
        let end = civilDate(at: range.until)
        if startOfDay(start) == range.since && startOfDay(end) == range.until {
            let last = lastIncludedDay(of: range)
            return (last == start ? "\(start)" : "\(start)\(dash)\(last)") + " \(zone)"
        }
        return "\(exactTime(range.since))\(dash)\(exactTime(range.until)) \(zone)"
    }

    /// `YYYY-MM-DD HH:MM`, with `:SS` when the seconds are not zero: "00:00" must never stand for 00:00:01.
    /// (Every zone in use today is offset from UTC by whole minutes, so the seconds are the instant's.)
    private func exactTime(_ instant: Int64) -> String {
        let seconds = (instant % 60 + 60) % 60
        return dateTimeString(at: instant) + (seconds == 0 ? "" : seconds < 10 ? ":0\(seconds)" : ":\(seconds)")
    }
}
