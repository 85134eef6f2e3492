/// The two periods a compare sets side by side (docs/report.md "Compare"), like for like: when the range ends
/// after now (today, this month, the "last N days" presets, a custom range reaching into the future), only the
/// part already lived is compared. The current period runs from its start to now, the previous one from its own
/// start for the same number of seconds (yesterday until the same clock time, for today), never past its own end.
/// A pure function of the range, its previous period and `now`: the clock is read once, by the caller.
public struct ComparedPeriods: Equatable, Sendable {
    /// The range as counted: cut at now when it ends after now.
    public let current: DateRange
    /// The previous period as counted: cut to the current one's length when the current one was cut.
    public let previous: DateRange
    /// The range was cut at now: headers say "so far".
    public let isSoFar: Bool

    /// `previous` is the range's previous period (`LocalCalendar.step(range, by: -1)`); `now` in Unix seconds.
    public init(range: DateRange, previous: DateRange, now: Int64) {
        guard range.until > now else {
            (current, self.previous, isSoFar) = (range, previous, false)
            return
        }
        // The seconds lived; at least one, so that a range that has not begun yet (a custom range in the future)
        // is still a range: its first second against the previous period's, which counts next to nothing.
        let lived = min(range.lengthSeconds, max(1, now - range.since))
        // Both cuts are shorter than the valid ranges they cut, so they are valid too.
        current = (try? DateRange(since: range.since, until: range.since + lived)) ?? range
        self.previous = (try? DateRange(since: previous.since, until: min(previous.until, previous.since + lived))) ?? previous
        isSoFar = true
    }
}
