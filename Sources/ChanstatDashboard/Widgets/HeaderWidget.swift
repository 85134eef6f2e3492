import ChanstatCore

/// The top two lines: what is shown (source, range) on the left, how fresh it is on the right.
///
///     chanstat  demo data  conversations created in the range, by status now     auto-refresh every 1 min
///     Last 30 days  2026-10-27 – 2026-11-25 UTC               updated 2026-11-25 11:42:07 in 12 ms
///
/// The range named is the one of the numbers on screen (`shownSelection`): a range being loaded, or one that
/// failed to load, is said in the banner under the header instead.
enum HeaderWidget {
    static let height = 2
    /// What the counts are: a manager reads "Resolved 937" as resolved in the period unless told otherwise.
    /// The short form, where the long one would not fit beside the shortest refresh text.
    static let meanings = ["conversations created in the range, by status now", "created in range, status now"]

    static func draw(_ state: DashboardState, in area: Rect, into grid: inout CellGrid, style: Styles) {
        let glyphs = state.display.glyphs
        // What the rows are: a channel's inboxes, or the breakdown of the data on screen when not by channel.
        let shownBreakdown = state.data?.model.breakdown ?? state.breakdown
        var place = state.inboxView.map { "  \(glyphs.asciiOnly ? ">" : "›") \(ChannelLabel.label(for: $0.channelType)) inboxes" }
            ?? (shownBreakdown == .channel ? "" : "  by \(shownBreakdown.rawValue)")
        if let queue = state.queue {
            place = "  \(glyphs.asciiOnly ? ">" : "›") the queue now by \((queue.report?.breakdown ?? state.breakdown).rawValue)"
        }
        if state.conversations != nil { place += "  \(glyphs.asciiOnly ? ">" : "›") conversations" }
        let title = "chanstat  " + state.sourceName + place
        let room = area.width - 2 - (refreshTexts(state).map(DisplayWidth.of).min() ?? 0)
        // The long form, else the short one, else none: cut, it would say nothing.
        let meaning = meanings.map { "  " + $0 }.first { DisplayWidth.of(title + $0) <= room } ?? ""
        drawLine(left: [("chanstat  ", style.title), (state.sourceName, .plain), (place, style.title), (meaning, style.muted)],
                 right: refreshTexts(state).map { ($0, refreshStyle(state, style)) },
                 leftKeeps: max(area.width * 3 / 5, min(room, DisplayWidth.of(title + meaning))),
                 y: area.y, area: area, into: &grid, glyphs: glyphs)
        if let queue = state.queue { return drawQueueLine(state, queue, y: area.y + 1, area: area, into: &grid, style: style) }
        let shown = state.shownSelection
        var range = Formatting.rangeText(shown.range, calendar: state.calendar, glyphs: glyphs)
        if state.comparing, state.trend != nil {
            // The trend draws one period's days; saying "vs" would claim a comparison that is not on screen.
            range += "  (compare does not apply to the trend)"
        } else if let compared = state.data?.loaded.compared, state.comparing {
            // A range that ends after now is counted to now, against the same length of the previous period.
            range += (compared.isSoFar ? " so far" : "") + "  vs "
                + Formatting.rangeText(compared.previous, calendar: state.calendar, glyphs: glyphs)
        } else if state.comparing {
            range += "  vs the previous period"
        }
        drawLine(left: [(shown.title + "  ", style.title), (range, .plain)],
                 right: updatedTexts(state).map { ($0, style.muted) }, leftKeeps: Int.max,
                 y: area.y + 1, area: area, into: &grid, glyphs: glyphs)
    }

    /// The queue's second line: that it is the queue now, and when it was read (the one clock reading its waits are
    /// measured to), and how long the read took.
    private static func drawQueueLine(_ state: DashboardState, _ queue: QueueView, y: Int, area: Rect,
                                      into grid: inout CellGrid, style: Styles) {
        let read = queue.report.map { report in
            "read \(state.calendar.civilDate(at: report.at)) \(state.calendar.timeOfDayString(at: report.at))"
                + " \(state.calendar.zoneAbbreviation(at: report.at))"
        } ?? ""
        let took = queue.report.map { _ in ["in \(Formatting.duration(queue.durationSeconds))"] } ?? []
        drawLine(left: [("The queue now  ", style.title), (read, .plain)], right: took.map { ($0, style.muted) },
                 leftKeeps: Int.max, y: y, area: area, into: &grid, glyphs: state.display.glyphs)
    }

    /// The auto-refresh state (what will happen next without a key press), long form first.
    static func refreshTexts(_ state: DashboardState) -> [String] {
        if state.isLoading { return ["refreshing\(state.display.glyphs.ellipsis)"] }
        if state.refresh.paused { return ["auto-refresh paused (p resumes)", "paused"] }
        if let notBefore = state.retryNotBefore {
            // Set by the last answer, and replaced by the next one, which the timer holds back until then.
            let at = state.calendar.timeOfDayString(at: notBefore)
            return ["next refresh after \(at) (the server asked to wait)", "next refresh after \(at)", "after \(at)"]
        }
        let interval = Formatting.interval(state.refresh.intervalSeconds)
        return ["auto-refresh every \(interval)", "auto \(interval)"]
    }

    private static func refreshStyle(_ state: DashboardState, _ style: Styles) -> CellStyle {
        state.isLoading || state.refresh.paused ? style.warning : style.muted
    }

    /// When the data on screen was fetched and how long that took, long form first. To the second, so that
    /// `r` visibly changes it.
    static func updatedTexts(_ state: DashboardState) -> [String] {
        guard let data = state.data else { return [] }
        let time = state.calendar.timeOfDayString(at: data.refreshedAt)
        let at = "\(state.calendar.civilDate(at: data.refreshedAt)) \(time)"
        return ["updated \(at) in \(Formatting.duration(data.durationSeconds))", "updated \(at)", "at \(time)"]
    }

    /// The right part is the first of its forms that leaves the left `leftKeeps` columns, or all it needs
    /// if that is less (none if no form does); the left is cut to fit.
    private static func drawLine(left: [(String, CellStyle)], right: [(String, CellStyle)], leftKeeps: Int,
                                 y: Int, area: Rect, into grid: inout CellGrid, glyphs: GlyphSet) {
        let needed = min(leftKeeps, DisplayWidth.of(left.map(\.0).joined()))
        var leftWidth = area.width
        if let (text, rightStyle) = right.first(where: { area.width - DisplayWidth.of($0.0) - 2 >= needed }) {
            let rightWidth = DisplayWidth.of(text)
            grid.write(text, x: area.x + area.width - rightWidth, y: y, style: rightStyle)
            leftWidth = area.width - rightWidth - 2
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
