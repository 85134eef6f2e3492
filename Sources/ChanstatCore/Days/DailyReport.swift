/// The report day by day (docs/report.md "Day by day"): for every day of the range, empty days included, the
/// channel summary of the conversations created that day, by status now.
public struct DailyReport: Equatable, Sendable {
    public let days: LocalDays
    /// One per day of `days.days`, in order.
    public private(set) var summaries: [ChannelSummary]

    /// Every day empty, to add a database's rows to.
    public init(days: LocalDays) {
        self.days = days
        summaries = Array(repeating: ChannelSummary(), count: days.days.count)
    }

    /// Adds one (day, channel type, status, count) row of a database query. A day index outside the range is
    /// a query that went wrong, not data to drop quietly: false, as on overflow.
    public mutating func add(day: Int, channelType: String, statusCode: Int64?, count: Int64) -> Bool {
        guard summaries.indices.contains(day) else { return false }
        return summaries[day].add(channelType: channelType, statusCode: statusCode, count: count)
    }

    /// A day's whole summary (the HTTP source asks for each day on its own).
    public mutating func set(day: Int, _ summary: ChannelSummary) {
        summaries[day] = summary
    }

    /// Every channel type counted on some day, sorted by raw type.
    public var channelTypes: [String] {
        Set(summaries.flatMap(\.channels.keys)).sorted()
    }

    /// One day's counts for a channel type, or for all of them (`nil`); nil when the sum overflows.
    public func counts(day: Int, channelType: String?) -> ChannelCounts? {
        guard let channelType else { return summaries[day].totals }
        return summaries[day].channels[channelType] ?? ChannelCounts()
    }

    /// The whole range's summary: what the plain report says for the same range.
    public var total: ChannelSummary? {
        var channels: [String: ChannelCounts] = [:]
        for summary in summaries {
            for (type, counts) in summary.channels {
                var sum = channels[type] ?? ChannelCounts()
                guard sum.add(counts) else { return nil }
                channels[type] = sum
            }
        }
        return ChannelSummary(channels: channels)
    }
}
