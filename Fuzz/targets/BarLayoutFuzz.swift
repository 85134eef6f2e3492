// Fuzz target: the bar layout (StackedBar) and the table's column dropping (TableLayout.fit), both pure.
// Built into the ChanstatDashboard module against a ChanstatCore library (see scripts/fuzz).
// Properties: segment widths add up to the bar, a nonzero status never vanishes from a bar of 4 cells or more
// (nor open, the first, from one of 2),
// a bar never outgrows its area and ends in one valid eighth-block; the table never overflows its width,
// always keeps label and total, drops columns in its documented order, and never loses one when widened.
import ChanstatCore

/// Reads the fuzzer's bytes as numbers: a shift byte then eight value bytes, so that small, huge and
/// exactly-Int64.max counts are all a byte away from each other.
struct FuzzBytes {
    private var bytes: ArraySlice<UInt8>

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    }

    mutating func byte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    mutating func count() -> Int64 {
        let shift = Int64(byte() % 64)
        var raw: UInt64 = 0
        for _ in 0..<8 { raw = raw << 8 | UInt64(byte()) }
        return Int64(bitPattern: raw & UInt64(Int64.max)) >> shift
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBarLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let cells = Int(input.byte())
    let rawCounts = (0..<4).map { _ in input.count() }
    checkSegmentWidths(rawCounts, cells: cells)
    if let counts = ChannelCounts(open: rawCounts[0], resolved: rawCounts[1], pending: rawCounts[2], snoozed: rawCounts[3]) {
        let extra = input.count()
        let largest = counts.total.addingReportingOverflow(extra).overflow ? counts.total : counts.total + extra
        checkBar(counts, largest: largest, cells: cells)
    }
    let width = Int(input.byte()) | Int(input.byte() % 2) << 8, label = Int(input.byte())
    let numberWidths = (0..<6).map { _ in 1 + Int(input.byte() % 24) }
    // Comparing adds a change column after each number and a percent after the total's.
    let changeWidths = input.byte() % 2 == 0 ? nil : (0..<6).map { _ in 1 + Int(input.byte() % 12) }
    checkTableLayout(width: width, label: label, numberWidths: numberWidths, changeWidths: changeWidths,
                     percentWidth: 1 + Int(input.byte() % 8))
    return 0
}

/// Any non-negative counts, even ones whose sum does not fit in 64 bits (the function is public).
func checkSegmentWidths(_ counts: [Int64], cells: Int) {
    let widths = StackedBar.segmentWidths(counts, cells: cells)
    precondition(widths.count == counts.count)
    precondition(widths.allSatisfy { $0 >= 0 })
    precondition(zip(counts, widths).allSatisfy { $0 > 0 || $1 == 0 }, "an empty status has no cells")
    let anything = counts.contains { $0 > 0 }
    precondition(widths.reduce(0, +) == (anything ? cells : 0), "widths \(widths) of \(counts) must add up to \(cells)")
    if cells >= 4 {
        precondition(zip(counts, widths).allSatisfy { $0 == 0 || $1 > 0 }, "a status vanished: \(counts) -> \(widths)")
    }
    if cells >= 2, let open = counts.first, open > 0 {
        precondition(widths[0] > 0, "open vanished: \(counts) -> \(widths)")
    }
}

func checkBar(_ counts: ChannelCounts, largest: Int64, cells: Int) {
    let eighths = StackedBar.lengthInEighths(total: counts.total, largest: largest, cells: cells)
    precondition((0...cells * 8).contains(eighths))
    precondition(counts.total == 0 || cells == 0 || eighths > 0, "a channel with conversations never looks empty")
    if counts.total > 0, counts.total == largest { precondition(eighths == cells * 8, "the largest channel fills the bar") }

    for eighthPrecision in [true, false] {
        let segments = StackedBar.segments(for: counts, largest: largest, cells: cells, eighthPrecision: eighthPrecision)
        let used = segments.reduce(0) { $0 + $1.cells + ($1.partialEighths > 0 ? 1 : 0) }
        precondition(used <= cells, "the bar overflows its \(cells) cells: \(segments)")
        precondition(segments.allSatisfy { counts[$0.status] > 0 }, "only statuses present are drawn")
        let order = segments.map { ConversationStatus.displayOrder.firstIndex(of: $0.status)! }
        precondition(order == order.sorted() && Set(order).count == order.count, "display order, each once")
        let partials = segments.filter { $0.partialEighths > 0 }
        if eighthPrecision {
            precondition(segments.reduce(0) { $0 + $1.cells * 8 + $1.partialEighths } == eighths)
            precondition(partials.count <= 1 && (partials.first.map { $0 == segments.last! } ?? true),
                         "only the bar's end is a partial cell")
            precondition(partials.allSatisfy { GlyphSet.unicode.eighths.indices.contains($0.partialEighths) })
        } else {
            precondition(partials.isEmpty, "ASCII bars end on whole cells")
        }
        let whole = segments.reduce(0) { $0 + $1.cells }
        if whole >= 4 {
            let drawn = Set(segments.map(\.status))
            precondition(ConversationStatus.allCases.allSatisfy { counts[$0] == 0 || drawn.contains($0) },
                         "a status vanished from a bar of \(whole) cells: \(segments)")
        }
    }
}

func checkTableLayout(width: Int, label: Int, numberWidths: [Int], changeWidths: [Int]?, percentWidth: Int) {
    let columns: [ReportColumn] = [.label, .open, .pending, .snoozed, .resolved, .total]
    let needs = TableLayout.Needs(label: label, number: { numberWidths[columns.firstIndex(of: $0)!] },
                                  change: changeWidths.map { widths in { widths[columns.firstIndex(of: $0)!] } },
                                  percent: percentWidth)
    guard let layout = TableLayout.fit(width: width, needs: needs) else {
        precondition(TableLayout.fit(width: width - 1, needs: needs) == nil, "a narrower table fits where a wider one did not")
        return
    }
    precondition(layout.totalWidth <= width, "the table overflows \(width) columns")
    precondition((TableLayout.minimumLabelWidth...TableLayout.maximumLabelWidth).contains(layout.labelWidth))
    precondition(layout.barWidth == 0
                 || (TableLayout.minimumBarWidth...TableLayout.maximumBarWidth).contains(layout.barWidth))
    let shown = layout.numbers.map(\.column)
    precondition(shown.contains(.total), "the total always stays")
    let dropped = ReportColumn.numbers.filter { !shown.contains($0) }
    precondition(Set(dropped) == Set(TableLayout.dropOrder.prefix(dropped.count)), "columns go in the drop order")
    precondition(shown == ReportColumn.numbers.filter(shown.contains), "shown columns keep their order")
    if changeWidths != nil {
        precondition(layout.numbers.last?.changeWidth ?? 0 > 0 && layout.percentWidth > 0,
                     "comparing, the total's change and percent stay with the total")
        precondition(dropped.isEmpty || layout.numbers.allSatisfy { $0.column == .total || $0.changeWidth == 0 },
                     "the statuses' changes go before any status does")
    } else {
        precondition(layout.percentWidth == 0 && layout.numbers.allSatisfy { $0.changeWidth == 0 }, "no change columns")
    }
    let wider = TableLayout.fit(width: width + 1, needs: needs)
    // The bar's width may shrink when a column comes back; the bar itself never goes.
    precondition(wider.map { $0.numbers.count >= layout.numbers.count && ($0.barWidth > 0 || layout.barWidth == 0) } ?? false,
                 "widening the table lost a column")
}
