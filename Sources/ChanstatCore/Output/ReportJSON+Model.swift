/// The JSON of `report --compare` and `report --by inbox` (docs/report.md). Written by hand, as the plain payload
/// is, because key order is part of the contract: channel types sorted, inbox ids in numeric order, counts in
/// payload order (`open, resolved, pending, snoozed, total`).
extension ReportJSON {
    /// `{"range":{…},"previous":{…},"channels":{TYPE:{"now":{…},"before":{…}}}}`; with `byInbox`, each channel
    /// also has `"inboxes":{ID:{"name":…,"now":{…},"before":{…}}}`.
    public static func encodeComparison(_ model: ReportModel, range: DateRange, previous: DateRange,
                                        byInbox: Bool = false) -> String {
        func bounds(_ range: DateRange) -> String { "{\"since\":\(range.since),\"until\":\(range.until)}" }
        func periods(_ row: ReportRow) -> String {
            "\"now\":\(counts(row.counts)),\"before\":\(counts(row.previous ?? ChannelCounts()))"
        }
        let channels = sortedByKey(model.rows).map { channel in
            var body = periods(channel)
            if byInbox {
                body += ",\"inboxes\":{" + sortedByKey(channel.children).map { inbox in
                    quoted(inbox.key) + ":{\"name\":" + quoted(inbox.label) + "," + periods(inbox) + "}"
                }.joined(separator: ",") + "}"
            }
            return quoted(channel.key) + ":{" + body + "}"
        }
        return "{\"range\":\(bounds(range)),\"previous\":\(bounds(previous)),\"channels\":{"
            + channels.joined(separator: ",") + "}}"
    }

    /// `{TYPE:{"inboxes":{ID:{"name":…,"open":…,…,"total":…}},"open":…,…,"total":…}}`: the channel summary's
    /// counts, with the inboxes that make them up.
    public static func encodeByInbox(_ model: ReportModel) -> String {
        let channels = sortedByKey(model.rows).map { channel in
            let inboxes = sortedByKey(channel.children).map { inbox in
                quoted(inbox.key) + ":{\"name\":" + quoted(inbox.label) + "," + fields(inbox.counts) + "}"
            }
            return quoted(channel.key) + ":{\"inboxes\":{" + inboxes.joined(separator: ",") + "}," + fields(channel.counts) + "}"
        }
        return "{" + channels.joined(separator: ",") + "}"
    }

    /// `{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3}`.
    static func counts(_ counts: ChannelCounts) -> String { "{" + fields(counts) + "}" }

    static func fields(_ counts: ChannelCounts) -> String {
        (ConversationStatus.payloadOrder.map { "\"\($0.key)\":\(counts[$0])" } + ["\"total\":\(counts.total)"])
            .joined(separator: ",")
    }

    private static func sortedByKey(_ rows: [ReportRow]) -> [ReportRow] { rows.sorted { $0.group < $1.group } }
}

/// `report --by team|agent|label --format json` (SPEC 10), with and without `--compare`: the groups in the model's
/// order (total descending, then name ignoring case, then key), each `key` (an id, a label's name, or null for
/// the none group), `name`, and its counts or `now`/`before`; the source's own total, never the rows' sum.
extension ReportJSON {
    public static func encodeGroups(_ model: ReportModel, range: DateRange, previous: DateRange? = nil) -> String {
        func bounds(_ range: DateRange) -> String { "{\"since\":\(range.since),\"until\":\(range.until)}" }
        func body(_ counts: ChannelCounts?, _ before: ChannelCounts?) -> String {
            guard model.comparing else { return fields(counts ?? ChannelCounts()) }
            return "\"now\":\(self.counts(counts ?? ChannelCounts())),\"before\":\(self.counts(before ?? ChannelCounts()))"
        }
        let groups = model.rows.map { row in
            "{\"key\":\(row.group.json),\"name\":\(quoted(row.label)),\(body(row.counts, row.previous))}"
        }
        return "{\"range\":\(bounds(range))," + (previous.map { "\"previous\":\(bounds($0))," } ?? "")
            + "\"by\":\(quoted(model.breakdown.rawValue)),\"groups\":[" + groups.joined(separator: ",") + "],"
            + "\"total\":{\(body(model.totals, model.previousTotals))}}"
    }
}
