import ChanstatCore
import GRDB

/// The report day by day over a file, in one query (docs/report.md "Day by day"): the conversations of the
/// range grouped by local day (`LocalDays.sqlDayIndex`), inbox and status, joined to the inboxes for their
/// channel type. Columns: day index, channel type, status, count. The two shapes follow `ReportQuery`'s.
enum DailyQuery {
    static func sql(days: LocalDays, layout: FileLayout) -> String {
        let day = days.sqlDayIndex(of: layout.timestampForm.unixSeconds(of: "c.created_at"))
        if layout.hasRecommendedIndex {
            // One narrow index range per inbox and status, as the plain report; each range is read in
            // created_at order from the index alone (it holds every column used), then grouped by day.
            return """
                SELECT \(day) AS day, i.channel_type, s.status, COUNT(*)
                  FROM inboxes AS i
                  CROSS JOIN (SELECT 0 AS status UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS s
                  JOIN conversations AS c
                    ON c.account_id = :account AND c.inbox_id = i.id AND c.status = s.status
                   AND c.created_at >= :since AND c.created_at < :until
                 GROUP BY i.id, s.status, day
                """
        }
        return """
            SELECT g.day, i.channel_type, g.status, g.n
              FROM (SELECT \(day) AS day, c.inbox_id, c.status, COUNT(*) AS n FROM conversations AS c
                     WHERE c.account_id = :account AND c.status IN (0, 1, 2, 3)
                       AND c.created_at >= :since AND c.created_at < :until
                     GROUP BY day, c.inbox_id, c.status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """
    }

    static func run(_ db: Database, layout: FileLayout, account: Int64, days: LocalDays,
                    fileName: String) throws -> DailyReport {
        let arguments: StatementArguments = ["account": account,
                                             "since": layout.timestampForm.bound(days.range.since),
                                             "until": layout.timestampForm.bound(days.range.until)]
        var daily = DailyReport(days: days)
        let rows = try Row.fetchCursor(db, sql: sql(days: days, layout: layout), arguments: arguments)
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

extension TimestampForm {
    /// `column` as whole Unix seconds in SQL. Text is Rails' UTC `YYYY-MM-DD HH:MM:SS[.ffffff]`, which
    /// strftime reads as UTC; its fraction is dropped, which keeps the second the bounds compare.
    func unixSeconds(of column: String) -> String {
        switch self {
        case .unixSeconds: return column
        case .utcText: return "CAST(strftime('%s', \(column)) AS INTEGER)"
        }
    }
}
