import Foundation

extension ReportSource {
    /// One account's numbers for the families of SPEC 13 (`report --format prometheus`, `check`): the channel
    /// summary of each preset at `now` in `calendar`'s zone, and the queue now by channel, from one reading of
    /// the clock.
    public func metrics(accountID: Int64, ranges: [RangePreset], calendar: LocalCalendar,
                        now: Date) async throws -> AccountMetrics {
        var created: [CreatedInRange] = []
        for preset in ranges {
            created.append(CreatedInRange(preset: preset, summary: try await summary(for: preset.range(now: now, calendar: calendar))))
        }
        let queue = try await queue(by: .channel, at: Int64(now.timeIntervalSince1970.rounded(.down)))
        return AccountMetrics(accountID: accountID, created: created, queue: queue)
    }
}
