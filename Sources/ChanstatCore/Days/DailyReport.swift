/// The report day by day (docs/report.md "Day by day"): for every day of the range, empty days included, the
/// conversations created that day by status now, in the groups of one breakdown (channel, team, agent, label), and
/// the day's total. As in `GroupedReport`, the total is the source's own count, each conversation once: by label
/// one conversation is in several groups, so a day's groups never add up to it. By channel, whose groups never
/// overlap, it is their sum, as the channel summary's totals are.
public struct DailyReport: Equatable, Sendable {
    public let days: LocalDays
    /// What the groups are: channel, team, agent or label (`Breakdown.dayGroups`).
    public let breakdown: Breakdown
    /// One per day of `days.days`, in order: the groups with something counted that day. By channel, keyed and
    /// named by the raw channel type (`.text`); otherwise as `GroupedReport`'s groups (`GroupName`).
    public private(set) var groups: [[GroupKey: ReportGroup]]
    /// One per day: the source's own total (not used by channel, whose total is the sum of its groups).
    private var countedTotals: [ChannelCounts]

    /// Every day empty, to add a source's rows to.
    public init(days: LocalDays, breakdown: Breakdown = .channel) {
        self.days = days
        self.breakdown = breakdown.dayGroups
        groups = Array(repeating: [:], count: days.days.count)
        countedTotals = Array(repeating: ChannelCounts(), count: days.days.count)
    }

    /// Adds one (day, group, status, count) row of a query. Unknown statuses and zero counts are ignored, as in the
    /// summary. A day index outside the range is a query that went wrong, not data to drop quietly: false, as on
    /// overflow.
    public mutating func add(day: Int, key: GroupKey, name: String, statusCode: Int64?, count: Int64) -> Bool {
        guard groups.indices.contains(day) else { return false }
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        var group = groups[day][key] ?? ReportGroup(key: key, name: name)
        guard group.add(count, to: status) else { return false }
        groups[day][key] = group
        return true
    }

    /// Adds one (day, status, count) row of the query's own total; false on overflow or outside the range.
    public mutating func addToTotal(day: Int, statusCode: Int64?, count: Int64) -> Bool {
        guard countedTotals.indices.contains(day) else { return false }
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        return countedTotals[day].add(count, to: status)
    }

    /// Adds one row of a database's day query by channel: (day, channel type, status, count).
    public mutating func add(day: Int, channelType: String, statusCode: Int64?, count: Int64) -> Bool {
        add(day: day, key: .text(channelType), name: channelType, statusCode: statusCode, count: count)
    }

    /// Adds one row of a database's day query by team, agent or label (the columns of `GroupedReport.addRow`, and
    /// the day): the day's total when `isTotal`, else a group, keyed and named as SPEC 10 says. False on overflow.
    public mutating func addRow(day: Int, isTotal: Bool, id: Int64?, name: String?, displayName: String?,
                                statusCode: Int64?, count: Int64) -> Bool {
        if isTotal { return addToTotal(day: day, statusCode: statusCode, count: count) }
        let (key, shown) = GroupName.group(of: breakdown, id: id, name: name, displayName: displayName)
        return add(day: day, key: key, name: shown, statusCode: statusCode, count: count)
    }

    /// A day's whole channel summary (the HTTP source asks for each day on its own).
    public mutating func set(day: Int, _ summary: ChannelSummary) {
        groups[day] = Dictionary(uniqueKeysWithValues: summary.channels.map { type, counts in
            (GroupKey.text(type), ReportGroup(key: .text(type), name: type, counts: counts))
        })
    }

    /// One day's counts of a group, or of all conversations (`nil`: the day's total; the none group is
    /// `GroupKey.none`, since a bare `.none` here is the optional's nil); nil when a sum overflows.
    public func counts(day: Int, group: GroupKey?) -> ChannelCounts? {
        guard let group else { return total(day: day) }
        return groups[day][group]?.counts ?? ChannelCounts()
    }

    /// A day's total, each conversation once; nil when the sum of the channels overflows 64 bits.
    public func total(day: Int) -> ChannelCounts? {
        guard breakdown == .channel else { return countedTotals[day] }
        var sum = ChannelCounts()
        for group in groups[day].values where !sum.add(group.counts) { return nil }
        return sum
    }

    /// The whole range's total: the days' totals summed, which is exact since each conversation was created on one
    /// day; what the plain report's totals say for the same range. Nil on overflow.
    public var total: ChannelCounts? {
        var sum = ChannelCounts()
        for day in days.days.indices {
            guard let counts = total(day: day), sum.add(counts) else { return nil }
        }
        return sum
    }

    /// By channel, each day's channel summary (what `report --by day` prints).
    public var summaries: [ChannelSummary] {
        groups.map { day in ChannelSummary(channels: Dictionary(uniqueKeysWithValues: day.compactMap { key, group in
            guard case .text(let type) = key else { return nil }
            return (type, group.counts)
        })) }
    }

    /// Every group counted on some day, by raw key.
    public var keys: [GroupKey] {
        Set(groups.flatMap(\.keys)).sorted()
    }
}

extension Breakdown {
    /// The groups of this breakdown's days: an inbox's days are its channel's (the dashboard's trend of an inbox
    /// view), and `day` itself is by channel (`report --by day`).
    public var dayGroups: Breakdown {
        switch self {
        case .channel, .inbox, .day: return .channel
        case .team, .agent, .label: return self
        }
    }
}
