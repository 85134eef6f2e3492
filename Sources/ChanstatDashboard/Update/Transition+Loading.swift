import ChanstatCore

/// Loads and the refresh timer. The timer runs only between loads: starting a load cancels it, and
/// every answer (success or failure) re-arms it, so a failure never stops auto-refresh. A server that
/// asked for a pause (429/503 with `Retry-After`) gets it: the next tick waits for the later of the two.
extension Transition {
    /// Asks for the selected range. A newer request supersedes one in flight: that one is cancelled, and an
    /// answer it still sends is dropped.
    mutating func startLoad() {
        if let superseded = state.pendingRequest { effects.append(.cancelLoad(requestID: superseded)) }
        if let preset = state.selection.preset {
            state.selection.range = preset.range(now: now, calendar: state.calendar)
        }
        state.lastRequestID += 1
        state.pendingRequest = state.lastRequestID
        state.dayProgress = nil
        cancelTimer()
        if let list = state.conversations {
            if list.list != nil { state.conversations?.outdatesTable = true }
            let cohort: ListCohort = list.fromQueue ? .queue : .created(state.selection.range)
            return effects.append(.loadConversations(list.filter, in: cohort, limit: ConversationListView.limit,
                                                     requestID: state.lastRequestID))
        }
        if state.queue != nil { return effects.append(.loadQueue(state.breakdown, requestID: state.lastRequestID)) }
        effects.append(.load(state.selection.range, comparing: state.comparing, days: state.trend != nil,
                             breakdown: state.breakdown, requestID: state.lastRequestID))
    }

    mutating func handleLoadFinished(_ result: LoadResult) {
        guard result.requestID == state.pendingRequest else { return }  // an answer to an older question
        state.pendingRequest = nil
        state.dayProgress = nil
        // The latest answer speaks for the server now: a success, or a failure without the header, lifts it.
        if case .failure(let error) = result.outcome { state.retryNotBefore = error.retryNotBefore } else {
            state.retryNotBefore = nil
        }
        if let name = result.sourceName { state.rename(source: name) }
        switch result.outcome {
        case .success(let loaded):
            // Rows of another breakdown (after `g`) are a new table: its selection and scroll start again.
            let sameTable = state.data?.model.breakdown == loaded.model.breakdown
            if !sameTable { state.channels = TableState(sort: state.channels.sort) }
            let hadRows = sameTable && !(state.data?.model.rows.isEmpty ?? true)
            state.data = LoadedData(loaded: loaded, selection: state.selection, refreshedAt: nowSeconds, durationSeconds: result.durationSeconds)
            state.loadError = nil
            // A selection whose row is gone (nothing counted in the new range) is dropped; the inbox view stays
            // on its channel, which says it has nothing, so a refresh never moves the person elsewhere.
            let model = state.data!.model
            if let selected = state.channels.selected, model.row(selected) == nil { state.channels.selected = nil }
            // The first rows to arrive come with the first one selected, so Enter opens it at once; later loads
            // leave the selection alone (Esc clears it on purpose).
            if !hadRows, state.channels.selected == nil {
                state.channels.selected = state.channels.sort.ordered(model.rows).first?.key
            }
            if let view = state.inboxView, let selected = view.table.selected,
               !(model.row(view.channelType)?.children.contains { $0.key == selected } ?? false) {
                state.inboxView?.table.selected = nil
            }
        case .failure(let error):
            if let shown = state.data?.model.breakdown, shown != state.breakdown {
                // The breakdown `g` asked for could not be loaded (a source without it, HTTP, an old file):
                // its sentence as a notice, and the view stays on the breakdown of the data on screen.
                state.breakdown = shown
                state.notice = TerminalSafeText.sanitize(error.message)
            } else {
                state.loadError = error
            }
        }
        armTimer()
    }

    /// The queue's answer: kept like a range's (the last good one stays on screen when a read fails, marked stale),
    /// and a breakdown the source cannot read the queue by is refused as `g` is in the range view.
    mutating func handleQueueLoaded(_ result: QueueLoadResult) {
        guard result.requestID == state.pendingRequest, state.queue != nil else { return }
        state.pendingRequest = nil
        state.retryNotBefore = nil
        switch result.outcome {
        case .success(let report):
            let sameTable = state.queue?.report?.breakdown == report.breakdown
            if !sameTable { state.queue = QueueView() }
            state.queue?.report = report
            state.queue?.durationSeconds = result.durationSeconds
            state.queue?.unknown = result.unknown
            state.loadError = nil
            let keys = state.visibleKeys
            if let selected = state.queue?.selected, !keys.contains(selected) { state.queue?.selected = nil }
            if !sameTable { state.queue?.selected = keys.first }
        case .failure(let error):
            state.retryNotBefore = error.retryNotBefore
            if let shown = state.queue?.report?.breakdown, shown != state.breakdown {
                state.breakdown = shown
                state.notice = TerminalSafeText.sanitize(error.message)
            } else if state.queue?.report == nil, state.data != nil {
                // The first read failed (a source without this queue: Chatwoot's API by channel): the range stays on
                // screen, with the sentence.
                state.queue = nil
                state.notice = TerminalSafeText.sanitize(error.message)
            } else {
                state.loadError = error
            }
        }
        armTimer()
    }

    /// A list's answer: kept like the queue's (the last good one stays on screen, marked stale, when a read fails);
    /// the first one arrives with its first conversation selected, later ones keep the selection while it is listed.
    mutating func handleConversationsLoaded(_ result: ConversationsLoadResult) {
        guard result.requestID == state.pendingRequest, state.conversations != nil else { return }
        state.pendingRequest = nil
        switch result.outcome {
        case .success(let list):
            let first = state.conversations?.list == nil
            state.conversations?.list = list
            state.conversations?.readAt = result.readAt
            state.loadError = nil
            state.retryNotBefore = nil
            let keys = state.visibleKeys
            if let selected = state.conversations?.selected, !keys.contains(selected) { state.conversations?.selected = nil }
            if first { state.conversations?.selected = keys.first }
        case .failure(let error):
            state.retryNotBefore = error.retryNotBefore
            state.loadError = error
        }
        armTimer()
    }

    mutating func handleTick(generation: Int) {
        guard generation == state.refresh.timerGeneration, !state.refresh.paused, !state.isLoading else { return }
        startLoad()
    }

    /// Starts the interval again from now (a no-op while paused or while a load runs: its answer arms it).
    mutating func armTimer() {
        guard !state.refresh.paused, !state.isLoading else { return }
        state.refresh.timerGeneration += 1
        let serverWait = state.retryNotBefore.map { Double($0 - nowSeconds) } ?? 0
        effects.append(.scheduleTick(afterSeconds: max(state.refresh.intervalSeconds, serverWait),
                                     generation: state.refresh.timerGeneration))
    }

    mutating func cancelTimer() {
        state.refresh.timerGeneration += 1
        effects.append(.cancelTick)
    }

    mutating func select(_ selection: RangeSelection) {
        state.selection = selection
        state.notice = nil
        startLoad()
    }
}
