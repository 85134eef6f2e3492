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
                body += ",\"inboxes\":{" + sortedNumerically(channel.children).map { inbox in
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
            let inboxes = sortedNumerically(channel.children).map { inbox in
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

    private static func sortedByKey(_ rows: [ReportRow]) -> [ReportRow] { rows.sorted { $0.key < $1.key } }

    private static func sortedNumerically(_ rows: [ReportRow]) -> [ReportRow] {
        rows.sorted { (Int64($0.key) ?? 0, $0.key) < (Int64($1.key) ?? 0, $1.key) }
    }
}
