import ChanstatCore

/// Which columns the table shows at a width, and how wide each is. Under pressure the bar shrinks first, then
/// the label; comparing, the statuses' change columns go next (the total's change and percent stay); then the
/// bar goes, since the counts say what it draws; then status columns go, least important first. The label and
/// the total always stay.
public struct TableLayout: Equatable, Sendable {
    public struct Number: Equatable, Sendable {
        public let column: ReportColumn
        public let width: Int
        /// The change column after it when comparing; 0 when not shown.
        public let changeWidth: Int
    }

    public static let minimumLabelWidth = 6
    public static let maximumLabelWidth = 24
    /// Four cells: the width at which every status present is guaranteed a cell of its own.
    public static let minimumBarWidth = 4
    public static let maximumBarWidth = 60
    /// The order in which status columns are given up.
    static let dropOrder: [ReportColumn] = [.snoozed, .pending, .resolved, .open]

    public let labelWidth: Int
    public let numbers: [Number]
    /// The total's relative change ("+12%", "new") when comparing; 0 when not shown.
    public let percentWidth: Int
    /// 0 when the bar is not shown.
    public let barWidth: Int

    /// What the columns need: a number column's width for its title and largest value, and when comparing a
    /// change column's width (nil when not comparing) and the percent column's.
    public struct Needs {
        public var label: Int
        public var number: (ReportColumn) -> Int
        public var change: ((ReportColumn) -> Int)?
        public var percent: Int

        public init(label: Int, number: @escaping (ReportColumn) -> Int, change: ((ReportColumn) -> Int)? = nil,
                    percent: Int = 0) {
            self.label = label
            self.number = number
            self.change = change
            self.percent = percent
        }
    }

    /// Nil when not even the label and the total fit.
    public static func fit(width: Int, needs: Needs) -> TableLayout? {
        let preferredLabel = min(maximumLabelWidth, max(minimumLabelWidth, needs.label))
        // Each level gives up a little more: with the bar while every count column is there, then without it.
        var levels: [(shown: [ReportColumn], statusChanges: Bool)] = []
        var shown = ReportColumn.numbers
        if needs.change != nil { levels.append((shown, true)) }
        levels.append((shown, false))
        for column in dropOrder {
            shown.removeAll { $0 == column }
            levels.append((shown, false))
        }
        let allColumns = levels.filter { $0.shown == ReportColumn.numbers }.map { (level: $0, withBar: true) }
        for (level, withBar) in allColumns + levels.map({ (level: $0, withBar: false) }) {
            let numbers = level.shown.map { column in
                Number(column: column, width: needs.number(column),
                       changeWidth: (column == .total || level.statusChanges) ? needs.change?(column) ?? 0 : 0)
            }
            let percent = needs.change == nil ? 0 : needs.percent
            let fixed = numbers.reduce(0) { $0 + 1 + $1.width + ($1.changeWidth > 0 ? 1 + $1.changeWidth : 0) }
                + (percent > 0 ? 1 + percent : 0) + (withBar ? 1 + minimumBarWidth : 0)
            let extra = width - fixed - minimumLabelWidth
            guard extra >= 0 else { continue }
            let label = min(preferredLabel, minimumLabelWidth + extra)
            let bar = withBar ? min(maximumBarWidth, minimumBarWidth + extra - (label - minimumLabelWidth)) : 0
            return TableLayout(labelWidth: label, numbers: numbers, percentWidth: percent, barWidth: bar)
        }
        return nil
    }

    /// Columns used, from the left edge.
    public var totalWidth: Int {
        labelWidth + numbers.reduce(0) { $0 + 1 + $1.width + ($1.changeWidth > 0 ? 1 + $1.changeWidth : 0) }
            + (percentWidth > 0 ? 1 + percentWidth : 0) + (barWidth > 0 ? 1 + barWidth : 0)
    }
}
