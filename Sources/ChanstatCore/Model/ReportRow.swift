/// One row of a table: a channel type (with its inboxes under it), an inbox, or a group of another breakdown
/// (a team, an agent, a label). Every front end draws these (the dashboard's table, `report`'s table, CSV and
/// JSON), so what a row is and holds exists once.
public struct ReportRow: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case channel, inbox, group }

    public let kind: Kind
    /// What identifies the row across refreshes and sorts: the raw channel type, or the inbox id as text
    /// (`group.rowKey`).
    public let key: String
    /// The same, typed: how JSON and CSV write it and how ties are ordered.
    public let group: GroupKey
    /// Safe to print: a channel type's label, or the inbox's sanitized name.
    public let label: String
    public let counts: ChannelCounts
    /// When comparing: the previous period's counts (zeros when the row had nothing then).
    public let previous: ChannelCounts?
    /// A channel's inbox rows, in the standard order; empty when the source has none.
    public let children: [ReportRow]

    public init(kind: Kind, key: String, label: String, counts: ChannelCounts, previous: ChannelCounts? = nil,
                children: [ReportRow] = []) {
        self.init(kind: kind, group: kind == .inbox ? Int64(key).map(GroupKey.id) ?? .text(key) : .text(key),
                  label: label, counts: counts, previous: previous, children: children)
    }

    public init(kind: Kind, group: GroupKey, label: String, counts: ChannelCounts, previous: ChannelCounts? = nil,
                children: [ReportRow] = []) {
        self.kind = kind
        self.group = group
        self.key = group.rowKey
        self.label = label
        self.counts = counts
        self.previous = previous
        self.children = children
    }

    /// How the column's count moved, when comparing.
    public func change(_ column: ReportColumn) -> Change? {
        previous.map { Change(now: column.value(of: counts), before: column.value(of: $0)) }
    }

    /// An inbox's or a group's label: its name, made safe and short enough for a column.
    static func inboxLabel(_ name: String) -> String {
        let safe = TerminalSafeText.sanitize(name, maxCharacters: ChannelLabel.maximumCharacters)
        return safe.isEmpty ? "(unnamed)" : safe
    }
}

/// The order of rows: by a column, numbers largest first and labels A to Z; `reversed` flips it. Ties fall
/// back to the label (ignoring case, then exactly), then the raw key (`GroupKey`'s order), so the order never
/// depends on dictionary order (SPEC 10's order, with the standard sort).
public struct ReportSort: Equatable, Sendable {
    public var column: ReportColumn
    public var reversed: Bool

    public init(column: ReportColumn, reversed: Bool = false) {
        self.column = column
        self.reversed = reversed
    }

    /// What a person scans for first: the largest total.
    public static let standard = ReportSort(column: .total)

    public func ordered(_ rows: [ReportRow]) -> [ReportRow] {
        // Decorated once: lowercasing labels inside the comparison costs a lot on thousands of rows.
        let decorated = rows.map { (row: $0, folded: $0.label.lowercased(), value: column.value(of: $0.counts)) }
        return decorated.sorted { a, b in
            let primary: Bool?
            if column == .label {
                primary = (a.folded, a.row.label) == (b.folded, b.row.label) ? nil : (a.folded, a.row.label) < (b.folded, b.row.label)
            } else {
                primary = a.value == b.value ? nil : a.value > b.value
            }
            if let primary { return primary != reversed }
            if (a.folded, a.row.label) != (b.folded, b.row.label) { return (a.folded, a.row.label) < (b.folded, b.row.label) }
            return a.row.group < b.row.group
        }.map(\.row)
    }

    /// The next column `s` sorts by, in the order the columns are shown.
    public var next: ReportSort {
        let columns = [ReportColumn.label] + ReportColumn.numbers
        let index = columns.firstIndex(of: column) ?? 0
        return ReportSort(column: columns[(index + 1) % columns.count])
    }
}
