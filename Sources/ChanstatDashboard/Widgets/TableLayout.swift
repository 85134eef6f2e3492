/// Which columns the table shows at a width, and how wide each is. Under pressure the bar shrinks first,
/// then the label, then columns go, least important first; label and total always stay.
public struct TableLayout: Equatable, Sendable {
    public enum Column: Hashable, Sendable {
        case label, number(SortKey), bar
    }

    public static let minimumLabelWidth = 6
    public static let maximumLabelWidth = 24
    /// Four cells: the width at which every status present is guaranteed a cell of its own.
    public static let minimumBarWidth = 4
    public static let maximumBarWidth = 60
    /// Numbers in the order they are shown, and the order in which they are given up (last given up first).
    public static let numberColumns: [SortKey] = [.open, .pending, .snoozed, .resolved, .total]
    static let dropOrder: [SortKey] = [.snoozed, .pending, .resolved, .open]

    public let labelWidth: Int
    public let numbers: [(key: SortKey, width: Int)]
    /// 0 when the bar is not shown.
    public let barWidth: Int

    /// Nil when not even the label and the total fit.
    /// - Parameters:
    ///   - preferredLabelWidth: the widest label (it is capped).
    ///   - numberWidth: the width a number column needs for its title and its largest value.
    public static func fit(width: Int, preferredLabelWidth: Int, numberWidth: (SortKey) -> Int) -> TableLayout? {
        let preferredLabel = min(maximumLabelWidth, max(minimumLabelWidth, preferredLabelWidth))
        var shown = numberColumns
        var dropped = 0
        while true {
            for withBar in [true, false] where withBar || dropped == dropOrder.count {
                let numbers = shown.map { (key: $0, width: numberWidth($0)) }
                let fixed = numbers.reduce(0) { $0 + 1 + $1.width } + (withBar ? 1 + minimumBarWidth : 0)
                let extra = width - fixed - minimumLabelWidth
                guard extra >= 0 else { continue }
                let label = min(preferredLabel, minimumLabelWidth + extra)
                let bar = withBar ? min(maximumBarWidth, minimumBarWidth + extra - (label - minimumLabelWidth)) : 0
                return TableLayout(labelWidth: label, numbers: numbers, barWidth: bar)
            }
            guard dropped < dropOrder.count else { return nil }
            shown.removeAll { $0 == dropOrder[dropped] }
            dropped += 1
        }
    }

    public var columns: [Column] {
        [.label] + numbers.map { .number($0.key) } + (barWidth > 0 ? [.bar] : [])
    }

    /// Columns used, from the left edge.
    public var totalWidth: Int {
        labelWidth + numbers.reduce(0) { $0 + 1 + $1.width } + (barWidth > 0 ? 1 + barWidth : 0)
    }

    public static func == (lhs: TableLayout, rhs: TableLayout) -> Bool {
        lhs.labelWidth == rhs.labelWidth && lhs.barWidth == rhs.barWidth
            && lhs.numbers.map(\.key) == rhs.numbers.map(\.key) && lhs.numbers.map(\.width) == rhs.numbers.map(\.width)
    }
}

extension SortKey {
    /// The column title in the table.
    public var title: String {
        switch self {
        case .channel: return "Channel"
        case .open: return "Open"
        case .pending: return "Pending"
        case .snoozed: return "Snoozed"
        case .resolved: return "Resolved"
        case .total: return "Total"
        }
    }
}
