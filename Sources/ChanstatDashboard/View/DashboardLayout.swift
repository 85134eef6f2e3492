import ChanstatCore

/// Where each widget goes on a screen of a given size.
///
///     row 0-1        header
///     row 2(-4)      stale-data banner, what is loading, or a notice, wrapped; comparing, the note on status
///                    changes (blank otherwise)
///     rows ..h-3     table
///     row h-2        legend (or the table's, without a bar)
///     row h-1        footer
public enum DashboardLayout {
    /// Below this the header and a table with a row cannot both be read: the size is asked for instead.
    public static let minimumWidth = 32
    public static let minimumHeight = 8
}

extension Dashboard {
    public static func view(_ state: DashboardState, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height, asciiOnly: state.display.glyphs.asciiOnly)
        let style = Styles(colored: state.display.colored)
        guard width >= DashboardLayout.minimumWidth, height >= DashboardLayout.minimumHeight else {
            TooSmallWidget.draw(width: grid.width, height: grid.height, into: &grid, style: style)
            return grid
        }
        let full = Rect(x: 0, y: 0, width: width, height: height)
        HeaderWidget.draw(state, in: full, into: &grid, style: style)
        let bannerHeight = drawBanner(state, y: HeaderWidget.height, width: width, height: height, into: &grid, style: style)

        let tableTop = HeaderWidget.height + bannerHeight
        if let list = state.conversations {
            let area = tableArea(tableTop: tableTop, width: width, height: height)
            if list.list == nil {
                let lines = state.loadError.map { Formatting.wrap("Could not read the conversations: " + TerminalSafeText.sanitize($0.message), width: area.width - 2) }
                    ?? ["Reading the conversations\(state.display.glyphs.ellipsis)"]
                drawCentered(lines, in: area, into: &grid, style: state.loadError == nil ? style.muted : style.error)
            } else {
                ConversationListWidget.draw(list, web: state.webAddress, in: area, into: &grid, display: state.display, style: style)
            }
        } else if let queue = state.queue {
            let area = tableArea(tableTop: tableTop, width: width, height: height)
            if let plan = drawQueue(state, queue, in: area, into: &grid, style: style), plan.barWidth > 0 {
                QueueWidget.drawLegend(x: 0, y: height - 2, width: width, into: &grid, display: state.display, style: style)
            }
        } else if let trend = state.trend {
            // The trend always has its legend: its columns are stacked like the bars.
            let trendArea = Rect(x: 0, y: tableTop, width: width, height: height - tableTop - 2)
            TrendWidget.draw(state, trend, in: trendArea, into: &grid, style: style)
            BarWidget.drawLegend(x: 0, y: height - 2, width: width, into: &grid, display: state.display, style: style)
        } else {
            if let layout = drawTable(state, in: tableArea(tableTop: tableTop, width: width, height: height), into: &grid,
                                      style: style), layout.barWidth > 0 {
                BarWidget.drawLegend(x: 0, y: height - 2, width: width, into: &grid, display: state.display, style: style)
            }
        }
        FooterWidget.draw(state, y: height - 1, x: 0, width: width, into: &grid, style: style)

        switch state.overlay {
        case .none: break
        case .help: HelpOverlay.draw(in: full, scroll: state.helpScroll, into: &grid, glyphs: state.display.glyphs, style: style)
        case .rangeForm(let form): RangeFormWidget.draw(form, in: full, into: &grid, glyphs: state.display.glyphs, style: style)
        }
        return grid
    }

    /// The table on screen (the channels, or one channel's inboxes), or a sentence that says why there is none.
    private static func drawTable(_ state: DashboardState, in area: Rect, into grid: inout CellGrid,
                                  style: Styles) -> TableLayout? {
        let glyphs = state.display.glyphs
        guard let data = state.data else {
            if let error = state.loadError {
                // Nothing older to show: the whole sentence here, wrapped, rather than cut on the banner line.
                let asked = "Could not load \(state.selection.title) (\(Formatting.rangeText(state.selection.range, calendar: state.calendar, glyphs: glyphs))):"
                let lines = Formatting.wrap(asked, width: area.width - 2) + [""]
                    + Formatting.wrap(TerminalSafeText.sanitize(error.message), width: area.width - 2)
                drawCentered(lines, in: area, into: &grid, style: style.error)
            } else {
                drawCentered(["Loading\(glyphs.ellipsis)"], in: area, into: &grid, style: style.muted)
            }
            return nil
        }
        let rows = state.visibleRows
        guard !rows.isEmpty else {
            let text = state.inboxView == nil ? "No conversations in this range"
                : "No conversations in this channel's inboxes in this range (Esc: back)"
            drawCentered(Formatting.wrap(text, width: area.width), in: area, into: &grid, style: style.muted)
            return nil
        }
        return TableWidget.draw(tableContent(state, rows: rows, model: data.model), in: area, into: &grid,
                                display: state.display, style: style)
    }

    /// The queue's table, or a sentence that says why there is none.
    private static func drawQueue(_ state: DashboardState, _ queue: QueueView, in area: Rect, into grid: inout CellGrid,
                                  style: Styles) -> QueueWidget.Plan? {
        guard let report = queue.report else {
            let lines = state.loadError.map { Formatting.wrap("Could not read the queue: " + TerminalSafeText.sanitize($0.message), width: area.width - 2) }
                ?? ["Reading the queue\(state.display.glyphs.ellipsis)"]
            drawCentered(lines, in: area, into: &grid, style: state.loadError == nil ? style.muted : style.error)
            return nil
        }
        guard !queue.rows.isEmpty else {
            drawCentered(["Nothing is open, pending or snoozed."], in: area, into: &grid, style: style.muted)
            return nil
        }
        return QueueWidget.draw(queueContent(state, queue, report), in: area, into: &grid, display: state.display, style: style)
    }

    private static func queueContent(_ state: DashboardState, _ queue: QueueView, _ report: QueueReport) -> QueueWidget.Content {
        QueueWidget.Content(rows: queue.rows, total: report.total, labelTitle: report.breakdown.title, sort: queue.sort,
                            selected: queue.selected, offset: queue.offset)
    }

    private static func tableContent(_ state: DashboardState, rows: [ReportRow], model: ReportModel) -> TableWidget.Content {
        TableWidget.Content(rows: rows, totals: state.visibleTotals,
                            labelTitle: state.inboxView == nil ? model.breakdown.title : Breakdown.inbox.title,
                            table: state.table, comparing: model.comparing)
    }

    /// The legend's line is the table's when there is no bar to explain (TableWidget leaves it otherwise).
    private static func tableArea(tableTop: Int, width: Int, height: Int) -> Rect {
        Rect(x: 0, y: tableTop, width: width, height: height - tableTop - 1)
    }

    /// How many rows of the table on screen the window shows at once: a page for PgUp and PgDn, and the window
    /// the table's offset keeps the selection in. Computed as `view` lays the screen out; at least 1.
    static func tablePage(_ state: DashboardState) -> Int {
        let (width, height) = (state.window.width, state.window.height)
        guard width >= DashboardLayout.minimumWidth, height >= DashboardLayout.minimumHeight else { return 1 }
        let tableTop = HeaderWidget.height + max(1, bannerLines(state, width: width, height: height).lines.count)
        if let list = state.conversations {
            return ConversationListWidget.plan(list, in: tableArea(tableTop: tableTop, width: width, height: height)).visible
        }
        if let queue = state.queue {
            guard let report = queue.report else { return 1 }
            let area = tableArea(tableTop: tableTop, width: width, height: height)
            return max(1, QueueWidget.plan(queueContent(state, queue, report), in: area)?.visible ?? 1)
        }
        guard let model = state.data?.model else { return 1 }
        let content = tableContent(state, rows: state.visibleRows, model: model)
        let plan = TableWidget.plan(content, in: tableArea(tableTop: tableTop, width: width, height: height),
                                    display: state.display)
        return max(1, plan?.visible ?? 1)
    }

    /// Lines centred as a block: each line centred, the block in the middle of the area (its top kept when
    /// it is taller than the area).
    private static func drawCentered(_ lines: [String], in area: Rect, into grid: inout CellGrid, style: CellStyle) {
        guard area.height > 0, area.width > 0 else { return }
        let top = area.y + max(0, (area.height - lines.count + 1) / 2)
        for (index, line) in lines.prefix(area.height).enumerated() {
            let width = min(area.width, DisplayWidth.of(line))
            grid.write(line, x: area.x + (area.width - width) / 2, y: top + index, style: style, maxWidth: area.width)
        }
    }

    /// What the line(s) under the header say, wrapped to the width, and in which style: why the data on screen
    /// is stale, or which range failed to load and why (the header names the range of the numbers on screen,
    /// never the one that failed); which range is loading; a notice (a step out of range); comparing, what a
    /// status's change mostly is. Nil: nothing.
    static func bannerText(_ state: DashboardState) -> (text: String, kind: BannerKind)? {
        let glyphs = state.display.glyphs
        func named(_ selection: RangeSelection) -> String {
            "\(selection.title) (\(Formatting.rangeText(selection.range, calendar: state.calendar, glyphs: glyphs)))"
        }
        if let list = state.conversations {
            if let error = state.loadError, list.list != nil {
                let at = "\(state.calendar.civilDate(at: list.readAt)) \(state.calendar.timeOfDayString(at: list.readAt))"
                return ("Stale (the list as read at \(at)): \(TerminalSafeText.sanitize(error.message))", .stale)
            }
            return state.notice.map { ($0, .notice) }
        }
        if let queue = state.queue {
            return queueBannerText(state, queue)
        }
        if let error = state.loadError, let data = state.data {
            let at = "\(state.calendar.civilDate(at: data.refreshedAt)) \(state.calendar.timeOfDayString(at: data.refreshedAt))"
            let message = TerminalSafeText.sanitize(error.message)
            if data.range == state.selection.range {
                return ("Stale (data from \(at)): \(message)", .stale)
            }
            let sentence = message.hasSuffix(".") ? message : message + "."
            return ("Could not load \(named(state.selection)): \(sentence) Still showing the range above, from \(at).", .stale)
        }
        if let notice = state.notice { return (notice, .notice) }
        if let data = state.data, data.range != state.selection.range {
            return ("Loading \(named(state.selection))\(glyphs.ellipsis) The numbers are still the range above.", .loading)
        }
        if state.trend == nil, let note = state.data?.model.breakdown.overlapNote { return (note, .note) }
        if state.comparing, state.trend == nil, state.data?.model.comparing == true {
            return (Change.statusChangesNote, .note)
        }
        return nil
    }

    /// The queue's banner: why the queue on screen is stale, a notice, which rows overlap, or why numbers are unknown.
    private static func queueBannerText(_ state: DashboardState, _ queue: QueueView) -> (text: String, kind: BannerKind)? {
        if let error = state.loadError, let report = queue.report {
            let at = "\(state.calendar.civilDate(at: report.at)) \(state.calendar.timeOfDayString(at: report.at))"
            return ("Stale (the queue as read at \(at)): \(TerminalSafeText.sanitize(error.message))", .stale)
        }
        if let notice = state.notice { return (notice, .notice) }
        guard let report = queue.report else { return nil }
        if let note = report.breakdown.overlapNote { return (note, .note) }
        if let unknown = queue.unknown, QueueColumn.hasUnknown(in: report) {
            return ("\(QueueWidget.unknownMark): \(TerminalSafeText.sanitize(unknown))", .note)
        }
        return nil
    }

    /// `note`: what the numbers on screen mean (the status changes beside the counts), on one line.
    enum BannerKind { case stale, notice, loading, note }

    /// The banner's lines at a screen size, and their style: up to 3 lines, as long as the table keeps its
    /// titles, a row and the totals. None when there is nothing to say (the blank line stays).
    static func bannerLines(_ state: DashboardState, width: Int, height: Int) -> (lines: [String], kind: BannerKind) {
        guard let (text, kind) = bannerText(state) else { return ([], .note) }
        let maxLines = max(1, min(3, height - 9))
        // A note gives up its end rather than a row of the table.
        var lines = Formatting.wrap(text, width: max(1, kind == .stale ? width - 2 : width))
        if kind == .note { lines = [text.fitted(toWidth: width, ellipsis: state.display.glyphs.ellipsis)] }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            // The rest does not fit: the last line says so with an ellipsis.
            let ellipsis = state.display.glyphs.ellipsis
            lines[maxLines - 1] = lines[maxLines - 1].fitted(toWidth: width - (kind == .stale ? 3 : 1), ellipsis: ellipsis)
                + String(ellipsis)
        }
        return (lines, kind)
    }

    /// Draws the banner; returns the lines it takes (at least 1, the blank line when there is nothing to say).
    private static func drawBanner(_ state: DashboardState, y: Int, width: Int, height: Int,
                                   into grid: inout CellGrid, style: Styles) -> Int {
        let (lines, kind) = bannerLines(state, width: width, height: height)
        guard !lines.isEmpty else { return 1 }
        let lineStyle: CellStyle = switch kind {
        case .stale: style.banner
        case .notice: style.error
        case .loading, .note: style.muted
        }
        // The stale banner is drawn reverse: a space each side keeps its words off the block's edges.
        let pad = kind == .stale ? " " : ""
        for (index, line) in lines.enumerated() {
            grid.write(pad + line + pad, x: 0, y: y + index, style: lineStyle, maxWidth: width)
        }
        return lines.count
    }
}
