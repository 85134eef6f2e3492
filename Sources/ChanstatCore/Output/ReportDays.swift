/// `report --by day` in its three formats (docs/report.md "Day by day"). Every day of the range is there in
/// order, empty days included, so a script can plot the output without filling gaps.
extension ReportJSON {
    /// `{"2026-03-28":{"Channel::Email":{…}},"2026-03-29":{}}`: each day's channel summary, as the plain payload.
    public static func encodeDays(_ daily: DailyReport) -> String {
        "{" + zip(daily.days.days, daily.summaries).map { day, summary in
            quoted(day.date.description) + ":" + encode(summary)
        }.joined(separator: ",") + "}"
    }
}

extension ReportCSV {
    /// `day,channel_type,label,open,resolved,pending,snoozed,total`: one row per day and channel type with
    /// something counted, by day then raw channel type.
    public static func renderDays(_ daily: DailyReport) -> String {
        var lines = [(["day", "channel_type", "label"] + numberColumns.map(key)).joined(separator: ",")]
        for (day, summary) in zip(daily.days.days, daily.summaries) {
            for type in summary.sortedChannelTypes {
                let counts = summary.channels[type]!
                lines.append(([day.date.description, field(type), field(ChannelLabel.label(for: type))]
                              + numberColumns.map { String($0.value(of: counts)) }).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReportTable {
    /// One row per day with the counts of all channels and a bar relative to the busiest day (`StackedBar`, 20
    /// cells of plain text), then the totals, and the bars' legend. A day that overflows 64 bits says "overflow"
    /// rather than a wrong number.
    public static func renderDays(_ daily: DailyReport, bold: Bool = false) -> String {
        let counts = daily.days.days.indices.map { daily.counts(day: $0, group: nil) }
        let largest = counts.compactMap { $0?.total }.max() ?? 0
        let header = ["Day"] + ReportColumn.numbers.map { $0.title() } + [""]
        var lines = zip(daily.days.days, counts).map { day, counts in
            [day.date.description] + ReportColumn.numbers.map { column in counts.map { String(column.value(of: $0)) } ?? "overflow" }
                + [counts.map { StackedBar.text(for: $0, largest: largest, cells: 20) } ?? ""]
        }
        let totals = daily.total
        lines.append(["Total"] + ReportColumn.numbers.map { column in totals.map { String(column.value(of: $0)) } ?? "overflow" } + [""])
        let alignRight = header.indices.map { $0 > 0 && $0 <= ReportColumn.numbers.count }
        return aligned(header: header, lines: lines, alignRight: alignRight, bold: bold) + "\n" + StackedBar.asciiLegend + "\n"
    }
}

