/// The channel summary report (docs/report.md): counts per channel type. Channel types with nothing
/// counted are never stored, so an empty report is `channels.isEmpty`, and its JSON is `{}`.
public struct ChannelSummary: Equatable, Sendable {
    /// Keyed by the raw `channel_type` (untrusted text: sanitize before printing).
    public private(set) var channels: [String: ChannelCounts]

    public init() { channels = [:] }

    /// Drops channel types whose total is zero, as the payload does (docs/report.md).
    public init(channels: [String: ChannelCounts]) {
        self.channels = channels.filter { $0.value.total > 0 }
    }

    public var isEmpty: Bool { channels.isEmpty }

    /// Adds a count from a source row. Unknown statuses and zero counts are ignored; false on overflow.
    @discardableResult
    public mutating func add(channelType: String, statusCode: Int64?, count: Int64) -> Bool {
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        var counts = channels[channelType] ?? ChannelCounts()
        guard counts.add(count, to: status) else { return false }
        channels[channelType] = counts
        return true
    }

    /// Channel types in a stable order (by raw type), for JSON, CSV and tests.
    public var sortedChannelTypes: [String] { channels.keys.sorted() }

    /// The totals row; nil when the sum over channels overflows 64 bits.
    public var totals: ChannelCounts? {
        var sum = ChannelCounts()
        for counts in channels.values where !sum.add(counts) { return nil }
        return sum
    }
}
