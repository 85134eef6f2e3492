/// `report --now --format csv`: a header, one row per group in the report's order, then the totals row (the
/// only row over Chatwoot's API without a breakdown). `row` says which (`group` or `total`), so that no key or
/// name can be mistaken for the totals; the none group's key is empty; an unknown number is an empty field.
public enum QueueCSV {
    public static func render(_ report: QueueReport) -> String {
        let byInbox = report.breakdown == .inbox
        let header = ["row", "group_key", "group_name"] + (byInbox ? ["channel_type"] : []) + QueueColumn.allCases.map(\.key)
        var lines = [header.joined(separator: ",")]
        for group in report.groups {
            lines.append((["group", ReportCSV.field(group.key.rowKey), ReportCSV.field(group.name)] + (byInbox ? [ReportCSV.field(group.channelType ?? "")] : [])
                          + numbers(group.counts)).joined(separator: ","))
        }
        lines.append((["total", "", ""] + (byInbox ? [""] : []) + numbers(report.total)).joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func numbers(_ counts: QueueCounts) -> [String] {
        QueueColumn.allCases.map { $0.value(of: counts).map(String.init) ?? "" }
    }
}
