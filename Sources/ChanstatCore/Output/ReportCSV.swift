import Foundation

/// `report --format csv`: a header row, then one row per channel type (or per inbox with `--by inbox`), ordered
/// by raw channel type (then inbox id) so scripts can diff runs; RFC 4180 quoting. With `--compare`, each count's
/// change and the total's percent follow the counts. Text from the source is untrusted: control characters are
/// replaced so a CSV printed on a terminal is harmless, and a leading formula character is quoted with a `'`
/// so spreadsheets do not evaluate it.
public enum ReportCSV {
    static let numberColumns: [ReportColumn] = ConversationStatus.payloadOrder.map(ReportColumn.init(status:)) + [.total]

    /// `byInbox` shows a channel model by inbox (as `model.breakdown` .inbox does).
    public static func render(_ model: ReportModel, byInbox: Bool = false) -> String {
        if model.breakdown.needsDatabase { return renderGroups(model) }
        let byInbox = byInbox || model.breakdown == .inbox
        var header = ["channel_type", "label"] + (byInbox ? ["inbox_id", "inbox_name"] : [])
        header += numberColumns.map(key)
        if model.comparing { header += numberColumns.map { key($0) + "_change" } + ["total_change_percent"] }
        var lines = [header.joined(separator: ",")]
        for channel in model.rows.sorted(by: { $0.group < $1.group }) {
            let rows = byInbox ? channel.children.sorted { $0.group < $1.group } : [channel]
            for row in rows {
                var fields = [field(channel.key), field(channel.label)] + (byInbox ? [row.key, field(row.label)] : [])
                fields += counts(of: row, comparing: model.comparing)
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// By team, agent or label (SPEC 10): `group_key,group_name,` and the counts, one row per group in the
    /// model's order and no totals row (by label the rows overlap, so a sum would be wrong); the none group's key
    /// is empty.
    static func renderGroups(_ model: ReportModel) -> String {
        var header = ["group_key", "group_name"] + numberColumns.map(key)
        if model.comparing { header += numberColumns.map { key($0) + "_change" } + ["total_change_percent"] }
        return ([header] + model.rows.map { row in
            [field(row.group.rowKey), field(row.label)] + counts(of: row, comparing: model.comparing)
        }).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A row's counts, and when comparing each change and the total's percent.
    private static func counts(of row: ReportRow, comparing: Bool) -> [String] {
        numberColumns.map { String($0.value(of: row.counts)) }
            + (comparing ? numberColumns.map { row.change($0)?.deltaText ?? "" } + [row.change(.total)?.relativeText ?? ""] : [])
    }

    /// The JSON key and CSV column name of a count.
    static func key(_ column: ReportColumn) -> String { column.status?.key ?? "total" }

    static func field(_ raw: String) -> String {
        var text = TerminalSafeText.sanitize(raw, maxCharacters: 1_000)
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) || text.hasPrefix(" ") || text.hasSuffix(" ") else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
