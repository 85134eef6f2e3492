/// `report --list --format json` (docs/report.md "Lists"): `{"count": N, "conversations": [...]}`, each
/// conversation's keys in SPEC 12's order. Written by hand, as the payload is, because the order is part of the
/// contract; names exactly as the source holds them, as JSON escapes them.
public enum ConversationListJSON {
    public static let keys = ["id", "display_id", "inbox_id", "inbox", "channel_type", "status", "assignee_id",
                              "assignee", "team_id", "team", "labels", "created_at", "waiting_since", "url"]

    public static func encode(_ list: ConversationList, web: WebAddress?) -> String {
        let items = list.conversations.map { conversation in
            let values = values(of: conversation, url: list.url(of: conversation, web: web))
            return "{" + zip(keys, values).map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}"
        }
        return "{\"count\":\(list.count),\"conversations\":[" + items.joined(separator: ",") + "]}"
    }

    /// The values in `keys`' order, as JSON.
    private static func values(of conversation: ListedConversation, url: String?) -> [String] {
        func number(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        func text(_ value: String?) -> String { value.map(ReportJSON.quoted) ?? "null" }
        let c = conversation
        return [String(c.id), number(c.displayID), String(c.inboxID), text(c.inbox), text(c.channelType),
                text(c.status.key), number(c.assigneeID), text(c.assignee), number(c.teamID), text(c.team),
                "[" + c.labels.map(ReportJSON.quoted).joined(separator: ",") + "]", String(c.createdAt),
                number(c.waitingSince), text(url)]
    }
}

/// `report --list --format csv`: a header of the JSON's keys, one row per conversation, labels joined by `;`;
/// quoting, control characters and formula starts as every CSV chanstat writes (`ReportCSV.field`).
public enum ConversationListCSV {
    public static func render(_ list: ConversationList, web: WebAddress?) -> String {
        var lines = [ConversationListJSON.keys.joined(separator: ",")]
        for c in list.conversations {
            func number(_ value: Int64?) -> String { value.map(String.init) ?? "" }
            let fields = [String(c.id), number(c.displayID), String(c.inboxID), ReportCSV.field(c.inbox),
                          ReportCSV.field(c.channelType), c.status.key, number(c.assigneeID),
                          ReportCSV.field(c.assignee ?? ""), number(c.teamID), ReportCSV.field(c.team ?? ""),
                          ReportCSV.field(c.labels.joined(separator: ";")), String(c.createdAt),
                          number(c.waitingSince), ReportCSV.field(list.url(of: c, web: web) ?? "")]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
