import ChanstatCore

/// Where each widget goes on a screen of a given size.
///
///     row 0-1        header
///     row 2          stale-data banner or notice (blank otherwise)
///     rows 3..h-3    table
///     row h-2        legend
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
        drawBanner(state, y: HeaderWidget.height, width: width, into: &grid, style: style)

        let tableArea = Rect(x: 0, y: HeaderWidget.height + 1, width: width, height: height - HeaderWidget.height - 3)
        if let trend = state.trend {
            TrendWidget.draw(state, trend, in: tableArea, into: &grid, style: style)
            BarWidget.drawLegend(x: 0, y: height - 2, width: width, into: &grid, display: state.display, style: style)
        } else if let layout = drawTable(state, in: tableArea, into: &grid, style: style), layout.barWidth > 0 {
            BarWidget.drawLegend(x: 0, y: height - 2, width: width, into: &grid, display: state.display, style: style)
        }
        FooterWidget.draw(y: height - 1, x: 0, width: width, into: &grid, style: style)

        switch state.overlay {
        case .none: break
        case .help: HelpOverlay.draw(in: full, into: &grid, glyphs: state.display.glyphs, style: style)
        case .rangeForm(let form): RangeFormWidget.draw(form, in: full, into: &grid, glyphs: state.display.glyphs, style: style)
        }
        return grid
    }

    /// The table on screen (the channels, or one channel's inboxes), or a sentence that says why there is none.
    private static func drawTable(_ state: DashboardState, in area: Rect, into grid: inout CellGrid,
                                  style: Styles) -> TableLayout? {
        let glyphs = state.display.glyphs
        guard let data = state.data else {
            let text = state.loadError == nil ? "Loading\(glyphs.ellipsis)" : "No data: the source could not be read."
            drawCentered(text, in: area, into: &grid, style: style.muted)
            return nil
        }
        let rows = state.visibleRows
        guard !rows.isEmpty else {
            let text = state.inboxView == nil ? "No conversations in this range"
                : "No conversations in this channel's inboxes in this range (Esc: back)"
            drawCentered(text, in: area, into: &grid, style: style.muted)
            return nil
        }
        let content = TableWidget.Content(rows: rows, totals: state.visibleTotals,
                                          rowKind: state.inboxView == nil ? .channel : .inbox, table: state.table,
                                          comparing: data.model.comparing)
        return TableWidget.draw(content, in: area, into: &grid, display: state.display, style: style)
    }

    private static func drawCentered(_ text: String, in area: Rect, into grid: inout CellGrid, style: CellStyle) {
        guard area.height > 0, area.width > 0 else { return }
        let width = min(area.width, DisplayWidth.of(text))
        grid.write(text, x: area.x + (area.width - width) / 2, y: area.y + area.height / 2, style: style, maxWidth: area.width)
    }

    /// A failed load keeps the last data on screen and says why here; so does a step out of range.
    private static func drawBanner(_ state: DashboardState, y: Int, width: Int, into grid: inout CellGrid, style: Styles) {
        let glyphs = state.display.glyphs
        if let error = state.loadError {
            let since = state.data.map { " (data from \(state.calendar.dateTimeString(at: $0.refreshedAt).suffix(5)))" } ?? ""
            let text = " Stale\(since): \(TerminalSafeText.sanitize(error.message)) "
            grid.write(text.fitted(toWidth: width, ellipsis: glyphs.ellipsis), x: 0, y: y, style: style.banner)
        } else if let notice = state.notice {
            grid.write(notice.fitted(toWidth: width, ellipsis: glyphs.ellipsis), x: 0, y: y, style: style.error)
        } else if let data = state.data, data.range != state.selection.range {
            let text = "Showing \(Formatting.rangeText(data.range, calendar: state.calendar, glyphs: glyphs)) until the new range loads"
            grid.write(text.fitted(toWidth: width, ellipsis: glyphs.ellipsis), x: 0, y: y, style: style.muted)
        }
    }
}
