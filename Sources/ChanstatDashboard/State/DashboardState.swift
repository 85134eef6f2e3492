import ChanstatCore

public enum Overlay: Equatable, Sendable {
    case none, help
    case rangeForm(RangeForm)
}

/// The last good data and where it came from.
public struct LoadedData: Equatable, Sendable {
    public internal(set) var loaded: LoadedReport
    /// What the data is the answer to: the header names this, never a newer selection still loading or one
    /// that failed to load, so the range named is always the range of the numbers on screen.
    public internal(set) var selection: RangeSelection
    /// Built once per load: every frame draws from it.
    public internal(set) var model: ReportModel
    public internal(set) var refreshedAt: Int64
    public internal(set) var durationSeconds: Double

    public init(loaded: LoadedReport, selection: RangeSelection? = nil, refreshedAt: Int64, durationSeconds: Double) {
        self.loaded = loaded
        self.selection = selection ?? RangeSelection(preset: nil, range: loaded.range)
        model = loaded.model
        self.refreshedAt = refreshedAt
        self.durationSeconds = durationSeconds
    }

    public var range: DateRange { loaded.range }
}

/// One table's view state, as ratatui's `TableState`: its order, its selected row (by key, so it follows the row
/// when the order changes) and its scroll offset, the first row shown. The offset moves only when the selection
/// would leave the rows shown, so moving up from the bottom moves the cursor, not the page (`TableScroll`). The
/// channel list and the inbox view each have their own.
public struct TableState: Equatable, Sendable {
    public internal(set) var sort: ReportSort = .standard
    public internal(set) var selected: String?
    /// The index (in `sort`'s order) of the first row shown.
    public internal(set) var offset = 0

    public init(sort: ReportSort = .standard, selected: String? = nil) {
        self.sort = sort
        self.selected = selected
    }
}

/// The terminal's size, kept in the state (bubbletea's `WindowSizeMsg`) because a page of the table is what
/// fits on screen: PgUp and PgDn move by it.
public struct WindowSize: Equatable, Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Until the terminal says otherwise: the size every terminal starts at.
    public static let standard = WindowSize(width: 80, height: 24)
}

/// All of the dashboard's state, in one value. Only `Dashboard.update` changes it.
public struct DashboardState: Sendable {
    /// Shown in the header; it grows once when a source that was down at start opens (`rename`).
    public private(set) var sourceName: String
    public let calendar: LocalCalendar
    public internal(set) var display: DisplayOptions

    public internal(set) var selection: RangeSelection
    public internal(set) var data: LoadedData?
    /// Why the last load failed; the data on screen is then stale.
    public internal(set) var loadError: SourceError?
    /// The server's `Retry-After` from the last answer (Unix seconds): no automatic refresh before then.
    public internal(set) var retryNotBefore: Int64?
    /// The request whose answer is awaited (the only one that will be accepted), nil when idle.
    public internal(set) var pendingRequest: Int?
    public internal(set) var lastRequestID: Int = 0
    public internal(set) var refresh: RefreshSettings

    /// `g`: what the rows are (channel, team, agent, label), as asked for; the data on screen says its own
    /// (`data.model.breakdown`) until the answer arrives.
    public internal(set) var breakdown: Breakdown = .channel
    /// `c`: the previous period beside each count.
    public internal(set) var comparing = false
    /// The channel list.
    public internal(set) var channels = TableState()
    /// Enter on a channel: its inboxes (nil: the channel list is shown).
    public internal(set) var inboxView: InboxView?
    /// Enter on a group: its conversations, over the table it came from (nil: that table is shown).
    public internal(set) var conversations: ConversationListView?
    /// Chatwoot's web address, when known: the selected conversation's address is shown under its list.
    public let webAddress: WebAddress?
    /// `n`: the queue now, in place of the range's table (nil: the range is shown).
    public internal(set) var queue: QueueView?
    /// `t`: the trend view, day by day (nil: the table is shown).
    public internal(set) var trend: TrendView?
    /// How far the pending load's days are (a source asked day by day), for the trend view's progress.
    public internal(set) var dayProgress: DayProgress?
    /// Why the source has no inbox rows (Chatwoot's API), shown when Enter asks for them.
    public let inboxesUnavailable: String?
    public internal(set) var overlay: Overlay = .none
    /// The help's first line shown, when it is taller than the screen (`HelpOverlay`).
    public internal(set) var helpScroll = 0
    /// A one-line message for a problem that belongs to no field (a step that leaves the valid range).
    public internal(set) var notice: String?
    public internal(set) var quitting = false
    /// The terminal's size, from the last `.resized`.
    public internal(set) var window = WindowSize.standard

    public init(sourceName: String, calendar: LocalCalendar, selection: RangeSelection,
                refreshSeconds: Double, display: DisplayOptions = DisplayOptions(), inboxesUnavailable: String? = nil,
                webAddress: WebAddress? = nil) {
        self.sourceName = Self.shown(sourceName)
        self.webAddress = webAddress
        self.inboxesUnavailable = inboxesUnavailable
        self.calendar = calendar
        self.selection = selection
        self.refresh = RefreshSettings(intervalSeconds: refreshSeconds)
        self.display = display
    }

    public var isLoading: Bool { pendingRequest != nil }

    mutating func rename(source name: String) {
        sourceName = Self.shown(name)
    }

    private static func shown(_ sourceName: String) -> String {
        TerminalSafeText.sanitize(sourceName, maxCharacters: 120)
    }

    /// The selection the numbers on screen belong to: the loaded data's, else (before any data) the one asked for.
    public var shownSelection: RangeSelection { data?.selection ?? selection }

    /// The table on screen: the channel list, or the inboxes of one channel.
    public internal(set) var table: TableState {
        get { inboxView?.table ?? channels }
        set { if inboxView != nil { inboxView?.table = newValue } else { channels = newValue } }
    }

    /// The keys of the rows on screen in their order: a list's conversations, the queue's groups, or the table's rows.
    var visibleKeys: [String] {
        if let conversations { return conversations.rows.map(ConversationListView.key) }
        if let queue { return queue.rows.map(\.key.rowKey) }
        return visibleRows.map(\.key)
    }

    /// The selected row of the table on screen (a list's, the queue's, the inboxes', the range's).
    var selectedKey: String? {
        get { conversations.map(\.selected) ?? queue.map(\.selected) ?? table.selected }
        set {
            if conversations != nil { conversations?.selected = newValue }
            else if queue != nil { queue?.selected = newValue } else { table.selected = newValue }
        }
    }

    /// The first row shown of the table on screen.
    var scrollOffset: Int {
        get { conversations?.offset ?? queue?.offset ?? table.offset }
        set {
            if conversations != nil { conversations?.offset = newValue }
            else if queue != nil { queue?.offset = newValue } else { table.offset = newValue }
        }
    }

    /// The rows on screen, in the chosen order (none before the first load).
    public var visibleRows: [ReportRow] {
        guard let model = data?.model else { return [] }
        guard let inboxView else { return channels.sort.ordered(model.rows) }
        return inboxView.table.sort.ordered(model.row(inboxView.channelType)?.children ?? [])
    }

    /// The totals row of the table on screen: the whole report's, or the channel's (the sum of its inboxes).
    public var visibleTotals: ReportRow? {
        guard let model = data?.model else { return nil }
        if let inboxView {
            return model.row(inboxView.channelType).map {
                ReportRow(kind: .inbox, key: "", label: "Total", counts: $0.counts, previous: $0.previous)
            }
        }
        return model.totalsRow
    }
}

/// The trend view: the days of the range for all conversations (`group` nil) or one row of the table: a channel
/// (its raw channel type), a team, an agent or a label, or a none group.
public struct TrendView: Equatable, Sendable {
    public internal(set) var group: GroupKey?

    public init(group: GroupKey? = nil) {
        self.group = group
    }
}

/// The inbox view of one channel type.
public struct InboxView: Equatable, Sendable {
    public let channelType: String
    public internal(set) var table = TableState()
}
