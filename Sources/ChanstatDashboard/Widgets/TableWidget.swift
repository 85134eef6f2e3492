import ChanstatCore

/// A table of report rows: a title row, the rows (scrolled to keep the selection visible) and a totals row;
/// comparing, each count's change beside it and the total's percent. Given its rows, order and selection, as
/// ratatui's `Table` is: it never reads the dashboard's state.
///
///     Channel    Open Pending Snoozed Resolved Total
///     Website       2       1       1        1     5 ██▓▒░
///     Total         3       1       1        3     8
enum TableWidget {
    struct Content {
        let rows: [ReportRow]
        /// Nil when the totals do not fit in 64 bits.
        let totals: ReportRow?
        /// The label column's title: what the rows are (`Breakdown.title`).
        let labelTitle: String
        let table: TableState
        let comparing: Bool
    }

    /// Where the rows go in an area: the columns at its width, and how many rows fit between the titles and the
    /// totals. The view draws by it, and `update` pages by its `visible` (so a page is what is on screen).
    struct Plan {
        let layout: TableLayout
        /// The area without the legend's line, which a bar leaves to its legend.
        let area: Rect
        /// Rows shown between the titles and the totals.
        let visible: Int
        /// Whether "rows 1-7 of 13" is said, and where: over the bar on the titles' line, or on its own line.
        let positionOnTitles: Bool
        let positionLine: Bool
    }

    static func plan(_ content: Content, in area: Rect, display: DisplayOptions) -> Plan? {
        guard area.height > 0, area.width > 0 else { return nil }
        let rows = content.rows
        let glyphs = display.glyphs
        let countRows = rows + (content.totals.map { [$0] } ?? [])
        let needs = TableLayout.Needs(
            label: (rows.map(\.label) + [content.labelTitle]).map(DisplayWidth.of).max() ?? 0,
            number: { column in
                max(column.title().count, countRows.map { String(column.value(of: $0.counts)).count }.max() ?? 0)
            },
            change: content.comparing ? { column in
                max(changeTitle(glyphs).count, countRows.map { changeText($0.change(column), glyphs: glyphs).count }.max() ?? 0)
            } : nil,
            percent: max(1, countRows.map { ($0.change(.total)?.relativeText ?? "").count }.max() ?? 0))
        guard let layout = TableLayout.fit(width: area.width, needs: needs) else { return nil }
        let area = layout.barWidth > 0 ? Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1) : area
        // When some rows are hidden, "rows 1-7 of 13" says which are shown, at any width: over the bar on the
        // titles' line where it fits, else on a line of its own under the totals.
        let hidesRows = rows.count > max(0, area.height - 2)
        let widest = DisplayWidth.of("rows \(rows.count)-\(rows.count) of \(rows.count)")
        let positionOnTitles = layout.barWidth >= widest
        let positionLine = hidesRows && !positionOnTitles && area.height >= 4
        return Plan(layout: layout, area: area, visible: max(0, area.height - (positionLine ? 3 : 2)),
                    positionOnTitles: positionOnTitles && hidesRows, positionLine: positionLine)
    }

    static func draw(_ content: Content, in area: Rect, into grid: inout CellGrid, display: DisplayOptions,
                     style: Styles) -> TableLayout? {
        guard let plan = plan(content, in: area, display: display) else { return nil }
        let rows = content.rows
        let glyphs = display.glyphs
        let (layout, area, visible) = (plan.layout, plan.area, plan.visible)

        drawTitles(layout, labelTitle: content.labelTitle, sort: content.table.sort,
                   y: area.y, x: area.x, into: &grid, style: style, glyphs: glyphs)
        // The rows from the table's offset, moved only as far as keeps the selected row on screen.
        let selectedIndex = rows.firstIndex { $0.key == content.table.selected }
        let first = TableScroll.firstRow(offset: content.table.offset, selected: selectedIndex, visible: visible,
                                         count: rows.count)
        let largest = rows.map(\.counts.total).max() ?? 0
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = area.y + 1 + offset
            drawRow(row, largest: largest, layout: layout, x: area.x, y: y, into: &grid, display: display, style: style,
                    emphasis: .plain)
            if row.key == content.table.selected {
                grid.restyle(x: area.x, y: y, count: layout.totalWidth) { $0.reverse = true }
            }
        }
        if plan.positionOnTitles || plan.positionLine {
            let position = "rows \(first + 1)-\(first + visible) of \(rows.count)"
            let width = DisplayWidth.of(position)
            let (x, y) = plan.positionOnTitles ? (area.x + layout.totalWidth - width, area.y) : (area.x, area.y + 2 + visible)
            grid.write(position, x: x, y: y, style: style.muted, maxWidth: area.width)
        }
        if area.height >= 2 {
            let y = area.y + 1 + min(visible, rows.count)
            if let totals = content.totals {
                drawRow(totals, largest: 0, layout: layout, x: area.x, y: y, into: &grid, display: display, style: style,
                        emphasis: .bold)
            } else {
                grid.write("Total: too large to add up", x: area.x, y: y, style: style.error, maxWidth: area.width)
            }
        }
        return layout
    }

    /// The change columns' title.
    static func changeTitle(_ glyphs: GlyphSet) -> String { glyphs.asciiOnly ? "+/-" : "±" }

    /// "▲+3", "▼-2", "0" (ASCII: "+3", "-2", "0"): the sign is always there, so the change reads without colour.
    static func changeText(_ change: Change?, glyphs: GlyphSet) -> String {
        guard let change, let delta = change.delta else { return change == nil ? "" : "?" }
        guard !glyphs.asciiOnly, delta != 0 else { return change.deltaText }
        return (delta > 0 ? "▲" : "▼") + change.deltaText
    }

    private static func changeStyle(_ change: Change?, style: Styles, emphasis: CellStyle) -> CellStyle {
        guard let delta = change?.delta, delta != 0, style.colored else { return emphasis }
        var changed = style.color(delta > 0 ? .increase : .decrease)
        changed.bold = emphasis.bold
        return changed
    }

    private static func drawTitles(_ layout: TableLayout, labelTitle: String, sort: ReportSort, y: Int, x: Int,
                                   into grid: inout CellGrid, style: Styles, glyphs: GlyphSet) {
        let channelTitle = labelTitle.fitted(toWidth: layout.labelWidth, ellipsis: glyphs.ellipsis)
        grid.write(channelTitle, x: x, y: y, style: .bold)
        // The sorted column's title is marked (colour, or reverse without colour) so the order is visible.
        var sorted = sort.column == .label ? (x: x, width: DisplayWidth.of(channelTitle)) : nil
        var column = x + layout.labelWidth
        for number in layout.numbers {
            let title = number.column.title().fitted(toWidth: number.width, ellipsis: glyphs.ellipsis)
            let titleX = column + 1 + number.width - DisplayWidth.of(title)
            grid.write(title, x: titleX, y: y, style: .bold)
            if number.column == sort.column { sorted = (titleX, DisplayWidth.of(title)) }
            column += 1 + number.width
            if number.changeWidth > 0 {
                let sign = changeTitle(glyphs)
                grid.write(sign, x: column + 1 + number.changeWidth - DisplayWidth.of(sign), y: y, style: style.muted)
                column += 1 + number.changeWidth
            }
        }
        if layout.percentWidth > 0 {
            grid.write("%", x: column + layout.percentWidth, y: y, style: style.muted)
            column += 1 + layout.percentWidth
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

    private static func drawRow(_ row: ReportRow, largest: Int64, layout: TableLayout, x: Int, y: Int,
                                into grid: inout CellGrid, display: DisplayOptions, style: Styles, emphasis: CellStyle) {
        let glyphs = display.glyphs
        grid.write(row.label.fitted(toWidth: layout.labelWidth, ellipsis: glyphs.ellipsis), x: x, y: y, style: emphasis)
        var column = x + layout.labelWidth
        func rightAligned(_ text: String, width: Int, style cellStyle: CellStyle) {
            grid.write(text, x: column + 1 + width - DisplayWidth.of(text), y: y, style: cellStyle, maxWidth: width)
            column += 1 + width
        }
        for number in layout.numbers {
            rightAligned(String(number.column.value(of: row.counts)), width: number.width, style: emphasis)
            if number.changeWidth > 0 {
                let change = row.change(number.column)
                rightAligned(changeText(change, glyphs: glyphs), width: number.changeWidth,
                             style: changeStyle(change, style: style, emphasis: emphasis))
            }
        }
        if layout.percentWidth > 0 {
            let change = row.change(.total)
            rightAligned(change?.relativeText ?? "", width: layout.percentWidth,
                         style: changeStyle(change, style: style, emphasis: emphasis))
        }
        guard layout.barWidth > 0, largest > 0 else { return }
        BarWidget.draw(counts: row.counts, largest: largest, x: column + 1, y: y, cells: layout.barWidth,
                       into: &grid, display: display, style: style)
    }
}

/// One channel's stacked bar, and the legend that explains it.
enum BarWidget {
    static func draw(counts: ChannelCounts, largest: Int64, x: Int, y: Int, cells: Int,
                     into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        let glyphs = display.glyphs
        var column = x
        for segment in StackedBar.segments(for: counts, largest: largest, cells: cells, eighthPrecision: display.drawsEighths) {
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
