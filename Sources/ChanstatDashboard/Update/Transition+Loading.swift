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
        effects.append(.load(state.selection.range, comparing: state.comparing, days: state.trend != nil,
                             requestID: state.lastRequestID))
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
            let hadRows = !(state.data?.model.rows.isEmpty ?? true)
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
