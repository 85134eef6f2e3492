import ChanstatCore
import GRDB

/// The SQL of the report over a file (day by day is `DailyQuery`'s; docs/report.md: created in `[since, until)`, grouped by
/// inbox, so by the inbox's channel type, and the conversation's status; statuses outside 0...3 count
/// nowhere). Columns: inbox id, channel type, status, count, inbox name.
///
/// `created_at` may hold Unix seconds or UTC text ("2026-11-01 09:30:00", as exports write it), and a file may
/// mix them (rows appended by another tool): both are counted, never dropped. SQLite orders every number before
/// every text, so `:since <= created_at < :until` (numbers) and `:sinceText <= created_at < :untilText` (text)
/// select disjoint rows, and each row counts once. Fixed-width UTC text sorts like time, and a fraction sorts
/// after its whole second, so the text range is exact too.
///
/// Two shapes, chosen by whether the file has the recommended index on
/// `conversations (account_id, inbox_id, status, created_at)`:
enum ReportQuery {
    /// With the index: for every inbox and each of the four statuses, a COUNT over two narrow index
    /// ranges (`account_id = ? AND inbox_id = ? AND status = ? AND created_at` in range, once per form; the
    /// range of the form a file does not use is empty and costs one seek). No row is
    /// joined or sorted one by one, which is what makes this several times faster than the plain query.
    /// Every inbox of the file is visited, not only the account's, because conversations are selected by
    /// their own `account_id` (docs/report.md); an inbox with nothing costs one index seek.
    static let indexed = """
        SELECT i.id, i.channel_type, s.status,
               (SELECT COUNT(*) FROM conversations AS c
                 WHERE c.account_id = :account AND c.inbox_id = i.id AND c.status = s.status
                   AND c.created_at >= :since AND c.created_at < :until)
               + (SELECT COUNT(*) FROM conversations AS c
                 WHERE c.account_id = :account AND c.inbox_id = i.id AND c.status = s.status
                   AND c.created_at >= :sinceText AND c.created_at < :untilText) AS n,
               i.name
          FROM inboxes AS i
          CROSS JOIN (SELECT 0 AS status UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS s
        """

    /// Without the index: one pass over the account's conversations, grouped by inbox and status,
    /// then joined to the few resulting groups (not to every row, as the plain query does).
    static let scan = """
        SELECT g.inbox_id, i.channel_type, g.status, g.n, i.name
          FROM (SELECT inbox_id, status, COUNT(*) AS n FROM conversations AS c
                 WHERE c.account_id = :account AND c.status IN (0, 1, 2, 3) AND \(createdInRange)
                 GROUP BY inbox_id, status) AS g
          JOIN inboxes AS i ON i.id = g.inbox_id
        """

    /// `created_at` of `conversations AS c` in the range, in either form (see above): the one place it is said
    /// with named bounds.
    static let createdInRange = "((c.created_at >= :since AND c.created_at < :until) "
        + "OR (c.created_at >= :sinceText AND c.created_at < :untilText))"

    /// The cohort of every breakdown (SPEC 10): the account's conversations created in the range, with an
    /// existing inbox, statuses 0 to 3; `columns` of `conversations AS c` besides `status`.
    private static func cohort(_ columns: String) -> String {
        """
        SELECT \(columns), c.status FROM conversations AS c
         WHERE c.account_id = :account AND c.status IN (0, 1, 2, 3) AND \(createdInRange)
           AND EXISTS (SELECT 1 FROM inboxes AS i WHERE i.id = c.inbox_id)
        """
    }

    /// The rows of every group query: `is_total, id, name, display_name, status, n`. The total is counted by the
    /// query itself (`is_total` 1), each conversation once, never summed from the groups.
    private static let total = "SELECT 1, NULL, NULL, NULL, status, COUNT(*) FROM cohort GROUP BY status"

    /// By team: `conversations.team_id`, named by `teams.name` (NULL when the row is gone).
    static let team = """
        WITH cohort AS (\(cohort("c.team_id AS key")))
        SELECT 0, g.key, t.name, NULL, g.status, g.n
          FROM (SELECT key, status, COUNT(*) AS n FROM cohort GROUP BY key, status) AS g
          LEFT JOIN teams AS t ON t.id = g.key
        UNION ALL \(total)
        """

    /// By agent: `conversations.assignee_id`, with the user's `name` and `display_name`.
    static let agent = """
        WITH cohort AS (\(cohort("c.assignee_id AS key")))
        SELECT 0, g.key, u.name, u.display_name, g.status, g.n
          FROM (SELECT key, status, COUNT(*) AS n FROM cohort GROUP BY key, status) AS g
          LEFT JOIN users AS u ON u.id = g.key
        UNION ALL \(total)
        """

    /// By label: a conversation's `taggings` of type 'Conversation' in context 'labels', named by `tags.name`;
    /// one with two labels counts under both (once each, however many rows tag it), one with none in the NULL
    /// group.
    static let label = """
        WITH cohort AS (\(cohort("c.id"))),
             labelled AS (SELECT DISTINCT co.id, co.status, t.name FROM cohort AS co
                            JOIN taggings AS tg ON tg.taggable_id = co.id AND tg.taggable_type = 'Conversation'
                                               AND tg.context = 'labels'
                            JOIN tags AS t ON t.id = tg.tag_id AND t.name IS NOT NULL)
        SELECT 0, NULL, name, NULL, status, COUNT(*) FROM labelled GROUP BY name, status
        UNION ALL
        SELECT 0, NULL, NULL, NULL, status, COUNT(*) FROM cohort WHERE id NOT IN (SELECT id FROM labelled) GROUP BY status
        UNION ALL \(total)
        """

    /// The group query of a breakdown; nil for channel, inbox and day, which have their own.
    static func groups(_ breakdown: Breakdown) -> String? {
        switch breakdown {
        case .team: return team
        case .agent: return agent
        case .label: return label
        case .channel, .inbox, .day: return nil
        }
    }

    /// The recommended index's columns (any index with these leading columns counts).
    static let recommendedIndexColumns = ["account_id", "inbox_id", "status", "created_at"]

    /// The bounds of `range` in both forms.
    static func arguments(account: Int64, range: DateRange) -> [String: any DatabaseValueConvertible] {
        ["account": account, "since": range.since, "until": range.until,
         "sinceText": TimestampForm.utcText(range.since), "untilText": TimestampForm.utcText(range.until)]
    }
}
