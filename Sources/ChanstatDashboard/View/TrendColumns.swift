import ChanstatCore

/// The columns of the trend view: one per day of the range, or one per week (Monday to Sunday) when the days do
/// not fit; when even the weeks do not fit, the latest ones that do (the oldest are dropped, and said so).
struct TrendColumns: Equatable {
    /// One column: the days it sums (a partial week at either end has fewer than 7) and their counts.
    struct Column: Equatable {
        let first: CivilDate
        let last: CivilDate
        let counts: ChannelCounts

        /// A week column cut by the range (its first or last week) has fewer than 7 days: a smaller bar that
        /// does not mean fewer conversations a day.
        var isPartialWeek: Bool { first.adding(days: 6) != last }
    }

    let columns: [Column]
    let weekly: Bool
    /// How many of the oldest columns did not fit.
    let hidden: Int

    /// The counts of `group` (all conversations when nil, each once), in at most `fitting` columns.
    init(_ daily: DailyReport, group: GroupKey?, fitting maxColumns: Int) {
        let days = daily.days.days.indices.map { index in
            Column(first: daily.days.days[index].date, last: daily.days.days[index].date,
                   counts: daily.counts(day: index, group: group) ?? ChannelCounts())
        }
        weekly = days.count > maxColumns
        let all = weekly ? Self.weeks(days) : days
        hidden = max(0, all.count - max(0, maxColumns))
        columns = Array(all.dropFirst(hidden))
    }

    /// Whether a column is a week with fewer than 7 days (never, when the columns are days).
    func isPartial(_ column: Column) -> Bool { weekly && column.isPartialWeek }

    /// Days summed into weeks starting on Monday. A week whose sum does not fit in 64 bits keeps what did.
    static func weeks(_ days: [Column]) -> [Column] {
        var weeks: [Column] = []
        for day in days {
            if let current = weeks.last, Self.monday(of: current.first) == Self.monday(of: day.first) {
                var counts = current.counts
                _ = counts.add(day.counts)
                weeks[weeks.count - 1] = Column(first: current.first, last: day.last, counts: counts)
            } else {
                weeks.append(day)
            }
        }
        return weeks
    }

    /// 1970-01-01 was a Thursday, so a day's distance from Monday is (days since the epoch + 3) mod 7.
    static func monday(of date: CivilDate) -> CivilDate {
        date.adding(days: -(((date.daysSinceEpoch + 3) % 7 + 7) % 7))
    }

    /// The largest column's total: the top of the scale.
    var largest: Int64 { columns.map(\.counts.total).max() ?? 0 }
}
