import ChanstatCore

/// The range being looked at: a preset (recomputed on every refresh, so "today" follows the clock)
/// or a custom range (from the form or from stepping).
public struct RangeSelection: Equatable, Sendable {
    public var preset: RangePreset?
    public var range: DateRange

    public init(preset: RangePreset?, range: DateRange) {
        self.preset = preset
        self.range = range
    }
}

/// Columns the table can be sorted by (`s` cycles through them in this order).
public enum SortKey: CaseIterable, Sendable {
    case channel, open, pending, snoozed, resolved, total

    public var status: ConversationStatus? {
        switch self {
        case .open: return .open
        case .pending: return .pending
        case .snoozed: return .snoozed
        case .resolved: return .resolved
        case .channel, .total: return nil
        }
    }
}

public struct SortOrder: Equatable, Sendable {
    public var key: SortKey
    /// Numbers read best largest first, names A to Z; `S` flips whichever applies.
    public var reversed: Bool

    public static let standard = SortOrder(key: .total, reversed: false)
}

public enum Overlay: Equatable, Sendable {
    case none, help
    case rangeForm(RangeForm)
}

/// The last good data and where it came from.
public struct LoadedData: Equatable, Sendable {
    public var summary: ChannelSummary
    public var range: DateRange
    public var refreshedAt: Int64
    public var durationSeconds: Double
}

/// All of the dashboard's state, in one value. Only `Dashboard.update` changes it.
public struct DashboardState: Sendable {
    public let sourceName: String
    public let calendar: LocalCalendar
    public var display: DisplayOptions

    public var selection: RangeSelection
    public var data: LoadedData?
    /// Why the last load failed; the data on screen is then stale.
    public var loadError: SourceError?
    /// The server's `Retry-After` from the last answer (Unix seconds): no automatic refresh before then.
    public var retryNotBefore: Int64?
    /// The request whose answer is awaited (the only one that will be accepted), nil when idle.
    public var pendingRequest: Int?
    public var lastRequestID: Int = 0
    public var refresh: RefreshSettings

    public var sort: SortOrder = .standard
    /// The selected row, by channel type so it follows the row when the order changes.
    public var selectedChannel: String?
    public var overlay: Overlay = .none
    /// A one-line message for a problem that belongs to no field (a step that leaves the valid range).
    public var notice: String?
    public var quitting = false

    public init(sourceName: String, calendar: LocalCalendar, selection: RangeSelection,
                refreshSeconds: Double, display: DisplayOptions = DisplayOptions()) {
        self.sourceName = TerminalSafeText.sanitize(sourceName, maxCharacters: 120)
        self.calendar = calendar
        self.selection = selection
        self.refresh = RefreshSettings(intervalSeconds: refreshSeconds)
        self.display = display
    }

    public var isLoading: Bool { pendingRequest != nil }

    /// One table row.
    public struct Row: Equatable, Sendable {
        public let channelType: String
        public let label: String
        public let counts: ChannelCounts
    }

    /// The rows of the data on screen, in the chosen order; ties fall back to the label, then the raw
    /// type, so the order never depends on dictionary order.
    public var sortedRows: [Row] {
        guard let summary = data?.summary else { return [] }
        let rows = summary.channels.map { Row(channelType: $0.key, label: ChannelLabel.label(for: $0.key), counts: $0.value) }
        return rows.sorted { a, b in
            let primary: Bool?
            switch sort.key {
            case .channel:
                primary = a.label == b.label ? nil : (a.label.lowercased(), a.label) < (b.label.lowercased(), b.label)
            default:
                let x = sort.key.status.map { a.counts[$0] } ?? a.counts.total
                let y = sort.key.status.map { b.counts[$0] } ?? b.counts.total
                primary = x == y ? nil : x > y
            }
            if let primary { return primary != sort.reversed }
            return (a.label, a.channelType) < (b.label, b.channelType)
        }
    }
}
