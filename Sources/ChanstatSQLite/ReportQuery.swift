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
          FROM (SELECT inbox_id, status, COUNT(*) AS n FROM conversations
                 WHERE account_id = :account AND status IN (0, 1, 2, 3)
                   AND ((created_at >= :since AND created_at < :until)
                        OR (created_at >= :sinceText AND created_at < :untilText))
                 GROUP BY inbox_id, status) AS g
          JOIN inboxes AS i ON i.id = g.inbox_id
        """

    /// The recommended index's columns (any index with these leading columns counts).
    static let recommendedIndexColumns = ["account_id", "inbox_id", "status", "created_at"]

    /// The bounds of `range` in both forms.
    static func arguments(account: Int64, range: DateRange) -> [String: any DatabaseValueConvertible] {
        ["account": account, "since": range.since, "until": range.until,
         "sinceText": TimestampForm.utcText(range.since), "untilText": TimestampForm.utcText(range.until)]
    }
}
