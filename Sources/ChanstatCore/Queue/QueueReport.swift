/// One row of the queue: a group of `Breakdown` (a channel type, an inbox, a team, an agent, a label) and its
/// counts now. `name` is the source's text (untrusted: made safe where shown) or a `GroupName`.
public struct QueueGroup: Equatable, Sendable {
    public let key: GroupKey
    public let name: String
    /// By inbox: the inbox's channel type; nil for every other breakdown.
    public let channelType: String?
    public var counts: QueueCounts

    public init(key: GroupKey, name: String, channelType: String? = nil, counts: QueueCounts) {
        self.key = key
        self.name = name
        self.channelType = channelType
        self.counts = counts
    }
}

/// The queue of one account now (SPEC 11): its groups by one breakdown, and the totals, counted by the source
/// (never summed from the groups: by label one conversation is in several groups).
public struct QueueReport: Equatable, Sendable {
    /// The one reading of the clock the ages were computed from (Unix seconds).
    public let at: Int64
    public let breakdown: Breakdown
    public let groups: [QueueGroup]
    public let total: QueueCounts

    public init(at: Int64, breakdown: Breakdown, groups: [QueueGroup], total: QueueCounts) {
        self.at = at
        self.breakdown = breakdown
        self.groups = groups
        self.total = total
    }
}
