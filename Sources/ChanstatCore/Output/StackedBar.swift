/// The drawing of a bar, in one place: its length relative to the largest channel (to an eighth of a
/// cell), and the split of that length between statuses.
public enum StackedBar {
    /// A run of one status in a bar: `cells` whole cells, then (for the last run only) a partial cell of
    /// `eighths` eighths.
    public struct Segment: Equatable, Sendable {
        public let status: ConversationStatus
        public let cells: Int
        public let partialEighths: Int

        public init(status: ConversationStatus, cells: Int, partialEighths: Int) {
            self.status = status
            self.cells = cells
            self.partialEighths = partialEighths
        }
    }

    /// The bar's length in eighths of a cell: `total / largest` of `cells` cells, rounded half up.
    /// A channel with anything in it gets at least one eighth, so it never looks empty.
    public static func lengthInEighths(total: Int64, largest: Int64, cells: Int) -> Int {
        guard total > 0, largest > 0, cells > 0 else { return 0 }
        let full = Int64(cells) * 8
        guard total < largest else { return Int(full) }
        // total * full can exceed 64 bits for huge counts: multiply and divide at double width.
        let (quotient, remainder) = largest.dividingFullWidth(total.multipliedFullWidth(by: full))
        let rounded = quotient + (remainder >= largest - remainder ? 1 : 0)
        return Int(max(1, rounded))
    }

    /// Splits `cells` whole cells between counts in proportion, by largest remainder, so the widths add up
    /// to exactly `cells`. The first count (open, in display order: what needs someone) keeps a cell in a bar
    /// of 2 cells or more, so that a small channel's open conversations are never drawn as another status;
    /// in a bar of 4 cells or more every nonzero count keeps one. A cell given is taken from the widest segment.
    public static func segmentWidths(_ counts: [Int64], cells: Int) -> [Int] {
        let (counts, total) = scaledToFit(counts)
        guard cells > 0, total > 0 else { return counts.map { _ in 0 } }
        var widths: [Int] = []
        var remainders: [Int64] = []
        for count in counts {
            let (quotient, remainder) = total.dividingFullWidth(max(0, count).multipliedFullWidth(by: Int64(cells)))
            widths.append(Int(quotient))
            remainders.append(remainder)
        }
        // Hand out the cells left over to the largest remainders; ties go to the earlier status.
        let leftOver = cells - widths.reduce(0, +)
        let byRemainder = counts.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in byRemainder.prefix(leftOver) { widths[index] += 1 }

        if cells >= 4 {
            for index in counts.indices where counts[index] > 0 && widths[index] == 0 {
                guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 else { break }
                widths[widest] -= 1
                widths[index] = 1
            }
        }
        // Open's cell in a bar of 2 or 3: from the widest segment, or when all are one cell wide, from the
        // smallest count drawn (it matters least).
        if cells >= 2, let open = counts.first, open > 0, widths[0] == 0 {
            let donors = widths.indices.dropFirst().filter { widths[$0] > 0 }
            let widest = donors.max { widths[$0] < widths[$1] }
            if let donor = widest.flatMap({ widths[$0] > 1 ? $0 : nil }) ?? donors.min(by: { counts[$0] < counts[$1] }) {
                widths[donor] -= 1
                widths[0] = 1
            }
        }
        return widths
    }

    /// Negative counts as zero, and the counts halved as often as needed for their sum to fit in 64 bits
    /// (a nonzero count stays at least 1, so it keeps its cell). A wrapped sum would be negative or too
    /// small, and the division by it would trap: BarLayoutFuzz found that.
    static func scaledToFit(_ counts: [Int64]) -> (counts: [Int64], total: Int64) {
        var shift: Int64 = 0
        while true {
            let scaled = counts.map { $0 > 0 ? max(1, $0 >> shift) : 0 }
            var total: Int64 = 0
            var overflow = false
            for count in scaled where !overflow { (total, overflow) = total.addingReportingOverflow(count) }
            if !overflow { return (scaled, total) }
            shift += 1
        }
    }

    /// The segments of one channel's bar, in display order, for a bar area of `cells` cells.
    /// Without eighth glyphs the length is rounded to whole cells instead.
    public static func segments(for counts: ChannelCounts, largest: Int64, cells: Int, eighthPrecision: Bool) -> [Segment] {
        let eighths = lengthInEighths(total: counts.total, largest: largest, cells: cells)
        var whole = eighths / 8
        var partial = eighths % 8
        if !eighthPrecision {
            whole = max(eighths > 0 ? 1 : 0, (eighths + 4) / 8)
            partial = 0
        }
        let statuses = ConversationStatus.displayOrder
        let widths = segmentWidths(statuses.map { counts[$0] }, cells: whole)
        // The partial cell continues the last status present, so the bar's end keeps its colour.
        let lastPresent = statuses.lastIndex { counts[$0] > 0 }
        var result: [Segment] = []
        for (index, status) in statuses.enumerated() {
            let tail = index == lastPresent ? partial : 0
            if widths[index] > 0 || tail > 0 {
                result.append(Segment(status: status, cells: widths[index], partialEighths: tail))
            }
        }
        return result
    }
}

extension StackedBar {
    /// Per status, the fill of a bar in plain text (the dashboard's ASCII glyphs, and `report`'s bars): one
    /// character each, so a bar reads without colour and in any file.
    public static let asciiFills: [ConversationStatus: Character] = [.open: "#", .pending: "=", .snoozed: "~", .resolved: "-"]

    /// A bar as plain text, `cells` wide at most, in `asciiFills`.
    public static func text(for counts: ChannelCounts, largest: Int64, cells: Int) -> String {
        segments(for: counts, largest: largest, cells: cells, eighthPrecision: false).map { segment in
            String(repeating: asciiFills[segment.status] ?? "#", count: segment.cells)
        }.joined()
    }

    /// "Bars: # Open  = Pending  ~ Snoozed  - Resolved": the legend under text bars.
    public static let asciiLegend = "Bars: " + ConversationStatus.displayOrder.map { status in
        "\(asciiFills[status] ?? "#") \(status.title)"
    }.joined(separator: "  ")
}
