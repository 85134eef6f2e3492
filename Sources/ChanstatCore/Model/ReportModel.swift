/// The report as every front end draws it (docs/report.md): rows in the standard order (channels each with its
/// inboxes, or the groups of another breakdown), the totals, and when comparing the previous period beside each
/// count. Built once from what the source answered; the widgets and the text forms only draw it.
public struct ReportModel: Equatable, Sendable {
    /// What the rows are: channel (with inbox rows under each) or inbox (the same rows, shown by inbox), team,
    /// agent, label. Titles, keys and the none groups come from it.
    public let breakdown: Breakdown
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
    public init(_ report: SourceReport, previous: SourceReport? = nil, breakdown: Breakdown = .channel) {
        self.breakdown = breakdown
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

    /// What a source answered by `grouped.breakdown`; `previous`, when given, is the previous period's answer: a
    /// group found in only one of the two periods is shown with zeros for the other. The totals are the source's
    /// own (never summed from the rows, which overlap by label).
    public init(_ grouped: GroupedReport, previous: GroupedReport? = nil) {
        if let channels = grouped.channels {
            self.init(channels, previous: previous?.channels ?? (previous.map { _ in SourceReport() }),
                      breakdown: grouped.breakdown)
            return
        }
        let keys = Set(grouped.groups.keys).union(previous?.groups.keys ?? [:].keys)
        let rows = keys.map { key in
            let now = grouped.groups[key], before = previous?.groups[key]
            return ReportRow(kind: .group, group: key, label: ReportRow.inboxLabel(now?.name ?? before?.name ?? ""),
                             counts: now?.counts ?? ChannelCounts(),
                             previous: previous.map { _ in before?.counts ?? ChannelCounts() })
        }
        self.init(breakdown: grouped.breakdown, rows: ReportSort.standard.ordered(rows), totals: grouped.total,
                  previousTotals: previous?.total, comparing: previous != nil, hasInboxes: false)
    }

    private init(breakdown: Breakdown, rows: [ReportRow], totals: ChannelCounts?, previousTotals: ChannelCounts?,
                 comparing: Bool, hasInboxes: Bool) {
        self.breakdown = breakdown
        self.rows = rows
        self.totals = totals
        self.previousTotals = previousTotals
        self.comparing = comparing
        self.hasInboxes = hasInboxes
    }

    /// The totals row of a table: every table's last line (`report`'s and the dashboard's). Nil when a total
    /// overflowed 64 bits.
    public var totalsRow: ReportRow? {
        guard let totals, !(comparing && previousTotals == nil) else { return nil }
        return ReportRow(kind: kind, key: "", label: "Total", counts: totals, previous: previousTotals)
    }

    private var kind: ReportRow.Kind {
        switch breakdown {
        case .channel, .day: return .channel
        case .inbox: return .inbox
        case .team, .agent, .label: return .group
        }
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
