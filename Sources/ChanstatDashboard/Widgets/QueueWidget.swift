import ChanstatCore

/// The queue now (`n`, SPEC 11): per group open, unattended, unassigned, pending, snoozed and the oldest wait, and a
/// bar of its waiting conversations stacked by how long they have waited, the shortest wait first; a totals row
/// (the source's, never a sum: by label one conversation is in several rows). A number the source does not know
/// is "?", never 0. Given its rows, order and selection, as the range's `TableWidget` is.
///
///     Team     Open Unattended Unassigned Pending Snoozed Oldest wait
///     Billing     3          2          1       0       1      1h 30m ·░░▒
///     Total       3          2          1       0       1      1h 30m
enum QueueWidget {
    /// The number columns, in the order shown.
    static let columns: [QueueColumn] = [.open, .unattended, .unassigned, .pending, .snoozed, .oldestWait]
    /// The order in which they are given up on a narrow terminal, after the bar: open and the oldest wait stay.
    static let dropOrder: [QueueColumn] = [.snoozed, .pending, .unassigned, .unattended]
    /// The mark of a number the source does not know.
    static let unknownMark = QueueTable.unknownMark

    struct Content {
        let rows: [QueueGroup]
        let total: QueueCounts
        let labelTitle: String
        let sort: QueueSort
        let selected: String?
        let offset: Int
    }

    struct Plan {
        let labelWidth: Int
        let numbers: [(column: QueueColumn, width: Int)]
        let barWidth: Int
        /// The area without the legend's line, which the bar leaves to its legend.
        let area: Rect
        let visible: Int
        let positionOnTitles: Bool
        let positionLine: Bool

        var totalWidth: Int { labelWidth + numbers.reduce(0) { $0 + 1 + $1.width } + (barWidth > 0 ? 1 + barWidth : 0) }
    }

    /// A number as the table shows it: "?" when unknown, "-" for the oldest wait when nobody waits.
    static func text(_ column: QueueColumn, of counts: QueueCounts) -> String {
        if column == .oldestWait, counts.waiting == nil { return unknownMark }
        guard let value = column.value(of: counts) else { return column == .oldestWait ? "-" : unknownMark }
        return column == .oldestWait ? WaitDuration.text(value) : String(value)
    }

    static func plan(_ content: Content, in area: Rect) -> Plan? {
        guard area.height > 0, area.width > 0 else { return nil }
        let all = content.rows.map(\.counts) + [content.total]
        let width = { (column: QueueColumn) in max(column.title.count, all.map { text(column, of: $0).count }.max() ?? 0) }
        let preferredLabel = min(TableLayout.maximumLabelWidth, max(TableLayout.minimumLabelWidth,
            (content.rows.map { DisplayWidth.of(label($0)) } + [DisplayWidth.of(content.labelTitle), 5]).max() ?? 0))
        var levels: [(shown: [QueueColumn], withBar: Bool)] = [(columns, true), (columns, false)]
        for count in 1...dropOrder.count {
            levels.append((columns.filter { !dropOrder.prefix(count).contains($0) }, false))
        }
        for (shown, withBar) in levels {
            let numbers = shown.map { (column: $0, width: width($0)) }
            let fixed = numbers.reduce(0) { $0 + 1 + $1.width } + (withBar ? 1 + TableLayout.minimumBarWidth : 0)
            let extra = area.width - fixed - TableLayout.minimumLabelWidth
            guard extra >= 0 else { continue }
            let labelWidth = min(preferredLabel, TableLayout.minimumLabelWidth + extra)
            let bar = withBar ? min(TableLayout.maximumBarWidth,
                                    TableLayout.minimumBarWidth + extra - (labelWidth - TableLayout.minimumLabelWidth)) : 0
            let rowsArea = bar > 0 ? Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1) : area
            let count = content.rows.count
            let hidesRows = count > max(0, rowsArea.height - 2)
            let positionOnTitles = bar >= DisplayWidth.of("rows \(count)-\(count) of \(count)")
            let positionLine = hidesRows && !positionOnTitles && rowsArea.height >= 4
            return Plan(labelWidth: labelWidth, numbers: numbers, barWidth: bar, area: rowsArea,
                        visible: max(0, rowsArea.height - (positionLine ? 3 : 2)),
                        positionOnTitles: positionOnTitles && hidesRows, positionLine: positionLine)
        }
        return nil
    }

    /// A group's name, safe for the terminal.
    static func label(_ group: QueueGroup) -> String {
        let safe = TerminalSafeText.sanitize(group.name, maxCharacters: ChannelLabel.maximumCharacters)
        return safe.isEmpty ? "(unnamed)" : safe
    }

    static func draw(_ content: Content, in area: Rect, into grid: inout CellGrid, display: DisplayOptions,
                     style: Styles) -> Plan? {
        guard let plan = plan(content, in: area) else { return nil }
        let glyphs = display.glyphs
        let area = plan.area
        drawTitles(plan, content: content, y: area.y, x: area.x, into: &grid, style: style, glyphs: glyphs)
        let rows = content.rows
        let selectedIndex = rows.firstIndex { $0.key.rowKey == content.selected }
        let first = TableScroll.firstRow(offset: content.offset, selected: selectedIndex, visible: plan.visible,
                                         count: rows.count)
        let largest = rows.compactMap(\.counts.waiting).max() ?? 0
        for (index, group) in rows.dropFirst(first).prefix(plan.visible).enumerated() {
            let y = area.y + 1 + index
            drawRow(label(group), group.counts, largest: largest, plan: plan, x: area.x, y: y, into: &grid,
                    display: display, style: style, emphasis: .plain)
            if group.key.rowKey == content.selected {
                grid.restyle(x: area.x, y: y, count: plan.totalWidth) { $0.reverse = true }
            }
        }
        if plan.positionOnTitles || plan.positionLine {
            let position = "rows \(first + 1)-\(first + plan.visible) of \(rows.count)"
            let (x, y) = plan.positionOnTitles ? (area.x + plan.totalWidth - DisplayWidth.of(position), area.y)
                : (area.x, area.y + 2 + plan.visible)
            grid.write(position, x: x, y: y, style: style.muted, maxWidth: area.width)
        }
        if area.height >= 2 {
            drawRow("Total", content.total, largest: 0, plan: plan, x: area.x, y: area.y + 1 + min(plan.visible, rows.count),
                    into: &grid, display: display, style: style, emphasis: .bold)
        }
        return plan
    }

    private static func drawTitles(_ plan: Plan, content: Content, y: Int, x: Int, into grid: inout CellGrid,
                                   style: Styles, glyphs: GlyphSet) {
        let labelTitle = content.labelTitle.fitted(toWidth: plan.labelWidth, ellipsis: glyphs.ellipsis)
        grid.write(labelTitle, x: x, y: y, style: .bold)
        var sorted = content.sort.column == nil ? (x: x, width: DisplayWidth.of(labelTitle)) : nil
        var column = x + plan.labelWidth
        for number in plan.numbers {
            let title = number.column.title
            let titleX = column + 1 + number.width - title.count
            grid.write(title, x: titleX, y: y, style: .bold)
            if number.column == content.sort.column { sorted = (titleX, title.count) }
            column += 1 + number.width
        }
        if let sorted {
            grid.restyle(x: sorted.x, y: y, count: sorted.width) { cell in
                if style.colored { cell.foreground = .accent } else { cell.reverse = true }
            }
        }
        if plan.barWidth > 0, content.sort.reversed {
            grid.write("(reversed)", x: column + 1, y: y, style: style.muted, maxWidth: plan.barWidth)
        }
    }

    private static func drawRow(_ label: String, _ counts: QueueCounts, largest: Int64, plan: Plan, x: Int, y: Int,
                                into grid: inout CellGrid, display: DisplayOptions, style: Styles, emphasis: CellStyle) {
        grid.write(label.fitted(toWidth: plan.labelWidth, ellipsis: display.glyphs.ellipsis), x: x, y: y, style: emphasis)
        var column = x + plan.labelWidth
        for number in plan.numbers {
            let value = text(number.column, of: counts)
            grid.write(value, x: column + 1 + number.width - value.count, y: y,
                       style: value == unknownMark ? style.muted : emphasis)
            column += 1 + number.width
        }
        guard plan.barWidth > 0, largest > 0, let ages = counts.waitAges, let waiting = counts.waiting else { return }
        drawBar(ages, waiting: waiting, largest: largest, x: column + 1, y: y, cells: plan.barWidth, into: &grid,
                display: display, style: style)
    }

    /// The waiting conversations of a row, stacked by wait age, its length relative to the row that has the most
    /// waiting, in whole cells: each age has its own glyph (`GlyphSet.waitFills`), so a partial cell would read as
    /// another age.
    static func drawBar(_ ages: [WaitAge: Int64], waiting: Int64, largest: Int64, x: Int, y: Int, cells: Int,
                        into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        let eighths = StackedBar.lengthInEighths(total: waiting, largest: largest, cells: cells)
        let whole = max(eighths > 0 ? 1 : 0, (eighths + 4) / 8)
        let widths = StackedBar.segmentWidths(WaitAge.allCases.map { ages[$0] ?? 0 }, cells: whole)
        var column = x
        for (age, width) in zip(WaitAge.allCases, widths) where width > 0 {
            grid.fill(display.glyphs.waitFill(age), x: column, y: y, count: width, style: style.color(SemanticColor(age)))
            column += width
        }
    }

    /// "Waiting: · <1h  ░ 1-4h  ▒ 4-24h  ▓ 1-7d  █ >7d", shorter when the line is.
    static func drawLegend(x: Int, y: Int, width: Int, into grid: inout CellGrid, display: DisplayOptions, style: Styles) {
        var column = x
        let lead = width >= 44 ? "Waiting: " : ""
        column += grid.write(lead, x: column, y: y, style: style.muted, maxWidth: width)
        for age in WaitAge.allCases {
            guard column + 2 + age.title.count <= x + width else { return }
            grid.write(String(display.glyphs.waitFill(age)), x: column, y: y, style: style.color(SemanticColor(age)))
            column += 1 + grid.write(" " + age.title, x: column + 1, y: y) + 2
        }
    }
}
