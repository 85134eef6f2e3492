extension LocalCalendar {
    /// A range as a person says it, by one rule: both ends shown are included. Whole days show their first
    /// and last day ("2026-10-27 – 2026-11-25 UTC", the range itself ends at the next midnight), one day alone
    /// ("2026-11-25"); a range with a bound off midnight shows date-times, its end as the last second it
    /// includes ("2026-11-25 09:00 – 2026-11-25 16:59:59" for until 17:00). The dashboard's header and
    /// `report`'s heading both use it, with their own `dash` (" – ", " - " in ASCII, " to ").
    public func describe(_ range: DateRange, dash: String) -> String {
        let start = civilDate(at: range.since)
        let end = civilDate(at: range.until)
        if startOfDay(start) == range.since && startOfDay(end) == range.until {
            let last = lastIncludedDay(of: range)
            return (last == start ? "\(start)" : "\(start)\(dash)\(last)") + " \(zoneName)"
        }
        return "\(exactTime(range.since))\(dash)\(exactTime(range.until - 1)) \(zoneName)"
    }

    /// `YYYY-MM-DD HH:MM`, with `:SS` when the seconds are not zero: "00:00" must never stand for 00:00:01.
    /// (Every zone in use today is offset from UTC by whole minutes, so the seconds are the instant's.)
    private func exactTime(_ instant: Int64) -> String {
        let seconds = (instant % 60 + 60) % 60
        return dateTimeString(at: instant) + (seconds == 0 ? "" : seconds < 10 ? ":0\(seconds)" : ":\(seconds)")
    }
}
