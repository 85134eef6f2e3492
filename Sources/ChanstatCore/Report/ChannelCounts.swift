/// The counts of one channel type: conversations created in the range, by their current status.
public struct ChannelCounts: Equatable, Hashable, Sendable {
    public private(set) var open: Int64 = 0
    public private(set) var resolved: Int64 = 0
    public private(set) var pending: Int64 = 0
    public private(set) var snoozed: Int64 = 0
    /// The sum of the four, kept as counts are added so it can never disagree with them.
    public private(set) var total: Int64 = 0

    public init() {}

    /// Counts from four values; nil when one is negative or the total does not fit in 64 bits.
    public init?(open: Int64, resolved: Int64, pending: Int64, snoozed: Int64) {
        var counts = ChannelCounts()
        for (status, value) in zip(ConversationStatus.payloadOrder, [open, resolved, pending, snoozed]) {
            guard counts.add(value, to: status) else { return nil }
        }
        self = counts
    }

    public subscript(status: ConversationStatus) -> Int64 {
        switch status {
        case .open: return open
        case .resolved: return resolved
        case .pending: return pending
        case .snoozed: return snoozed
        }
    }

    /// Adds to one status; false (and no change) if the count is negative or a sum would overflow.
    @discardableResult
    public mutating func add(_ count: Int64, to status: ConversationStatus) -> Bool {
        guard count >= 0 else { return false }
        let (newTotal, totalOverflow) = total.addingReportingOverflow(count)
        let (newValue, valueOverflow) = self[status].addingReportingOverflow(count)
        guard !totalOverflow, !valueOverflow else { return false }
        switch status {
        case .open: open = newValue
        case .resolved: resolved = newValue
        case .pending: pending = newValue
        case .snoozed: snoozed = newValue
        }
        total = newTotal
        return true
    }

    /// Adds every status of another channel; false (and no change) on overflow.
    @discardableResult
    public mutating func add(_ other: ChannelCounts) -> Bool {
        var sum = self
        for status in ConversationStatus.payloadOrder where !sum.add(other[status], to: status) { return false }
        self = sum
        return true
    }
}
