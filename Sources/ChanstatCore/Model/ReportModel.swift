/// The report as every front end draws it (docs/report.md): channel rows in the standard order, each with its
/// inboxes, the totals, and when comparing the previous period beside each count. Built once from what the
/// source answered; the widgets and the text forms only draw it.
public struct ReportModel: Equatable, Sendable {
    public let rows: [ReportRow]
    /// Nil when the sum does not fit in 64 bits (shown as such, never wrapped).
    public let totals: ChannelCounts?
    /// When comparing: the previous period's totals (nil when not comparing, and on overflow).
    public let previousTotals: ChannelCounts?
    public let comparing: Bool
    /// Whether the source gave inbox rows (Chatwoot's API does not).
    public let hasInboxes: Bool

    /// `previous`, when given, is the previous period: a channel type or inbox found in only one of the two
    /// periods is shown with zeros for the other.
    public init(_ report: SourceReport, previous: SourceReport? = nil) {
        comparing = previous != nil
        hasInboxes = report.inboxes != nil
        var channelTypes = Set(report.summary.channels.keys)
        if let previous { channelTypes.formUnion(previous.summary.channels.keys) }
        let rows = channelTypes.map { channelType -> ReportRow in
            let before = previous.map { $0.summary.channels[channelType] ?? ChannelCounts() }
            return ReportRow(kind: .channel, key: channelType, label: ChannelLabel.label(for: channelType),
                             counts: report.summary.channels[channelType] ?? ChannelCounts(), previous: before,
                             children: Self.inboxRows(report.inboxes?[channelType] ?? [:],
                                                      previous: previous.map { $0.inboxes?[channelType] ?? [:] }))
        }
        self.rows = ReportSort.standard.ordered(rows)
        totals = report.summary.totals
        previousTotals = previous?.summary.totals
    }

    /// A channel summary alone (no inbox rows, no comparison).
    public init(_ summary: ChannelSummary) {
        self.init(SourceReport(summary: summary))
    }

    /// A channel's inbox rows; `previous` is nil when not comparing.
    private static func inboxRows(_ now: [Int64: InboxCounts], previous: [Int64: InboxCounts]?) -> [ReportRow] {
        let ids = Set(now.keys).union(previous?.keys ?? [:].keys)
        let rows = ids.map { id -> ReportRow in
            ReportRow(kind: .inbox, key: String(id), label: ReportRow.inboxLabel(now[id]?.name ?? previous?[id]?.name ?? ""),
                      counts: now[id]?.counts ?? ChannelCounts(),
                      previous: previous.map { $0[id]?.counts ?? ChannelCounts() })
        }
        return ReportSort.standard.ordered(rows)
    }

    /// The channel row with this channel type.
    public func row(_ key: String) -> ReportRow? { rows.first { $0.key == key } }

    public var isEmpty: Bool { rows.isEmpty }
}
