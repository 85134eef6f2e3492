/// Chatwoot's conversation status codes (docs/report.md). Any other value counts nowhere.
public enum ConversationStatus: Int, CaseIterable, Sendable {
    case open = 0
    case resolved = 1
    case pending = 2
    case snoozed = 3

    /// The order of the JSON payload's keys, and of CSV columns.
    public static let payloadOrder: [ConversationStatus] = [.open, .resolved, .pending, .snoozed]
    /// The order a person reads them in tables and bars: what still needs work first.
    public static let displayOrder: [ConversationStatus] = [.open, .pending, .snoozed, .resolved]

    /// nil for codes outside 0...3, which the report ignores.
    public init?(code: Int64?) {
        guard let code, let status = ConversationStatus(rawValue: Int(truncatingIfNeeded: code)),
              Int64(status.rawValue) == code else { return nil }
        self = status
    }

    /// The JSON key and CSV column name.
    public var key: String {
        switch self {
        case .open: return "open"
        case .resolved: return "resolved"
        case .pending: return "pending"
        case .snoozed: return "snoozed"
        }
    }

    public var title: String {
        switch self {
        case .open: return "Open"
        case .resolved: return "Resolved"
        case .pending: return "Pending"
        case .snoozed: return "Snoozed"
        }
    }
}
