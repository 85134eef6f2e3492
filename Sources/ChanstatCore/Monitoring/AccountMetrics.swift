/// What one account's part of `/metrics` is read from (SPEC 13): the channel summary of each range, and the
/// queue now by channel type. One set of queries per account, kept by serve's metrics cache.
public struct AccountMetrics: Equatable, Sendable {
    public let accountID: Int64
    /// One channel summary per range, in `--metrics-ranges` order.
    public let created: [CreatedInRange]
    /// The queue by channel (`Breakdown.channel`).
    public let queue: QueueReport

    public init(accountID: Int64, created: [CreatedInRange], queue: QueueReport) {
        self.accountID = accountID
        self.created = created
        self.queue = queue
    }
}

public struct CreatedInRange: Equatable, Sendable {
    /// The preset's name, the `range` label: today, 7d, 30d…
    public let preset: RangePreset
    public let summary: ChannelSummary

    public init(preset: RangePreset, summary: ChannelSummary) {
        self.preset = preset
        self.summary = summary
    }
}

/// How the last read of the source went: `chanstat_source_up` and `chanstat_source_read_seconds`.
public struct SourceHealth: Equatable, Sendable {
    public let up: Bool
    /// How long the last read of every family took; nil when it failed.
    public let readSeconds: Double?

    public init(up: Bool, readSeconds: Double?) {
        self.up = up
        self.readSeconds = readSeconds
    }

    public static let down = SourceHealth(up: false, readSeconds: nil)
}
