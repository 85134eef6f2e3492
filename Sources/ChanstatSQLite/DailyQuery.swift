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
            // sort all of them: 2.1 s against 0.13 s at 5M, docs/benchmarks.md.) The range of the form a file
            // does not use is empty and costs a seek.
            let values = days.days.indices.map { "(\($0), ?, ?, ?, ?)" }.joined(separator: ", ")
            // The days' bounds are parameters 1 to 4n in order, the account the last one.
            var arguments: StatementArguments = []
            for day in days.days {
                arguments += [day.since, day.until, TimestampForm.utcText(day.since), TimestampForm.utcText(day.until)]
            }
            arguments += [account]
            let count = { (since: String, until: String) in """
                (SELECT COUNT(*) FROM conversations AS c
                  WHERE c.account_id = ?\(4 * days.days.count + 1) AND c.inbox_id = i.id AND c.status = s.status
                    AND c.created_at >= d.\(since) AND c.created_at < d.\(until))
                """ }
            return ("""
                WITH days (n, since, until, since_text, until_text) AS (VALUES \(values))
                SELECT * FROM (
                  SELECT d.n, i.channel_type, s.status,
                         \(count("since", "until")) + \(count("since_text", "until_text")) AS count
                    FROM inboxes AS i
                    CROSS JOIN (SELECT 0 AS status UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS s
                    CROSS JOIN days AS d)
                 WHERE count > 0
                """, arguments)
        }
        // Without the index, one pass over the account's conversations grouped by the local day itself
        // (`LocalDays.sqlDayIndex` of the row's Unix seconds: text is Rails' UTC, which strftime reads as UTC, its
        // fraction dropped), then joined to the few groups.
        let seconds = "(CASE typeof(c.created_at) WHEN 'text' THEN CAST(strftime('%s', c.created_at) AS INTEGER) "
            + "ELSE c.created_at END)"
        let range = days.range
        return ("""
            SELECT g.day, i.channel_type, g.status, g.n
              FROM (SELECT \(days.sqlDayIndex(of: seconds)) AS day, c.inbox_id, c.status, COUNT(*) AS n
                      FROM conversations AS c
                     WHERE c.account_id = ? AND c.status IN (0, 1, 2, 3)
                       AND ((c.created_at >= ? AND c.created_at < ?) OR (c.created_at >= ? AND c.created_at < ?))
                     GROUP BY day, c.inbox_id, c.status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """, [account, range.since, range.until, TimestampForm.utcText(range.since), TimestampForm.utcText(range.until)])
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
