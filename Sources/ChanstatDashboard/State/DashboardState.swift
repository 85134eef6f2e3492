import ChanstatCore

public enum Overlay: Equatable, Sendable {
    case none, help
    case rangeForm(RangeForm)
}

/// The last good data and where it came from.
public struct LoadedData: Equatable, Sendable {
    public var loaded: LoadedReport
    /// What the data is the answer to: the header names this, never a newer selection still loading or one
    /// that failed to load, so the range named is always the range of the numbers on screen.
    public var selection: RangeSelection
    /// Built once per load: every frame draws from it.
    public var model: ReportModel
    public var refreshedAt: Int64
    public var durationSeconds: Double

    public init(loaded: LoadedReport, selection: RangeSelection? = nil, refreshedAt: Int64, durationSeconds: Double) {
        self.loaded = loaded
        self.selection = selection ?? RangeSelection(preset: nil, range: loaded.range)
        model = loaded.model
        self.refreshedAt = refreshedAt
        self.durationSeconds = durationSeconds
    }

    public var range: DateRange { loaded.range }
}

/// One table's view state: its order and its selected row (by key, so it follows the row when the order
/// changes). The channel list and the inbox view each have their own.
public struct TableState: Equatable, Sendable {
    public var sort: ReportSort = .standard
    public var selected: String?

    public init(sort: ReportSort = .standard, selected: String? = nil) {
        self.sort = sort
        self.selected = selected
    }
}

/// All of the dashboard's state, in one value. Only `Dashboard.update` changes it.
public struct DashboardState: Sendable {
    /// Shown in the header; it grows once when a source that was down at start opens (`rename`).
    public private(set) var sourceName: String
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

    /// `c`: the previous period beside each count.
    public var comparing = false
    /// The channel list.
    public var channels = TableState()
    /// Enter on a channel: its inboxes (nil: the channel list is shown).
    public var inboxView: InboxView?
    /// `t`: the trend view, day by day (nil: the table is shown).
    public var trend: TrendView?
    /// How far the pending load's days are (a source asked day by day), for the trend view's progress.
    public var dayProgress: DayProgress?
    /// Why the source has no inbox rows (Chatwoot's API), shown when Enter asks for them.
    public let inboxesUnavailable: String?
    public var overlay: Overlay = .none
    /// The help's first line shown, when it is taller than the screen (`HelpOverlay`).
    public var helpScroll = 0
    /// A one-line message for a problem that belongs to no field (a step that leaves the valid range).
    public var notice: String?
    public var quitting = false

    public init(sourceName: String, calendar: LocalCalendar, selection: RangeSelection,
                refreshSeconds: Double, display: DisplayOptions = DisplayOptions(), inboxesUnavailable: String? = nil) {
        self.sourceName = Self.shown(sourceName)
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
    public var table: TableState {
        get { inboxView?.table ?? channels }
        set { if inboxView != nil { inboxView?.table = newValue } else { channels = newValue } }
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

/// The trend view: the days of the range for all channels (`channelType` nil) or one.
public struct TrendView: Equatable, Sendable {
    public var channelType: String?

    public init(channelType: String? = nil) {
        self.channelType = channelType
    }
}

/// The inbox view of one channel type.
public struct InboxView: Equatable, Sendable {
    public let channelType: String
    public var table = TableState()
}
