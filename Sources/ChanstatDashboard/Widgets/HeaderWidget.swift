import ChanstatCore

/// The top two lines: what is shown (source, range) on the left, how fresh it is on the right.
///
///     chanstat  demo data                      auto-refresh every 1 min
///     Last 30 days  2026-10-27 – 2026-11-25 UTC  updated 2026-11-25 11:42 in 12 ms
enum HeaderWidget {
    static let height = 2

    static func draw(_ state: DashboardState, in area: Rect, into grid: inout CellGrid, style: Styles) {
        let glyphs = state.display.glyphs
        drawLine(left: [("chanstat  ", style.title), (state.sourceName, .plain)],
                 right: (refreshText(state), refreshStyle(state, style)),
                 y: area.y, area: area, into: &grid, glyphs: glyphs)
        let range = Formatting.rangeText(state.selection.range, calendar: state.calendar, glyphs: glyphs)
        drawLine(left: [(Formatting.selectionTitle(state.selection) + "  ", style.title), (range, .plain)],
                 right: updatedText(state).map { ($0, style.muted) },
                 y: area.y + 1, area: area, into: &grid, glyphs: glyphs)
    }

    /// The auto-refresh state: what will happen next without a key press.
    static func refreshText(_ state: DashboardState) -> String {
        if state.isLoading { return "refreshing\(state.display.glyphs.ellipsis)" }
        if state.refresh.paused { return "paused (p resumes)" }
        return "auto-refresh every \(Formatting.interval(state.refresh.intervalSeconds))"
    }

    private static func refreshStyle(_ state: DashboardState, _ style: Styles) -> CellStyle {
        state.isLoading || state.refresh.paused ? style.warning : style.muted
    }

    static func updatedText(_ state: DashboardState) -> String? {
        guard let data = state.data else { return nil }
        return "updated \(state.calendar.dateTimeString(at: data.refreshedAt)) in \(Formatting.duration(data.durationSeconds))"
    }

    /// The right part is drawn only if the left keeps at least half the line; the left is cut to fit.
    private static func drawLine(left: [(String, CellStyle)], right: (String, CellStyle)?, y: Int, area: Rect,
                                 into grid: inout CellGrid, glyphs: GlyphSet) {
        var leftWidth = area.width
        if let right {
            let rightWidth = DisplayWidth.of(right.0)
            if rightWidth + 2 <= area.width / 2 {
                grid.write(right.0, x: area.x + area.width - rightWidth, y: y, style: right.1)
                leftWidth = area.width - rightWidth - 2
            }
        }
        // Each piece in its own style; text cut at the limit ends in an ellipsis.
        let limit = area.x + leftWidth
        var x = area.x
        for (text, pieceStyle) in left {
            x += grid.write(text, x: x, y: y, style: pieceStyle, maxWidth: max(0, limit - x))
        }
        if DisplayWidth.of(left.map(\.0).joined()) > leftWidth, leftWidth > 0 {
            grid.write(String(glyphs.ellipsis), x: limit - 1, y: y)
        }
    }
}
