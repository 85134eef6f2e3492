import ChanstatCore
import PostgresNIO

/// The SQL chanstat runs on Chatwoot's database, in one place. All of it reads; the session is read-only too.
extension PostgresSchema {
    /// A bound for `created_at`, typed as the column is (see `UTCTimestamp`).
    private func appendBound(_ seconds: Int64, to bindings: inout PostgresBindings) {
        switch timestamps {
        case .withoutTimeZone: bindings.append(UTCTimestamp(unixSeconds: seconds))
        case .withTimeZone: bindings.append(UTCInstant(unixSeconds: seconds))
        }
    }

    /// The report: the account's conversations created in `[since, until)` grouped by inbox and status,
    /// then joined to the few resulting groups for the inbox's channel type. It counts exactly what
    /// Chatwoot's own query counts (every conversation joined to its inbox, grouped by channel type and
    /// status): conversations whose inbox row is gone drop out of the join, a NULL channel type is ""; unknown
    /// statuses are dropped by `ChannelSummary`. Grouping by integers before the join costs less than
    /// joining every row, and needs no index (docs/postgres.md has the one that helps).
    func reportQuery(account: Int64, range: DateRange) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(account)
        appendBound(range.since, to: &bindings)
        appendBound(range.until, to: &bindings)
        return PostgresQuery(unsafeSQL: """
            SELECT g.inbox_id::int8, i.channel_type::text, g.status::int8, g.n, i.name::text
              FROM (SELECT inbox_id, status, COUNT(*) AS n FROM conversations
                     WHERE account_id = $1 AND created_at >= $2 AND created_at < $3
                     GROUP BY inbox_id, status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """, binds: bindings)
    }

    /// The report day by day: the same selection as `reportQuery`, grouped also by the day of `created_at`:
    /// `width_bucket` finds it among the days' starts (bound as the column's type, so the session's TimeZone never
    /// enters) by binary search. It cost 203 ms where the day computed from EXTRACT(EPOCH …) cost 406 ms (numeric
    /// arithmetic) and the plain report 136 ms, at 2M rows (docs/benchmarks.md). Columns: day index, channel type,
    /// status, count.
    func dailyQuery(account: Int64, days: LocalDays) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(account)
        appendBound(days.range.since, to: &bindings)
        appendBound(days.range.until, to: &bindings)
        for day in days.days { appendBound(day.since, to: &bindings) }
        let starts = days.days.indices.map { "$\($0 + 4)" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: """
            SELECT (g.bucket - 1)::int8, i.channel_type::text, g.status::int8, g.n
              FROM (SELECT width_bucket(created_at, ARRAY[\(starts)]) AS bucket, inbox_id, status, COUNT(*) AS n
                      FROM conversations
                     WHERE account_id = $1 AND created_at >= $2 AND created_at < $3
                     GROUP BY 1, inbox_id, status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """, binds: bindings)
    }

    /// At most `limit` accounts by id, or the one asked for: id, name, suspended.
    func accountsQuery(only id: Int64?, limit: Int) -> PostgresQuery {
        let status = hasAccountStatus ? "COALESCE(status, 0) = 1" : "false"
        var bindings = PostgresBindings()
        let filter: String
        if let id { bindings.append(id); filter = "WHERE id = $1" } else { filter = "" }
        return PostgresQuery(unsafeSQL: "SELECT id::int8, name::text, \(status) FROM accounts \(filter) ORDER BY id LIMIT \(limit)",
                             binds: bindings)
    }

    /// The facts of one token for one account, as Chatwoot decides access (see `AccessDecision.decide`).
    func accessQuery(token: String, account: Int64?) -> PostgresQuery {
        let suspended = hasAccountStatus ? "COALESCE(a.status, 0) = 1" : "false"
        var bindings = PostgresBindings()
        bindings.append(token)
        bindings.append(account)
        return PostgresQuery(unsafeSQL: """
            SELECT t.owner_type::text,
                   EXISTS (SELECT 1 FROM users AS u WHERE u.id = t.owner_id),
                   EXISTS (SELECT 1 FROM accounts AS a WHERE a.id = $2),
                   COALESCE((SELECT \(suspended) FROM accounts AS a WHERE a.id = $2), false),
                   (SELECT bool_or(au.role = 1) FROM account_users AS au
                     WHERE au.account_id = $2 AND au.user_id = t.owner_id)
              FROM access_tokens AS t
             WHERE t.token = $1
            """, binds: bindings)
    }
}
