import Foundation

/// The calendar days of a range in the range's zone (docs/report.md "Day by day"), and which day an instant
/// falls on. A conversation belongs to the day of its `created_at` in that zone; a day may have 23 or 25 hours,
/// and a range that does not start or end at midnight has partial first and last days, which keep their dates.
///
/// The mapping is `day = (t + offset(t) - base) / 86400`, where `offset(t)` is the zone's UTC offset at `t`
/// (piecewise constant: it changes only at the zone's transitions, which `offsets` lists) and `base` is the
/// first day's midnight as if the zone were UTC. The database sources put the same expression in their SQL, so
/// one query groups by day exactly in any zone, including those 30 or 45 minutes off the hour.
public struct LocalDays: Equatable, Sendable {
    /// One day of the range: its date, and the part of the range it covers, `[since, until)`.
    public struct Day: Equatable, Sendable {
        public let date: CivilDate
        public let since: Int64
        public let until: Int64
    }

    /// From `start` on (until the next one's start), the zone is `seconds` ahead of UTC.
    public struct Offset: Equatable, Sendable {
        public let start: Int64
        public let seconds: Int64

        public init(start: Int64, seconds: Int64) {
            self.start = start
            self.seconds = seconds
        }
    }

    public let range: DateRange
    public let days: [Day]
    /// The first starts at `range.since`; there is one more after each transition inside the range.
    public let offsets: [Offset]
    /// The first day's date in seconds since 1970-01-01 (00:00 of that date, read as UTC).
    public let base: Int64

    public init(_ range: DateRange, calendar: LocalCalendar) {
        self.range = range
        let first = calendar.civilDate(at: range.since), last = calendar.lastIncludedDay(of: range)
        var days: [Day] = []
        var date = first
        while date <= last {
            let next = date.adding(days: 1)
            days.append(Day(date: date, since: max(range.since, calendar.startOfDay(date)),
                            until: min(range.until, calendar.startOfDay(next))))
            date = next
        }
        self.days = days
        base = Int64(first.daysSinceEpoch) * 86_400
        offsets = Self.offsets(over: days, timeZone: calendar)
    }

    /// The index in `days` of the day `instant` falls on; nil outside the range.
    public func index(of instant: Int64) -> Int? {
        guard instant >= range.since, instant < range.until else { return nil }
        let offset = offsets.last { $0.start <= instant }?.seconds ?? 0
        return Int((instant + offset - base) / 86_400)
    }

    /// The offset at each day's start, and where it changes between two of them, found by bisection (to the
    /// second) so that no list of transitions has to be trusted: a zone whose standard offset moved counts
    /// as much as one with daylight-saving time.
    private static func offsets(over days: [Day], timeZone calendar: LocalCalendar) -> [Offset] {
        guard let firstDay = days.first, let lastDay = days.last else { return [] }
        var probes = days.map(\.since)
        probes.append(lastDay.until - 1)
        var offsets = [Offset(start: firstDay.since, seconds: calendar.offsetSeconds(at: firstDay.since))]
        for (from, to) in zip(probes, probes.dropFirst()) {
            let before = offsets.last!.seconds
            guard calendar.offsetSeconds(at: to) != before else { continue }
            var low = from, high = to  // offset(low) == before, offset(high) != before
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if calendar.offsetSeconds(at: middle) == before { low = middle } else { high = middle }
            }
            offsets.append(Offset(start: high, seconds: calendar.offsetSeconds(at: high)))
        }
        return offsets
    }
}

extension LocalCalendar {
    /// How far this zone is ahead of UTC at an instant, in seconds.
    public func offsetSeconds(at instant: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }
}

extension LocalDays {
    /// The day index of `seconds` (an SQL expression for a conversation's `created_at` in whole Unix seconds,
    /// known to be inside the range) as SQL both SQLite and PostgreSQL evaluate: the mapping of `index(of:)`.
    /// Only integers chanstat computed go into the text. The value is never negative inside the range, so
    /// integer division (which truncates in both) is the floor the mapping needs.
    public func sqlDayIndex(of seconds: String) -> String {
        let offset: String
        if offsets.count <= 1 {
            offset = String(offsets.first?.seconds ?? 0)
        } else {
            let cases = zip(offsets, offsets.dropFirst()).map { current, next in
                "WHEN \(seconds) < \(next.start) THEN \(current.seconds)"
            }
            offset = "CASE " + cases.joined(separator: " ") + " ELSE \(offsets.last!.seconds) END"
        }
        return "((\(seconds) + \(offset) - \(base)) / 86400)"
    }
}
