/// The columns of every table chanstat draws (the dashboard's and `report`'s), with their one title and value.
/// Status titles are `ConversationStatus.title`; the order a person reads is `ConversationStatus.displayOrder`.
public enum ReportColumn: CaseIterable, Hashable, Sendable {
    case label, open, pending, snoozed, resolved, total

    /// The number columns, in the order they are shown.
    public static let numbers: [ReportColumn] = ConversationStatus.displayOrder.map(ReportColumn.init(status:)) + [.total]

    public init(status: ConversationStatus) {
        switch status {
        case .open: self = .open
        case .pending: self = .pending
        case .snoozed: self = .snoozed
        case .resolved: self = .resolved
        }
    }

    public var status: ConversationStatus? {
        switch self {
        case .open: return .open
        case .pending: return .pending
        case .snoozed: return .snoozed
        case .resolved: return .resolved
        case .label, .total: return nil
        }
    }

    /// The column's title; the label column is named for what the rows are.
    public func title(rows: ReportRow.Kind = .channel) -> String {
        title(for: rows == .inbox ? .inbox : .channel)
    }

    /// The column's title; the label column is named by the breakdown.
    public func title(for breakdown: Breakdown) -> String {
        switch self {
        case .label: return breakdown.title
        case .total: return "Total"
        default: return status!.title
        }
    }

    /// The count this column shows (0 for the label column).
    public func value(of counts: ChannelCounts) -> Int64 {
        switch self {
        case .label: return 0
        case .total: return counts.total
        default: return counts[status!]
        }
    }
}
