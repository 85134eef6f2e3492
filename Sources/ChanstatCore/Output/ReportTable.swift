/// `report --format table`: aligned columns, human labels, a totals row; with `--compare` a change beside each
/// count and the total's percent, and under the table what a status's change mostly is; with `--by inbox` a row
/// per inbox under its channel's label; by label, a note that the rows overlap. Styling (a bold header) only when
/// the caller says the output is a terminal, so pipes and files never get escape codes.
public enum ReportTable {
    /// Said under a table whose rows overlap (by label): the totals row is not their sum.

    /// `byInbox` shows a channel model by inbox (as `model.breakdown` .inbox does).
    public static func render(_ model: ReportModel, byInbox: Bool = false, bold: Bool = false) -> String {
        guard !model.isEmpty else { return "No conversations in this range.\n" }
        let breakdown = byInbox ? .inbox : model.breakdown
        let columns = TextColumn.columns(comparing: model.comparing, breakdown: breakdown)
        let rows = breakdown == .inbox ? model.rows.flatMap { channel in channel.children.map { (channel, $0) } }
                                       : model.rows.map { ($0, $0) }
        var lines = rows.map { channel, row in columns.map { $0.cell(channel, row) } }
        let totals = model.totalsRow
        lines.append(columns.indices.map { index in
            if let totals { return columns[index].cell(totals, totals) }
            return columns[index].isNumber ? "overflow" : index == 0 ? "Total" : ""
        })
        if breakdown == .inbox { lines[lines.count - 1][1] = "" }
        var table = aligned(header: columns.map(\.title), lines: lines, alignRight: columns.map(\.isNumber), bold: bold)
        if let note = breakdown.overlapNote { table += "\n" + note + "\n" }
        return model.comparing ? table + "\n" + Change.statusChangesNote + "\n" : table
    }
}

extension ReportTable {
    /// The text table's layout, for every table `report` prints: the header, the lines padded to each column's
    /// width (numbers to the right), a rule above the last line (the totals) unless `totalsLine` is false;
    /// trailing spaces dropped.
    static func aligned(header: [String], lines: [[String]], alignRight: [Bool], bold: Bool,
                        totalsLine: Bool = true) -> String {
        let widths = header.indices.map { index in ([header] + lines).map { DisplayWidth.of($0[index]) }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            var line = cells.indices.map { DisplayWidth.pad(cells[$0], to: widths[$0], alignRight: alignRight[$0]) }
                .joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
        let headerLine = format(header)
        let rule = String(repeating: "-", count: DisplayWidth.of(headerLine))
        let body = totalsLine ? lines.dropLast().map(format) + [rule] + lines.suffix(1).map(format) : lines.map(format)
        return ([bold ? "\u{1B}[1m\(headerLine)\u{1B}[0m" : headerLine] + body).joined(separator: "\n") + "\n"
    }
}

/// One column of the text table: a title and what a row shows in it. `channel` is the row's channel (the row
/// itself, or an inbox's channel).
private struct TextColumn {
    let title: String
    let isNumber: Bool
    let cell: (_ channel: ReportRow, _ row: ReportRow) -> String

    static func columns(comparing: Bool, breakdown: Breakdown) -> [TextColumn] {
        let first: Breakdown = breakdown == .inbox ? .channel : breakdown
        var columns = [TextColumn(title: ReportColumn.label.title(for: first), isNumber: false) { channel, _ in channel.label }]
        if breakdown == .inbox {
            columns.append(TextColumn(title: ReportColumn.label.title(for: .inbox), isNumber: false) { _, row in row.label })
        }
        for column in ReportColumn.numbers {
            columns.append(TextColumn(title: column.title(), isNumber: true) { _, row in String(column.value(of: row.counts)) })
            guard comparing else { continue }
            columns.append(TextColumn(title: "+/-", isNumber: true) { _, row in row.change(column)?.deltaText ?? "" })
        }
        if comparing {
            columns.append(TextColumn(title: "%", isNumber: true) { _, row in row.change(.total)?.relativeText ?? "" })
        }
        return columns
    }
}
