/// `report --list --format table`: one line per conversation, its age and how long it has waited counted from
/// `now`, and its address when the web address is known; names made safe for a terminal and cut to a column.
public enum ConversationListTable {
    /// The widest a name column gets; longer names end in "…".
    static let nameColumns = 24

    public static func render(_ list: ConversationList, web: WebAddress?, now: Int64, bold: Bool = false) -> String {
        let summary = list.count == Int64(list.conversations.count)
            ? "\(list.count) conversation\(list.count == 1 ? "" : "s")"
            : "\(list.count) conversations, the first \(list.conversations.count) shown (--limit)"
        guard !list.conversations.isEmpty else { return "No conversations.\n" }
        let header = titles + ["Address"]
        let lines = list.conversations.map { c -> [String] in cells(of: c, now: now) + [list.url(of: c, web: web) ?? ""] }
        let shownColumns = web == nil ? header.count - 1 : header.count
        let table = ReportTable.aligned(header: Array(header.prefix(shownColumns)),
                                        lines: lines.map { Array($0.prefix(shownColumns)) },
                                        alignRight: [true] + Array(repeating: false, count: 5) + [true, true, false],
                                        bold: bold, totalsLine: false)
        return table + summary + "\n"
    }

    /// The columns of a listed conversation, as this table and the dashboard's list show them.
    public static let titles = ["#", "Status", "Inbox", "Assignee", "Team", "Labels", "Age", "Waiting"]

    /// One conversation's cells under `titles`: its age and wait counted to `now`, names made safe and cut.
    public static func cells(of c: ListedConversation, now: Int64) -> [String] {
        [c.displayID.map { "\($0)" } ?? "id \(c.id)", c.status.title, name(c.inbox), name(c.assignee ?? "-"),
         name(c.team ?? "-"), name(c.labels.isEmpty ? "-" : c.labels.joined(separator: ", ")),
         AgeText.of(seconds: now - c.createdAt), c.waitingSince.map { AgeText.of(seconds: now - $0) } ?? "-"]
    }

    private static func name(_ text: String) -> String {
        DisplayWidth.truncate(TerminalSafeText.sanitize(text, maxCharacters: 200), to: nameColumns)
    }
}

/// A duration as a table shows an age: "45s", "12m", "3h 20m", "5d 4h". A negative one (a clock behind the
/// database's) is "0s".
public enum AgeText {
    public static func of(seconds: Int64) -> String {
        let seconds = max(seconds, 0)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3_600: return "\(seconds / 60)m"
        case ..<86_400:
            let minutes = seconds % 3_600 / 60
            return "\(seconds / 3_600)h" + (minutes > 0 ? " \(minutes)m" : "")
        default:
            let hours = seconds % 86_400 / 3_600
            return "\(seconds / 86_400)d" + (hours > 0 ? " \(hours)h" : "")
        }
    }
}
