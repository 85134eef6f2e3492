import ChanstatCore

/// The trend view (`t`): when the range's conversations were created, day by day (or week by week), each column
/// stacked by status now with the bars' colours and glyphs, open at the bottom, where old days that still hold
/// open conversations show.
///
///     Created per day: Team Billing                                       by status now; j k: team
///     12 │          ▆
///      6 │    ▃  █  █  ▂
///      0 └──────────────
///        11-25    11-28
enum TrendWidget {
    /// Title, one row of chart, axis and labels.
    static let minimumHeight = 4
    /// A column and its gap at most: wide enough for every column's date label ("MM-DD" and a space).
    static let maximumSlot = 6

    static func draw(_ state: DashboardState, _ trend: TrendView, in area: Rect, into grid: inout CellGrid, style: Styles) {
        let glyphs = state.display.glyphs
        let loaded = state.data?.loaded
        // The breakdown of the days on screen, or (before they come) of the table being loaded.
        let breakdown = loaded?.daily?.breakdown ?? state.breakdown.dayGroups
        let subject = subject(trend.group, of: breakdown, rows: state.data?.model.rows ?? [], daily: loaded?.daily)
        guard let daily = loaded?.daily else {
            drawTitle(left: "Day by day: \(subject)", right: progressText(state), in: area, into: &grid, style: style)
            let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
            let text: String
            if let refusal = loaded?.dailyRefusal, !state.isLoading {
                text = TerminalSafeText.sanitize(refusal)
            } else if state.isLoading || state.loadError == nil {
                text = "Loading the days\(glyphs.ellipsis)" + (state.dayProgress.map { " \($0.done) of \($0.total)" } ?? "")
            } else {
                text = "No days: the source could not be read."
            }
            drawWrapped(text, in: body, into: &grid, style: style.muted)
            return
        }
        guard area.height >= minimumHeight else {
            drawWrapped("Too short for the trend: enlarge the terminal", in: area, into: &grid, style: style.muted)
            return
        }
        let scaleWidth = scaleWidth(daily)
        let chartX = area.x + scaleWidth + 1
        let columns = TrendColumns(daily, group: trend.group, fitting: area.width - scaleWidth - 1)
        var title = (columns.weekly ? "Created per week (Mon-Sun)" : "Created per day") + ": \(subject)"
        if columns.hidden > 0 { title += ", the last \(columns.columns.count) weeks" }
        if columns.columns.contains(where: columns.isPartial) { title += "; * a partial week" }
        drawTitle(left: title, right: progressText(state) ?? "by status now; j k: \(breakdown.rawValue)", in: area,
                  into: &grid, style: style)

        let chartRows = area.height - 3, axisY = area.y + area.height - 2
        let slot = columns.columns.isEmpty ? 1 : min(maximumSlot, max(1, (area.width - scaleWidth - 1) / columns.columns.count))
        let barWidth = slot == 1 ? 1 : slot - 1
        let largest = columns.largest
        drawScale(largest: largest, rows: chartRows, x: area.x, width: scaleWidth, axisY: axisY,
                  chartWidth: area.width - scaleWidth - 1, into: &grid, glyphs: glyphs, style: style)
        for (index, column) in columns.columns.enumerated() {
            drawColumn(column.counts, largest: largest, x: chartX + index * slot, width: barWidth, bottom: axisY - 1,
                       rows: chartRows, into: &grid, display: state.display, style: style)
        }
        drawLabels(columns, x: chartX, slot: slot, y: axisY + 1, limit: area.x + area.width, into: &grid, style: style)
        if largest == 0 {
            drawWrapped("No conversations in this range", in: Rect(x: chartX, y: area.y + 1, width: area.width - scaleWidth - 1,
                                                                   height: chartRows), into: &grid, style: style.muted)
        }
    }

    /// The scale is as wide as the range's whole total (no column can be more), so j/k never shift the chart.
    private static func scaleWidth(_ daily: DailyReport) -> Int {
        DisplayWidth.of(String(daily.total?.total ?? Int64.max))
    }

    /// What the title says the columns count: by channel, "all channels" or the channel's label, as the table
    /// names it; by another breakdown, "all conversations by team", or the breakdown and the row's safe label
    /// ("Team Billing", "Label urgent"), a none group or a row that is gone by its own name, which says what it is
    /// ("No team", "Agent #4 (deleted)"). A group a refresh took out of the table is named by its days, or its key.
    static func subject(_ group: GroupKey?, of breakdown: Breakdown, rows: [ReportRow], daily: DailyReport?) -> String {
        guard let group else { return breakdown == .channel ? "all channels" : "all conversations by \(breakdown.rawValue)" }
        if breakdown == .channel, case .text(let type) = group { return ChannelLabel.label(for: type) }
        let named = daily?.groups.lazy.compactMap { $0[group]?.name }.first ?? group.rowKey
        let label = rows.first { $0.group == group }?.label
            ?? TerminalSafeText.sanitize(named, maxCharacters: ChannelLabel.maximumCharacters)
        switch group {
        case .none: return label.isEmpty ? GroupName.group(of: breakdown, id: nil, name: nil, displayName: nil).name : label
        case .id(let id) where label == GroupName.group(of: breakdown, id: id, name: nil, displayName: nil).name:
            return label
        default: return "\(breakdown.title) \(label)"
        }
    }

    /// "days 12 of 31" while a source is asked day by day.
    private static func progressText(_ state: DashboardState) -> String? {
        guard state.isLoading, let progress = state.dayProgress else { return nil }
        return "loading days \(progress.done) of \(progress.total)"
    }

    private static func drawTitle(left: String, right: String?, in area: Rect, into grid: inout CellGrid, style: Styles) {
        let used = grid.write(left, x: area.x, y: area.y, style: style.title, maxWidth: area.width)
        guard let right, area.width - used - 2 >= DisplayWidth.of(right) else { return }
        grid.write(right, x: area.x + area.width - DisplayWidth.of(right), y: area.y, style: style.muted)
    }

    /// The top value, the middle one on a chart of 4 rows or more, and 0 on the axis, which runs under the chart.
    private static func drawScale(largest: Int64, rows: Int, x: Int, width: Int, axisY: Int, chartWidth: Int,
                                  into grid: inout CellGrid, glyphs: GlyphSet, style: Styles) {
        func label(_ value: Int64, y: Int) {
            grid.write(DisplayWidth.pad(String(value), to: width, alignRight: true), x: x, y: y, style: style.muted)
        }
        for row in 0..<rows { grid.write(String(glyphs.verticalRule), x: x + width, y: axisY - 1 - row, style: style.muted) }
        grid.write(String(glyphs.corners.bottomLeft) + String(repeating: String(glyphs.horizontalRule), count: chartWidth),
                   x: x + width, y: axisY, style: style.muted)
        label(0, y: axisY)
        guard largest > 0 else { return }
        label(largest, y: axisY - rows)
        // Half the top, rounded down, at the row a column of that many reaches: a label is never off its value.
        let half = largest / 2
        let row = Int((Double(half) / Double(largest) * Double(rows)).rounded())
        if rows >= 4, half > 0, row > 0, row < rows { label(half, y: axisY - row) }
    }

    /// One column, bottom up in the bars' status order, to an eighth of a cell at the top where the display draws
    /// eighths (`DisplayOptions.drawsEighths`).
    private static func drawColumn(_ counts: ChannelCounts, largest: Int64, x: Int, width: Int, bottom: Int, rows: Int,
                                   into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        let glyphs = display.glyphs
        var y = bottom
        for segment in StackedBar.segments(for: counts, largest: largest, cells: rows, eighthPrecision: display.drawsEighths) {
            let segmentStyle = style.color(SemanticColor(segment.status))
            let fill = glyphs.fill(for: segment.status, colored: display.colored)
            for _ in 0..<segment.cells {
                grid.fill(fill, x: x, y: y, count: width, style: segmentStyle)
                y -= 1
            }
            if segment.partialEighths > 0 {
                grid.fill(glyphs.verticalEighths[segment.partialEighths], x: x, y: y, count: width, style: segmentStyle)
                y -= 1
            }
        }
    }

    /// "MM-DD" under a column (a week's Monday, or its first day), "*" after it for a partial week, wherever the
    /// previous label leaves room.
    private static func drawLabels(_ columns: TrendColumns, x: Int, slot: Int, y: Int, limit: Int,
                                   into grid: inout CellGrid, style: Styles) {
        var free = x
        for (index, column) in columns.columns.enumerated() {
            let at = x + index * slot
            let text = String(column.first.description.suffix(5)) + (columns.isPartial(column) ? "*" : "")
            guard at >= free, at + DisplayWidth.of(text) <= limit else { continue }
            grid.write(text, x: at, y: y, style: style.muted)
            free = at + DisplayWidth.of(text) + 1
        }
    }

    private static func drawWrapped(_ text: String, in area: Rect, into grid: inout CellGrid, style: CellStyle) {
        let lines = Formatting.wrap(text, width: area.width).prefix(max(0, area.height))
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            grid.write(line, x: area.x + (area.width - DisplayWidth.of(line)) / 2, y: top + offset, style: style)
        }
    }
}
