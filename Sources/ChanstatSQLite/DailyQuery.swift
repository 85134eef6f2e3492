import ChanstatCore
import GRDB

/// The report day by day over a file, in one query (docs/report.md "Day by day"): the conversations of the
/// range grouped by local day (`LocalDays.sqlDayIndex`), inbox and status, joined to the inboxes for their
/// channel type. Columns: day index, channel type, status, count. Two shapes, as `ReportQuery` has, chosen by
/// the recommended index.
enum DailyQuery {
    /// The SQL and its arguments for the file's layout. `created_at` may hold Unix seconds or UTC text, even mixed
    /// in one file; both forms are counted, as the plain report counts them (SQLite orders every number before
    /// every text, so a range in each form selects disjoint rows).
    static func statement(days: LocalDays, layout: FileLayout, account: Int64) -> (sql: String, arguments: StatementArguments) {
        if layout.hasRecommendedIndex {
            // As the plain report, COUNTs over narrow index ranges, here per inbox, status, day and form: the index
            // alone answers, in a tight loop. (Grouping the index's rows by a computed day instead made SQLite
            // sort all of them: 2.1 s against 0.13 s at 5M, docs/benchmarks.md.) `pairs` first asks, once per
            // inbox and status, whether the range holds any row of each form, so the days are counted only where
            // there is something (the other accounts' inboxes, and the form a file does not use, cost one seek).
            // No filter on the count itself: SQLite would evaluate the subqueries twice; zeros are dropped later.
            let values = days.days.indices.map { "(\($0), ?, ?, ?, ?)" }.joined(separator: ", ")
            // The days' bounds are parameters 1 to 4n in order, then the account and the range in both forms.
            var arguments: StatementArguments = []
            for day in days.days {
                arguments += [day.since, day.until, TimestampForm.utcText(day.since), TimestampForm.utcText(day.until)]
            }
            let last = 4 * days.days.count
            let range = days.range
            arguments += [account, range.since, range.until, TimestampForm.utcText(range.since), TimestampForm.utcText(range.until)]
            let account = "?\(last + 1)"
            let rows = { (inbox: String, status: String, since: String, until: String) in """
                FROM conversations AS c WHERE c.account_id = \(account) AND c.inbox_id = \(inbox) AND c.status = \(status)
                                          AND c.created_at >= \(since) AND c.created_at < \(until)
                """ }
            return ("""
                WITH days (n, since, until, since_text, until_text) AS (VALUES \(values)),
                     pairs AS MATERIALIZED (
                       SELECT i.id AS inbox, i.channel_type, s.status,
                              EXISTS (SELECT 1 \(rows("i.id", "s.status", "?\(last + 2)", "?\(last + 3)"))) AS numbers,
                              EXISTS (SELECT 1 \(rows("i.id", "s.status", "?\(last + 4)", "?\(last + 5)"))) AS texts
                         FROM inboxes AS i
                         CROSS JOIN (SELECT 0 AS status UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS s)
                SELECT d.n, p.channel_type, p.status,
                       (CASE WHEN p.numbers THEN (SELECT COUNT(*) \(rows("p.inbox", "p.status", "d.since", "d.until"))) ELSE 0 END)
                     + (CASE WHEN p.texts THEN (SELECT COUNT(*) \(rows("p.inbox", "p.status", "d.since_text", "d.until_text"))) ELSE 0 END)
                  FROM pairs AS p CROSS JOIN days AS d
                 WHERE p.numbers OR p.texts
                """, arguments)
        }
        // Without the index, one pass over the account's conversations grouped by the local day itself
        // (`LocalDays.sqlDayIndex` of the row's Unix seconds: text is Rails' UTC, which strftime reads as UTC, its
        // fraction dropped), then joined to the few groups.
        let seconds = "(CASE typeof(c.created_at) WHEN 'text' THEN CAST(strftime('%s', c.created_at) AS INTEGER) "
            + "ELSE c.created_at END)"
        return ("""
            SELECT g.day, i.channel_type, g.status, g.n
              FROM (SELECT \(days.sqlDayIndex(of: seconds)) AS day, c.inbox_id, c.status, COUNT(*) AS n
                      FROM conversations AS c
                     WHERE c.account_id = :account AND c.status IN (0, 1, 2, 3) AND \(ReportQuery.createdInRange)
                     GROUP BY day, c.inbox_id, c.status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """, StatementArguments(ReportQuery.arguments(account: account, range: days.range)))
    }

    static func run(_ db: Database, layout: FileLayout, account: Int64, days: LocalDays,
                    fileName: String) throws -> DailyReport {
        let (sql, arguments) = statement(days: days, layout: layout, account: account)
        var daily = DailyReport(days: days)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            guard let day: Int = row[0],
                  daily.add(day: day, channelType: row[1] ?? "", statusCode: row[2], count: row[3] ?? 0) else {
                throw SourceError(.badData, "\(fileName) holds a conversation the day-by-day report cannot place "
                                  + "(a created_at that is not a time) or more than a 64-bit count can hold")
            }
        }
        return daily
    }
}
