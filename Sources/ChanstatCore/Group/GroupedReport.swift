/// One group of a grouped report: a team, an agent, a label (or its none group), with the counts of the range's
/// conversations in it by status now. `name` is the source's text (untrusted: `ReportModel` makes it safe) or a
/// `GroupName`.
public struct ReportGroup: Equatable, Sendable {
    public let key: GroupKey
    public let name: String
    public private(set) var counts: ChannelCounts

    public init(key: GroupKey, name: String, counts: ChannelCounts = ChannelCounts()) {
        self.key = key
        self.name = name
        self.counts = counts
    }

    mutating func add(_ count: Int64, to status: ConversationStatus) -> Bool { counts.add(count, to: status) }
}

/// What a source answers for one `ReportRequest` (SPEC 10): by channel (and inbox within it), the channel summary,
/// exactly the API's payload, with its inbox rows; by team, agent or label, the groups and the total, which the
/// source counts itself, each conversation once: by label one conversation is in several groups, so the groups
/// never add up to it.
public struct GroupedReport: Equatable, Sendable {
    public let breakdown: Breakdown
    /// By channel and by inbox: what the channel summary query answered. Nil for the other breakdowns.
    public let channels: SourceReport?
    /// By team, agent and label: the groups with something counted.
    public private(set) var groups: [GroupKey: ReportGroup]
    private var countedTotal: ChannelCounts

    /// By channel or by inbox: the channel summary and its inbox rows.
    public init(_ channels: SourceReport, breakdown: Breakdown = .channel) {
        self.breakdown = breakdown
        self.channels = channels
        groups = [:]
        countedTotal = ChannelCounts()
    }

    /// An empty report by team, agent or label, that a database's rows are added to.
    public init(breakdown: Breakdown) {
        self.breakdown = breakdown
        channels = nil
        groups = [:]
        countedTotal = ChannelCounts()
    }

    /// Adds one (group, status, count) row of a query. Unknown statuses and zero counts are ignored, as in the
    /// summary; false on overflow.
    public mutating func add(key: GroupKey, name: String, statusCode: Int64?, count: Int64) -> Bool {
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        var group = groups[key] ?? ReportGroup(key: key, name: name)
        guard group.add(count, to: status) else { return false }
        groups[key] = group
        return true
    }

    /// Adds one (status, count) row of the query's own total; false on overflow.
    public mutating func addToTotal(statusCode: Int64?, count: Int64) -> Bool {
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        return countedTotal.add(count, to: status)
    }

    /// Every conversation counted once: the source's own count (by channel, the summary's, whose rows never
    /// overlap); nil when the sum of the channels overflows 64 bits.
    public var total: ChannelCounts? {
        guard let channels else { return countedTotal }
        return channels.summary.totals
    }
}

extension GroupedReport {
    /// Adds one row of a database's group query (the same columns on SQLite and PostgreSQL): the query's own
    /// total when `isTotal`, else a group, keyed and named as SPEC 10 says (`GroupName`): by team and agent, `id` is
    /// the conversation's `team_id` or `assignee_id` and `name` (and `displayName`) the row it names, nil when that
    /// row is gone; by label, `name` is the label's, nil for the conversations without one. False on overflow.
    public mutating func addRow(isTotal: Bool, id: Int64?, name: String?, displayName: String?, statusCode: Int64?,
                                count: Int64) -> Bool {
        if isTotal { return addToTotal(statusCode: statusCode, count: count) }
        let (key, shown) = GroupName.group(of: breakdown, id: id, name: name, displayName: displayName)
        return add(key: key, name: shown, statusCode: statusCode, count: count)
    }
}
