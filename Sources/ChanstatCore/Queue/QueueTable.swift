/// `report --now --format table`: one line per group (name, the channel of an inbox, the counts, the oldest
/// wait as a person reads it, the waiting ones by age) and a totals row; "?" where the source does not know a
/// number, and under the table the notes that apply. Names are the source's text, made safe here.
public enum QueueTable {
    /// Where one conversation is in several rows (labels), the rows do not add up to the totals.
    /// The mark of a number the source does not know.
    public static let unknownMark = "?"

    public static func render(_ report: QueueReport, bold: Bool = false, unknownNote: String? = nil) -> String {
        let byInbox = report.breakdown == .inbox
        var header = [report.breakdown.title] + (byInbox ? ["Channel"] : [])
        header += QueueColumn.allCases.map(\.title)
        var lines = report.groups.map { group in
            [TerminalSafeText.sanitize(group.name, maxCharacters: ChannelLabel.maximumCharacters)]
                + (byInbox ? [ChannelLabel.label(for: group.channelType ?? "")] : []) + cells(group.counts)
        }
        lines.append(["Total"] + (byInbox ? [""] : []) + cells(report.total))
        var text = ReportTable.aligned(header: header, lines: lines,
                                       alignRight: header.indices.map { $0 >= (byInbox ? 2 : 1) }, bold: bold)
        if report.groups.isEmpty, report.total.isEmpty { text += "\nNothing is open, pending or snoozed.\n" }
        if let note = report.breakdown.overlapNote { text += "\n" + note + "\n" }
        if QueueColumn.hasUnknown(in: report), let unknownNote { text += "\n\(unknownMark): \(unknownNote)\n" }
        return text
    }

    private static func cells(_ counts: QueueCounts) -> [String] {
        QueueColumn.allCases.map { column in
            if column.isUnknown(in: counts) { return unknownMark }
            guard let value = column.value(of: counts) else { return "-" }
            return column == .oldestWait ? WaitDuration.text(value) : String(value)
        }
    }
}
