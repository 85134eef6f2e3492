/// `report --format table`: aligned columns, human labels, a totals row. Styling (bold header) only when
/// the caller says the output is a terminal, so pipes and files never get escape codes.
public enum ReportTable {
    static let statusColumns = ConversationStatus.displayOrder

    public static func render(_ summary: ChannelSummary, bold: Bool = false) -> String {
        guard !summary.isEmpty else { return "No conversations in this range.\n" }
        // Rows sorted by total, largest first, ties by label: what a person scans for. Two channel types can
        // share a label ("Channel::Foo" and "Foo"), so the raw type breaks the last tie: the same every run.
        let rows = summary.channels
            .map { (type: $0.key, label: ChannelLabel.label(for: $0.key), counts: $0.value) }
            .sorted { ($0.counts.total, $1.label, $1.type) > ($1.counts.total, $0.label, $0.type) }
        let totals = summary.totals
        let header = ["Channel"] + statusColumns.map(\.title) + ["Total"]
        var lines: [[String]] = rows.map { row in
            [row.label] + statusColumns.map { String(row.counts[$0]) } + [String(row.counts.total)]
        }
        lines.append(["Total"] + statusColumns.map { status in totals.map { String($0[status]) } ?? "overflow" }
                     + [totals.map { String($0.total) } ?? "overflow"])
        let widths = header.indices.map { column in
            ([header] + lines).map { DisplayWidth.of($0[column]) }.max() ?? 0
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                DisplayWidth.pad(cell, to: widths[column], alignRight: column > 0)
            }.joined(separator: "  ")
        }
        let headerLine = format(header)
        let rule = String(repeating: "-", count: DisplayWidth.of(headerLine))
        let body = lines.dropLast().map(format) + [rule, format(lines.last!)]
        return ([bold ? "\u{1B}[1m\(headerLine)\u{1B}[0m" : headerLine] + body).joined(separator: "\n") + "\n"
    }
}
