import ChanstatCore

/// The per-channel table: a title row, one row per channel (scrolled to keep the selection visible),
/// and a totals row; or, without rows, a sentence that says why.
///
///     Channel    Open Pending Snoozed Resolved Total
///     Website       2       1       1        1     5 ██▓▒░
///     Total         3       1       1        3     8
enum TableWidget {
    static func draw(_ state: DashboardState, in area: Rect, into grid: inout CellGrid, style: Styles) -> TableLayout? {
        guard area.height > 0, area.width > 0 else { return nil }
        guard let data = state.data else {
            let text = state.loadError == nil ? "Loading\(state.display.glyphs.ellipsis)" : "No data: the source could not be read."
            drawCentered(text, in: area, into: &grid, style: style.muted)
            return nil
        }
        let rows = state.sortedRows
        guard !rows.isEmpty else {
            drawCentered("No conversations in this range", in: area, into: &grid, style: style.muted)
            return nil
        }
        let totals = data.summary.totals
        let labelWidth = (rows.map(\.label) + [SortKey.channel.title]).map(DisplayWidth.of).max() ?? 0
        guard let layout = TableLayout.fit(width: area.width, preferredLabelWidth: labelWidth, numberWidth: { key in
            let values = rows.map { value(of: key, in: $0.counts) } + [totals.map { value(of: key, in: $0) } ?? 0]
            return max(key.title.count, String(values.max() ?? 0).count)
        }) else { return nil }

        drawTitles(layout, sort: state.sort, y: area.y, x: area.x, into: &grid, style: style, glyphs: state.display.glyphs)
        // Rows between the titles and the totals; scrolled so that the selected row is on screen.
        let visible = max(0, area.height - 2)
        let selectedIndex = rows.firstIndex { $0.channelType == state.selectedChannel }
        let first = max(0, min((selectedIndex ?? 0) - visible + 1, rows.count - visible))
        let largest = rows.map(\.counts.total).max() ?? 0
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = area.y + 1 + offset
            drawRow(label: row.label, counts: row.counts, largest: largest, layout: layout,
                    x: area.x, y: y, into: &grid, state: state, style: style, emphasis: .plain)
            if row.channelType == state.selectedChannel {
                grid.restyle(x: area.x, y: y, count: layout.totalWidth) { $0.reverse = true }
            }
        }
        if rows.count > visible, layout.barWidth > 0 {  // say that rows are hidden, where there is room
            let position = "\(first + 1)-\(first + visible) of \(rows.count)"
            let width = DisplayWidth.of(position)
            if width <= layout.barWidth {
                grid.write(position, x: area.x + layout.totalWidth - width, y: area.y, style: style.muted)
            }
        }
        if area.height >= 2 {
            let y = area.y + 1 + min(visible, rows.count)
            if let totals {
                drawRow(label: "Total", counts: totals, largest: 0, layout: layout,
                        x: area.x, y: y, into: &grid, state: state, style: style, emphasis: .bold)
            } else {
                grid.write("Total: too large to add up", x: area.x, y: y, style: style.error, maxWidth: area.width)
            }
        }
        return layout
    }

    static func value(of key: SortKey, in counts: ChannelCounts) -> Int64 {
        key.status.map { counts[$0] } ?? counts.total
    }

    private static func drawTitles(_ layout: TableLayout, sort: SortOrder, y: Int, x: Int, into grid: inout CellGrid,
                                   style: Styles, glyphs: GlyphSet) {
        let channelTitle = SortKey.channel.title.fitted(toWidth: layout.labelWidth, ellipsis: glyphs.ellipsis)
        grid.write(channelTitle, x: x, y: y, style: .bold)
        // The sorted column's title is marked (colour, or reverse without colour) so the order is visible.
        var sorted = sort.key == .channel ? (x: x, width: DisplayWidth.of(channelTitle)) : nil
        var column = x + layout.labelWidth
        for (key, width) in layout.numbers {
            let title = key.title.fitted(toWidth: width, ellipsis: glyphs.ellipsis)
            let titleX = column + 1 + width - DisplayWidth.of(title)
            grid.write(title, x: titleX, y: y, style: .bold)
            if key == sort.key { sorted = (titleX, DisplayWidth.of(title)) }
            column += 1 + width
        }
        if let sorted {
            grid.restyle(x: sorted.x, y: y, count: sorted.width) { cell in
                if style.colored { cell.foreground = .accent } else { cell.reverse = true }
            }
        }
        if layout.barWidth > 0, sort.reversed {
            grid.write("(reversed)", x: column + 1, y: y, style: style.muted, maxWidth: layout.barWidth)
        }
    }

    private static func drawRow(label: String, counts: ChannelCounts, largest: Int64, layout: TableLayout,
                                x: Int, y: Int, into grid: inout CellGrid, state: DashboardState,
                                style: Styles, emphasis: CellStyle) {
        let glyphs = state.display.glyphs
        grid.write(label.fitted(toWidth: layout.labelWidth, ellipsis: glyphs.ellipsis), x: x, y: y, style: emphasis)
        var column = x + layout.labelWidth
        for (key, width) in layout.numbers {
            let text = String(value(of: key, in: counts))
            grid.write(text, x: column + 1 + width - text.count, y: y, style: emphasis)
            column += 1 + width
        }
        guard layout.barWidth > 0, largest > 0 else { return }
        BarWidget.draw(counts: counts, largest: largest, x: column + 1, y: y, cells: layout.barWidth,
                       into: &grid, display: state.display, style: style)
    }

    private static func drawCentered(_ text: String, in area: Rect, into grid: inout CellGrid, style: CellStyle) {
        let width = min(area.width, DisplayWidth.of(text))
        grid.write(text, x: area.x + (area.width - width) / 2, y: area.y + area.height / 2, style: style, maxWidth: area.width)
    }
}

/// One channel's stacked bar, and the legend that explains it.
enum BarWidget {
    static func draw(counts: ChannelCounts, largest: Int64, x: Int, y: Int, cells: Int,
                     into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        let glyphs = display.glyphs
        var column = x
        for segment in StackedBar.segments(for: counts, largest: largest, cells: cells, eighthPrecision: glyphs.hasEighths) {
            let segmentStyle = style.color(SemanticColor(segment.status))
            grid.fill(glyphs.fill(for: segment.status, colored: display.colored), x: column, y: y,
                      count: segment.cells, style: segmentStyle)
            column += segment.cells
            if segment.partialEighths > 0 {
                grid.write(String(glyphs.eighths[segment.partialEighths]), x: column, y: y, style: segmentStyle)
                column += 1
            }
        }
    }

    /// "█ Open  █ Pending  █ Snoozed  █ Resolved"; tighter, then abbreviated, when the line is short,
    /// because a legend missing a status explains nothing.
    static func drawLegend(x: Int, y: Int, width: Int, into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        let statuses = ConversationStatus.displayOrder
        let forms: [(titles: [String], gap: Int)] = [
            (statuses.map(\.title), 2), (statuses.map(\.title), 1), (statuses.map { String($0.title.prefix(4)) }, 1),
        ]
        let fitting = forms.first { form in form.titles.reduce(0) { $0 + 2 + $1.count } + form.gap * 3 <= width } ?? forms[2]
        var column = x
        for (status, title) in zip(statuses, fitting.titles) {
            grid.write(String(display.glyphs.fill(for: status, colored: display.colored)), x: column, y: y,
                       style: style.color(SemanticColor(status)))
            column += 1 + grid.write(" " + title, x: column + 1, y: y, maxWidth: max(0, x + width - column - 1)) + fitting.gap
        }
    }
}
