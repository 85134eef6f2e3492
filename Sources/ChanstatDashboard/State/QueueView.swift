import ChanstatCore

/// `n`: the queue now (SPEC 11) in place of the range's table: the last queue read, and its table's order,
/// selection (by group key, as `GroupKey.rowKey`) and scroll offset (`TableScroll`).
public struct QueueView: Equatable, Sendable {
    /// The last queue read; nil until the first answer.
    public internal(set) var report: QueueReport?
    /// How long that read took.
    public internal(set) var durationSeconds: Double = 0
    /// Why some numbers are unknown with this source (Chatwoot's API), said under the table when one is.
    public internal(set) var unknown: String?
    public internal(set) var sort = QueueSort.standard
    public internal(set) var selected: String?
    public internal(set) var offset = 0

    public init() {}

    /// The groups in the chosen order (none before the first answer).
    public var rows: [QueueGroup] { report.map { sort.ordered($0.groups) } ?? [] }
}

/// The queue table's order: by a column, largest first (the oldest wait longest first), unknown numbers last,
/// or by name A to Z; `reversed` flips it. Ties keep the source's order (SPEC 11: open, then name, then key).
public struct QueueSort: Equatable, Sendable {
    /// Nil: by name.
    public internal(set) var column: QueueColumn?
    public internal(set) var reversed = false

    /// SPEC 11's own order: open descending.
    public static let standard = QueueSort(column: .open)
    /// What `s` steps through, in the order the columns are shown.
    static let columns: [QueueColumn?] = [nil] + QueueWidget.columns

    public func ordered(_ groups: [QueueGroup]) -> [QueueGroup] {
        let indexed = groups.enumerated().map { (index: $0.offset, group: $0.element, folded: $0.element.name.lowercased()) }
        return indexed.sorted { a, b in
            let primary: Bool?
            if let column {
                let (x, y) = (column.value(of: a.group.counts), column.value(of: b.group.counts))
                switch (x, y) {
                case let (x?, y?): primary = x == y ? nil : (x > y) != reversed
                case (nil, nil): primary = nil
                case (nil, _?): primary = false  // unknown last, whichever the direction
                case (_?, nil): primary = true
                }
            } else {
                primary = a.folded == b.folded ? nil : (a.folded < b.folded) != reversed
            }
            return primary ?? (a.index < b.index)
        }.map(\.group)
    }

    /// The next column `s` sorts by.
    var next: QueueSort {
        let index = Self.columns.firstIndex(of: column) ?? 0
        return QueueSort(column: Self.columns[(index + 1) % Self.columns.count])
    }
}
