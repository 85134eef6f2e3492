/// How far a day-by-day load has got: `done` days of `total`.
public struct DayProgress: Equatable, Sendable {
    public let done: Int
    public let total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// A source without per-day counts (Chatwoot's API) is asked once per day; a production server should not be
/// asked 180 times for one picture, so ranges longer than `days` are refused before any request.
public struct DailyLimit: Equatable, Sendable {
    public let days: Int
    /// Where to get per-day counts for a longer range, ending the refusal's sentence.
    public let advice: String

    public init(days: Int, advice: String) {
        self.days = days
        self.advice = advice
    }

    /// The refusal for a range of `dayCount` days, nil when it is within the limit.
    public func refusal(dayCount: Int) -> SourceError? {
        guard dayCount > days else { return nil }
        return SourceError(.usage, "day by day, this source is asked once per day, so at most \(days) days at a time "
                           + "(this range has \(dayCount)): choose a shorter range, or \(advice)")
    }
}

extension ReportSource {
    /// The day-by-day report of a source that has only the channel summary: one `report(for:)` per day (each
    /// day's part of the range), at most `concurrency` at a time, progress after each. What `dailyRefusal` refuses
    /// (a breakdown but channel, a range too long) is refused before any request. One failure fails it all.
    public func askingDayByDay(for request: ReportRequest, calendar: LocalCalendar, concurrency: Int = 4,
                               progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        if let refusal = dailyRefusal(for: request, calendar: calendar) { throw refusal }
        let days = LocalDays(request.range, calendar: calendar)
        var daily = DailyReport(days: days)
        let total = days.days.count
        progress(DayProgress(done: 0, total: total))
        try await withThrowingTaskGroup(of: (Int, ChannelSummary).self) { group in
            var next = 0, done = 0
            func askNext() throws {
                let index = next, day = days.days[index]
                let part = try DateRange(since: day.since, until: day.until)
                group.addTask { (index, try await self.report(for: part).summary) }
                next += 1
            }
            while next < min(concurrency, total) { try askNext() }
            while let (index, summary) = try await group.next() {
                daily.set(day: index, summary)
                done += 1
                progress(DayProgress(done: done, total: total))
                if next < total { try askNext() }
            }
        }
        return daily
    }
}
