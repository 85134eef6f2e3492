import ChanstatCore

/// What each key does. While an overlay is open it gets the keys first; Ctrl-C always quits.
extension Transition {
    mutating func handle(_ key: Key) {
        if key == .interrupt { return quit() }
        switch state.overlay {
        case .help:
            state.overlay = .none  // any key closes help, and does nothing else
        case .rangeForm(let form):
            handleForm(key, form)
        case .none:
            handleMain(key)
        }
    }

    private mutating func handleMain(_ key: Key) {
        switch key {
        case .character("q"): quit()
        case .character("?"): state.overlay = .help
        case .character("r"): state.notice = nil; startLoad()
        case .character("d"):
            state.overlay = .rangeForm(RangeForm(range: state.selection.range, calendar: state.calendar))
        case .character("["): step(by: -1)
        case .character("]"): step(by: 1)
        case .character("+"), .character("="): changeInterval(faster: true)
        case .character("-"), .character("_"): changeInterval(faster: false)
        case .character("p"): togglePause()
        case .character("s"): cycleSortKey()
        case .character("S"): state.sort.reversed.toggle()
        case .up, .character("k"): moveSelection(by: -1)
        case .down, .character("j"): moveSelection(by: 1)
        case .pageUp: moveSelection(by: -10)
        case .pageDown: moveSelection(by: 10)
        case .home: moveSelection(by: Int.min / 2)
        case .end: moveSelection(by: Int.max / 2)
        case .escape: state.selectedChannel = nil; state.notice = nil
        case .character(let c):
            if let digit = c.wholeNumberValue, let preset = RangePreset(digit: digit) {
                select(RangeSelection(preset: preset, range: preset.range(now: now, calendar: state.calendar)))
            }
        default: break
        }
    }

    /// `[` and `]`: the same length, earlier or later. The result is a custom range.
    private mutating func step(by steps: Int64) {
        do {
            let range = try state.calendar.step(state.selection.range, by: steps)
            select(RangeSelection(preset: nil, range: range))
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

    private mutating func cycleSortKey() {
        let keys = SortKey.allCases
        let next = (keys.firstIndex(of: state.sort.key)! + 1) % keys.count
        state.sort = SortOrder(key: keys[next], reversed: false)
    }

    /// Moves the selected row, clamped to the table. With nothing selected the selection starts just
    /// outside the table, so Down and Home select the first row, Up and End the last.
    private mutating func moveSelection(by offset: Int) {
        let rows = state.sortedRows.map(\.channelType)
        guard !rows.isEmpty else { return }
        let current = state.selectedChannel.flatMap { rows.firstIndex(of: $0) } ?? (offset > 0 ? -1 : rows.count)
        state.selectedChannel = rows[min(max(0, current.addingReportingOverflow(offset).partialValue), rows.count - 1)]
    }
}
