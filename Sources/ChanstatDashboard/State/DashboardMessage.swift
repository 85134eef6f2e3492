import ChanstatCore

/// A key as the dashboard understands it; the terminal edge translates ncurses codes into these.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// Ctrl and a letter (`.control("a")` is Ctrl-A), for the range form's line editing. Ctrl-C is
    /// `.interrupt`, and the letters that are other keys (Ctrl-H, -I, -J, -M) arrive as those keys.
    case control(Character)
    case interrupt  // Ctrl-C, however it arrives (a key in raw mode, or SIGINT)
}

/// The answer to one load (with compare on, both periods as one), tagged with what was asked so that an
/// answer to an older request is dropped.
public struct LoadResult: Sendable {
    public let requestID: Int
    public let range: DateRange
    public let outcome: Result<LoadedReport, SourceError>
    public let durationSeconds: Double
    /// The source's name as it is now: a source that was down at start learns the rest of it (an account's
    /// name) when it opens. Nil: unchanged.
    public let sourceName: String?

    public init(requestID: Int, range: DateRange, outcome: Result<LoadedReport, SourceError>, durationSeconds: Double,
                sourceName: String? = nil) {
        self.requestID = requestID
        self.range = range
        self.outcome = outcome
        self.durationSeconds = durationSeconds
        self.sourceName = sourceName
    }
}

/// The answer to one read of the queue (`n`), tagged like a `LoadResult`.
public struct QueueLoadResult: Sendable {
    public let requestID: Int
    public let outcome: Result<QueueReport, SourceError>
    public let durationSeconds: Double
    /// The source's `queueUnknown`: why some numbers are unknown, nil when it knows them all.
    public let unknown: String?

    public init(requestID: Int, outcome: Result<QueueReport, SourceError>, durationSeconds: Double, unknown: String? = nil) {
        self.requestID = requestID
        self.outcome = outcome
        self.durationSeconds = durationSeconds
        self.unknown = unknown
    }
}

/// The answer to one read of a list of conversations (Enter on a group), tagged like a `LoadResult`.
public struct ConversationsLoadResult: Sendable {
    public let requestID: Int
    public let outcome: Result<ConversationList, SourceError>
    /// The clock when it was read (Unix seconds): the list's ages are counted to it.
    public let readAt: Int64

    public init(requestID: Int, outcome: Result<ConversationList, SourceError>, readAt: Int64) {
        self.requestID = requestID
        self.outcome = outcome
        self.readAt = readAt
    }
}

/// Everything that can happen to the dashboard. `update` is the only place these change the state.
public enum DashboardMessage: Sendable {
    /// The dashboard is on screen: load the first range and start the timer.
    case started
    case key(Key)
    /// The terminal changed size. The view takes its size as an argument, so only a redraw follows.
    case resized(width: Int, height: Int)
    /// An auto-refresh timer fired; `generation` tells a current timer from one that was replaced.
    case tick(generation: Int)
    case loadFinished(LoadResult)
    case queueLoaded(QueueLoadResult)
    case conversationsLoaded(ConversationsLoadResult)
    /// A day-by-day load has this many days in (Chatwoot's API is asked once per day).
    case dayProgress(requestID: Int, DayProgress)
    /// SIGTERM, SIGHUP, or the terminal went away.
    case terminate
}

/// Slow or outside work that `update` asks for; the terminal edge performs it and answers with messages.
public enum DashboardEffect: Equatable, Sendable {
    /// One request: the range, with `comparing` its previous period too, with `days` the range day by day.
    case load(DateRange, comparing: Bool, days: Bool = false, breakdown: Breakdown = .channel, requestID: Int)
    /// The queue now by `breakdown`, the clock read once when it is asked (`ReportSource.queue`).
    case loadQueue(Breakdown, requestID: Int)
    /// The conversations `filter` selects in `cohort`, at most `limit` (`ReportSource.conversations`).
    case loadConversations(ConversationFilter, in: ListCohort, limit: ListLimit, requestID: Int)
    /// Stop the load `requestID`: a newer one replaced it, and its answer would be dropped anyway (a source asked
    /// day by day would otherwise go on with up to 32 requests nobody waits for).
    case cancelLoad(requestID: Int)
    /// Replaces any pending timer: at most one timer runs.
    case scheduleTick(afterSeconds: Double, generation: Int)
    case cancelTick
    case quit
}
