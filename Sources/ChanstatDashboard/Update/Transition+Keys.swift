import ChanstatCore

/// What each key does. While an overlay is open it gets the keys first; Ctrl-C always quits.
extension Transition {
    mutating func handle(_ key: Key) {
        if key == .interrupt { return quit() }
        switch state.overlay {
        case .help:
            // The scroll keys move a help taller than the screen (clamped when drawn); any other key closes
            // it, and does nothing else.
            if let lines = HelpOverlay.scrollStep(for: key) {
                state.helpScroll = max(0, min(state.helpScroll + lines, HelpOverlay.lines(actionWidth: 1).count))
            } else {
                state.overlay = .none
            }
        case .rangeForm(let form):
            handleForm(key, form)
        case .none:
            handleMain(key)
        }
    }

    private mutating func handleMain(_ key: Key) {
        guard let action = KeyBinding.action(for: key) else { return }
        switch action {
        case .quit: quit()
        case .help: state.overlay = .help; state.helpScroll = 0
        case .refresh: state.notice = nil; startLoad()
        case .customRange:
            state.overlay = .rangeForm(RangeForm(range: state.selection.range, calendar: state.calendar))
        case .step(let steps): step(by: steps)
        case .preset(let preset):
            select(RangeSelection(preset: preset, range: preset.range(now: now, calendar: state.calendar)))
        case .compare:
            state.comparing.toggle()
            state.notice = nil
            startLoad()
        case .trend: if state.queue == nil, state.conversations == nil { toggleTrend() }
        case .nextBreakdown: nextBreakdown()
        case .queue: toggleQueue()
        case .down: if state.trend == nil { goDown() }
        case .back: back()
        case .faster: changeInterval(faster: true)
        case .slower: changeInterval(faster: false)
        case .pause: togglePause()
        case .nextSort:
            // A list keeps its documented order, the one `report --list` prints.
            guard state.conversations == nil else { return }
            if let sort = state.queue?.sort { state.queue?.sort = sort.next } else { state.table.sort = state.table.sort.next }
        case .reverseSort:
            guard state.conversations == nil else { return }
            if state.queue != nil { state.queue?.sort.reversed.toggle() } else { state.table.sort.reversed.toggle() }
        case .move(let offset): if state.trend != nil { moveTrendGroup(by: offset) } else { moveSelection(by: offset) }
        case .page(let direction):
            let page = Dashboard.tablePage(state)
            if state.trend != nil { moveTrendGroup(by: direction * page) } else { movePage(by: direction, page: page) }
        }
    }

    /// Enter, one level down: a channel → its inboxes → the selected inbox's conversations; a team, an agent or a
    /// label → its conversations; a row of the queue → its open conversations. A list is the bottom.
    private mutating func goDown() {
        guard state.conversations == nil else { return }
        if let queue = state.queue {
            guard let group = queue.rows.first(where: { $0.key.rowKey == queue.selected }), let report = queue.report,
                  var filter = ConversationFilter.group(group.key, of: report.breakdown) else { return }
            // The open ones, as the title says: the count is then the row's Open (pending and snoozed are counted
            // apart in the queue's own columns).
            filter.status = .open
            return openList(filter, fromQueue: true, title: "\(report.breakdown.title) \(QueueWidget.label(group))")
        }
        if state.inboxView == nil, state.data?.model.breakdown ?? state.breakdown == .channel { return openInboxes() }
        guard let row = state.visibleRows.first(where: { $0.key == state.table.selected }) else { return }
        let breakdown: Breakdown = state.inboxView != nil ? .inbox : state.data?.model.breakdown ?? state.breakdown
        guard let filter = ConversationFilter.group(row.group, of: breakdown) else { return }
        openList(filter, fromQueue: false,
                 title: "\(breakdown.title) \(TerminalSafeText.sanitize(row.label, maxCharacters: ChannelLabel.maximumCharacters))")
    }

    private mutating func openList(_ filter: ConversationFilter, fromQueue: Bool, title: String) {
        state.notice = nil
        state.conversations = ConversationListView(filter: filter, fromQueue: fromQueue, title: title)
        startLoad()
    }

    /// Enter on a channel: its inboxes, in the same table, the first selected; on a source without inbox rows, why not.
    private mutating func openInboxes() {
        guard state.inboxView == nil, let channel = state.channels.selected else { return }
        if let reason = state.inboxesUnavailable {
            state.notice = reason
            return
        }
        state.inboxView = InboxView(channelType: channel)
        // Its first inbox selected, so a second Enter opens its conversations at once.
        let first = state.visibleRows.first?.key
        state.inboxView?.table.selected = first
    }

    /// `g`: the next breakdown (channel → team → agent → label → channel), loaded at once; a new table, so its
    /// selection and scroll start again (its sort is kept). An open trend stays open, on all the conversations of
    /// the new breakdown, its days loaded with the table. A source that cannot answer it says so when the load
    /// is refused, and the view stays as it was (`handleLoadFinished`).
    private mutating func nextBreakdown() {
        state.breakdown = state.breakdown.next
        state.inboxView = nil
        state.conversations = nil
        state.trend?.group = nil
        state.notice = nil
        startLoad()
    }

    /// `t`: the trend view. By channel, of the channel on screen (the inboxes' channel, the selected one, or all);
    /// by team, agent and label, of all the conversations first (j/k then step through the groups). The days are
    /// loaded if the data on screen has none; `t` again goes back to the table.
    private mutating func toggleTrend() {
        state.notice = nil
        guard state.trend == nil else {
            state.trend = nil
            return
        }
        let selected = state.channels.selected.flatMap { state.data?.model.row($0)?.group }
        state.trend = TrendView(group: state.breakdown != .channel ? nil
                                    : state.inboxView.map { .text($0.channelType) } ?? selected)
        if let loaded = state.data?.loaded, loaded.daily != nil || loaded.dailyRefusal != nil, !state.isLoading { return }
        startLoad()
    }

    /// j/k (and the page keys) in the trend view: the next or previous group in the table's order, all the
    /// conversations first.
    private mutating func moveTrendGroup(by offset: Int) {
        let choices: [GroupKey?] = [nil] + state.channels.sort.ordered(state.data?.model.rows ?? []).map(\.group)
        let current = choices.firstIndex { $0 == state.trend?.group } ?? 0
        let next = min(max(0, current.addingReportingOverflow(offset).partialValue), choices.count - 1)
        state.trend?.group = choices[next]
    }

    /// `n`: the queue now in place of the range's table, read at once; `n` again goes back to the range (loaded
    /// again, since `g` may have changed the breakdown meanwhile). The breakdown is the same in both.
    private mutating func toggleQueue() {
        state.notice = nil
        state.trend = nil
        state.inboxView = nil
        state.conversations = nil
        state.queue = state.queue == nil ? QueueView() : nil
        startLoad()
    }

    /// Esc: from a list back to the table it came from, from the trend back to the table, from the inboxes back to
    /// the channel list (their selection kept), else clear the selection. The table left under a list is shown as
    /// it was, at once, unless the list was read again meanwhile (then the table is read again too) or the list's
    /// first read is still under way (cancelled by the table's).
    private mutating func back() {
        state.notice = nil
        if let list = state.conversations {
            state.conversations = nil
            state.loadError = nil
            if list.outdatesTable || state.pendingRequest != nil { startLoad() }
        } else if state.trend != nil {
            state.trend = nil
        } else if state.queue != nil {
            state.queue?.selected = nil
        } else if state.inboxView != nil {
            state.inboxView = nil
        } else {
            state.channels.selected = nil
        }
    }

    /// `[` and `]`: the previous or next period by `LocalCalendar.step` (compare's rule too), never past today.
    /// A step onto a preset's range is that preset, named so; any other range is a custom one.
    private mutating func step(by steps: Int64) {
        do {
            let current = state.selection.range
            let endOfToday = state.calendar.startOfDay(state.calendar.today(now: now).adding(days: 1))
            if steps > 0, current.until >= endOfToday {
                state.notice = "This range already reaches today: ] does not step into the future."
                return
            }
            let stepped = try state.calendar.step(current, by: steps)
            let range = steps > 0 ? try state.calendar.endingByToday(stepped, now: now) : stepped
            // On the 1st, this month so far is also today: a step that starts a month is named as a month.
            let startsAMonth = state.calendar.civilDate(at: range.since).day == 1
            let candidates = (startsAMonth ? [RangePreset.thisMonth, .lastMonth] : []) + RangePreset.allCases
            let preset = candidates.first { $0.range(now: now, calendar: state.calendar) == range }
            select(RangeSelection(preset: preset, range: range))
        } catch {
            state.notice = error.message
        }
    }

    /// `+` refreshes more often, `-` less; the timer restarts with the new interval.
    private mutating func changeInterval(faster: Bool) {
        let interval = state.refresh.steppedInterval(faster: faster)
        guard interval != state.refresh.intervalSeconds else { return }
        state.refresh.intervalSeconds = interval
        armTimer()
    }

    private mutating func togglePause() {
        state.refresh.paused.toggle()
        if state.refresh.paused { cancelTimer() } else { armTimer() }
    }

    /// Moves the selected row, clamped to the table. With nothing selected the selection starts just
    /// outside the table, so Down and Home select the first row, Up and End the last.
    private mutating func moveSelection(by offset: Int) {
        let rows = state.visibleKeys
        guard !rows.isEmpty else { return }
        let current = state.selectedKey.flatMap { rows.firstIndex(of: $0) } ?? (offset > 0 ? -1 : rows.count)
        state.selectedKey = rows[min(max(0, current.addingReportingOverflow(offset).partialValue), rows.count - 1)]
    }

    /// PgDn and PgUp: the rows shown move by a page and the selection with them, so it keeps its line on screen
    /// (`settleScroll` then clamps both at the table's ends).
    private mutating func movePage(by direction: Int, page: Int) {
        moveSelection(by: direction * page)
        state.scrollOffset = max(0, state.scrollOffset + direction * page)
    }
}
