import ChanstatCore
import Logging
import PostgresNIO

/// The queries of the report, the accounts and serve's access check on Chatwoot's database. All of them read; the
/// session is read-only too. The rest of chanstat's SQL there is elsewhere: the catalog check (`PostgresSchema`),
/// the transaction and session statements (`PostgresSession`), serve's `SELECT 1` (`PostgresReportStore`) and
/// sample's tables and rows (`PostgresSampleDDL`, `PostgresSampleWriter`).
///
/// Every name is schema-qualified, as pg_dump's are since CVE-2018-1058: Chatwoot's tables as `public.…`,
/// functions and operators from `pg_catalog` (`OPERATOR(pg_catalog.=)`), so that another role of the database
/// cannot put an object of its own in front of ours (an operator `public.=(varchar, text)` that matches the
/// token comparison better than pg_catalog's, a schema named after chanstat's role that shadows `public`). The
/// session's `search_path` is empty as well (`PostgresSession`); this is the second wall, not the only one.
extension PostgresSchema {
    /// A bound for `created_at`, typed as the column is (see `UTCTimestamp`).
    func appendBound(_ seconds: Int64, to bindings: inout PostgresBindings) {
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
            SELECT g.inbox_id::pg_catalog.int8, i.channel_type::pg_catalog.text, g.status::pg_catalog.int8, g.n,
                   i.name::pg_catalog.text
              FROM (SELECT c.inbox_id, c.status, pg_catalog.count(*) AS n FROM public.conversations AS c
                     WHERE \(Self.accountAndRange)
                     GROUP BY c.inbox_id, c.status) AS g
              JOIN public.inboxes AS i ON i.id OPERATOR(pg_catalog.=) g.inbox_id
            """, binds: bindings)
    }

    /// The report day by day: the same selection as `reportQuery`, grouped also by the day of `created_at`:
    /// `width_bucket` finds it among the days' starts (bound as the column's type, so the session's TimeZone never
    /// enters) by binary search. It cost 203 ms where the day computed from EXTRACT(EPOCH …) cost 406 ms (numeric
    /// arithmetic) and the plain report 136 ms, at 2M rows (docs/benchmarks.md). Columns: day index, channel type,
    /// status, count.
    func dailyQuery(account: Int64, days: LocalDays) -> PostgresQuery {
        let (bindings, day) = dayBindings(account: account, days: days)
        return PostgresQuery(unsafeSQL: """
            SELECT g.day::pg_catalog.int8, i.channel_type::pg_catalog.text, g.status::pg_catalog.int8, g.n
              FROM (SELECT \(day) AS day, c.inbox_id, c.status, pg_catalog.count(*) AS n
                      FROM public.conversations AS c
                     WHERE \(Self.accountAndRange)
                     GROUP BY 1, c.inbox_id, c.status) AS g
              JOIN public.inboxes AS i ON i.id OPERATOR(pg_catalog.=) g.inbox_id
            """, binds: bindings)
    }

    /// The account and the range (`$1` to `$3`, as every range query binds them), then the days' starts (`$4` on),
    /// and the index of the day of `c.created_at` among them, which `width_bucket` finds.
    private func dayBindings(account: Int64, days: LocalDays) -> (PostgresBindings, day: String) {
        var bindings = PostgresBindings()
        bindings.append(account)
        appendBound(days.range.since, to: &bindings)
        appendBound(days.range.until, to: &bindings)
        for day in days.days { appendBound(day.since, to: &bindings) }
        let starts = days.days.indices.map { "$\($0 + 4)" }.joined(separator: ", ")
        return (bindings, "(pg_catalog.width_bucket(c.created_at, ARRAY[\(starts)]) OPERATOR(pg_catalog.-) 1)")
    }

    /// The day a group query groups by when asked day by day (`dayBindings`' expression). Without days every piece
    /// is empty, and the query is the range's. The day is answered as the last column.
    struct ByDay {
        let expression: String?

        /// The range's groups, without days.
        static let none = ByDay(expression: nil)

        /// After the selected columns of a query on `public.conversations AS c`: the day, named `day`.
        var selected: String { expression.map { ", \($0) AS day" } ?? "" }

        /// The day as the last output column, of `table`.
        func output(of table: String) -> String {
            expression == nil ? "" : ", \(table).day::pg_catalog.int8"
        }

        /// `table`'s day and a comma, to lead a list of keys.
        func leading(of table: String) -> String { expression == nil ? "" : "\(table).day, " }

        /// A comma and `table`'s day, to end a list of columns.
        func trailing(of table: String) -> String { expression == nil ? "" : ", \(table).day" }
    }

    /// The report by team, agent or label (SPEC 10): rows `is_total, id, name, display_name, status, n`, the
    /// groups first, then the total of the cohort, counted by the query (each conversation once: by label one
    /// conversation is in several groups). The cohort is the report's, with an existing inbox. By label the
    /// planner is asked first which way to count (`labelCounting`), on `connection`.
    func groupQuery(_ connection: PostgresConnection, logger: Logger, account: Int64, range: DateRange,
                    breakdown: Breakdown) async throws -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(account)
        appendBound(range.since, to: &bindings)
        appendBound(range.until, to: &bindings)
        return try await Self.groupQuery(connection, logger: logger, breakdown, by: .none, bindings: bindings)
    }

    /// The same groups and total day by day (docs/report.md "Day by day"), the day index the last column: rows
    /// `is_total, id, name, display_name, status, n, day`.
    func groupDaysQuery(_ connection: PostgresConnection, logger: Logger, account: Int64, days: LocalDays,
                        breakdown: Breakdown) async throws -> PostgresQuery {
        let (bindings, day) = dayBindings(account: account, days: days)
        return try await Self.groupQuery(connection, logger: logger, breakdown, by: ByDay(expression: day),
                                         bindings: bindings)
    }

    private static func groupQuery(_ connection: PostgresConnection, logger: Logger, _ breakdown: Breakdown,
                                   by day: ByDay, bindings: PostgresBindings) async throws -> PostgresQuery {
        switch breakdown {
        case .agent: return PostgresQuery(unsafeSQL: agentSQL(by: day), binds: bindings)
        case .label:
            let inOrder = PostgresQuery(unsafeSQL: labelSQL(by: day, counting: .inOrder), binds: bindings)
            let counting = try await labelCounting(connection, logger: logger, inOrder: inOrder)
            return counting == .inOrder ? inOrder
                : PostgresQuery(unsafeSQL: labelSQL(by: day, counting: counting), binds: bindings)
        default: return PostgresQuery(unsafeSQL: teamSQL(by: day), binds: bindings)
        }
    }

    // The cohorts and the groups' membership, said once for the breakdowns, the queue and the lists (a list with
    // a cell's filters must hold exactly the conversations the cell counts), on `public.conversations AS c`
    // (`accountAndRange` below is the range's); the existing inbox is each query's join or EXISTS.

    /// The queue's (SPEC 11): the account (`$1`)'s open, pending and snoozed, created at any time.
    static let inQueue = "c.account_id OPERATOR(pg_catalog.=) $1 "
        + "AND c.status OPERATOR(pg_catalog.=) ANY ('{0,2,3}'::pg_catalog.int4[])"

    /// A label: a row of `public.taggings AS tg` that tags a conversation as a label, ...
    static let labelKind = "tg.taggable_type::pg_catalog.text OPERATOR(pg_catalog.=) 'Conversation'::pg_catalog.text "
        + "AND tg.context::pg_catalog.text OPERATOR(pg_catalog.=) 'labels'::pg_catalog.text"

    /// ... here the conversation `conversation`'s, ...
    static func labelTagging(of conversation: String) -> String {
        "tg.taggable_id OPERATOR(pg_catalog.=) \(conversation) AND \(labelKind)"
    }

    /// ... whose tag, `public.tags AS tag`, has a name (a tag row that is gone, or has no name, is no label).
    static let labelTag = "tag.id OPERATOR(pg_catalog.=) tg.tag_id AND tag.name IS NOT NULL"

    /// By team and agent each conversation is in one group, so its groups and total are counted per inbox, group
    /// and status first (`p`, one pass over the cohort), and only those few rows are checked for an existing inbox
    /// and summed: by group and status, and by status alone for the total (GROUPING SETS; each conversation is in
    /// one row of `p`, so it counts once). Checking the inbox of every row instead cost a hash probe each: by team,
    /// 180 days at 5M, 0.80-0.99 s against 1.04-1.29 s, psql's plain GROUP BY 1.03-1.15 s (docs/benchmarks.md).
    /// `key` is an expression of `public.conversations AS c`. By day, both sets are also by the day.
    private static func oneGroupEachAndTotal(_ key: String, by day: ByDay) -> String {
        let dayKey = day.leading(of: "p")
        return """
        SELECT GROUPING(p.key) OPERATOR(pg_catalog.=) 1 AS is_total, p.key, p.status,
               pg_catalog.sum(p.n)::pg_catalog.int8 AS n\(day.trailing(of: "p"))
          FROM (SELECT c.inbox_id, \(key) AS key, c.status, pg_catalog.count(*) AS n\(day.selected)
                  FROM public.conversations AS c
                 WHERE \(accountAndRange)
                 GROUP BY c.inbox_id, \(key), c.status\(day.expression.map { ", \($0)" } ?? "")) AS p
         WHERE EXISTS (SELECT 1 FROM public.inboxes AS i WHERE i.id OPERATOR(pg_catalog.=) p.inbox_id)
         GROUP BY GROUPING SETS ((\(dayKey)p.key, p.status), (\(dayKey)p.status))
        """
    }

    /// By team: `conversations.team_id`, named by `teams.name` (NULL when the row is gone).
    private static func teamSQL(by day: ByDay) -> String {
        """
        SELECT g.is_total, g.key::pg_catalog.int8, t.name::pg_catalog.text, NULL::pg_catalog.text,
               g.status::pg_catalog.int8, g.n\(day.output(of: "g"))
          FROM (\(oneGroupEachAndTotal("c.team_id", by: day))) AS g
          LEFT JOIN public.teams AS t ON t.id OPERATOR(pg_catalog.=) g.key
        """
    }

    /// By agent: `conversations.assignee_id`, with the user's `name` and `display_name`.
    private static func agentSQL(by day: ByDay) -> String {
        """
        SELECT g.is_total, g.key::pg_catalog.int8, u.name::pg_catalog.text, u.display_name::pg_catalog.text,
               g.status::pg_catalog.int8, g.n\(day.output(of: "g"))
          FROM (\(oneGroupEachAndTotal("c.assignee_id", by: day))) AS g
          LEFT JOIN public.users AS u ON u.id OPERATOR(pg_catalog.=) g.key
        """
    }

    /// The cohort of both reports: `$1` the account, `[$2, $3)` the range, on `public.conversations AS c`.
    static let accountAndRange = "c.account_id OPERATOR(pg_catalog.=) $1 "
        + "AND c.created_at OPERATOR(pg_catalog.>=) $2 AND c.created_at OPERATOR(pg_catalog.<) $3"

    /// At most `limit` accounts by id, or the one asked for: id, name, suspended.
    func accountsQuery(only id: Int64?, limit: Int) -> PostgresQuery {
        var bindings = PostgresBindings()
        let filter: String
        if let id { bindings.append(id); filter = "WHERE a.id OPERATOR(pg_catalog.=) $1" } else { filter = "" }
        return PostgresQuery(unsafeSQL: """
            SELECT a.id::pg_catalog.int8, a.name::pg_catalog.text, \(suspended(of: "a"))
              FROM public.accounts AS a \(filter) ORDER BY a.id LIMIT \(limit)
            """, binds: bindings)
    }

    /// The facts of one token for one account, as Chatwoot decides access (see `AccessDecision.decide`). The
    /// token is bound as text and compared with pg_catalog's text equality (`access_tokens.token` is varchar,
    /// which becomes text without a function call, so the unique index still serves it).
    func accessQuery(token: String, account: Int64?) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(token)
        bindings.append(account)
        return PostgresQuery(unsafeSQL: """
            SELECT t.owner_type::pg_catalog.text,
                   EXISTS (SELECT 1 FROM public.users AS u WHERE u.id OPERATOR(pg_catalog.=) t.owner_id),
                   EXISTS (SELECT 1 FROM public.accounts AS a WHERE a.id OPERATOR(pg_catalog.=) $2),
                   COALESCE((SELECT \(suspended(of: "a")) FROM public.accounts AS a
                              WHERE a.id OPERATOR(pg_catalog.=) $2), false),
                   (SELECT pg_catalog.bool_or(au.role OPERATOR(pg_catalog.=) 1) FROM public.account_users AS au
                     WHERE au.account_id OPERATOR(pg_catalog.=) $2 AND au.user_id OPERATOR(pg_catalog.=) t.owner_id)
              FROM public.access_tokens AS t
             WHERE t.token::pg_catalog.text OPERATOR(pg_catalog.=) $1::pg_catalog.text
            """, binds: bindings)
    }

    /// The accounts of a 'User' token's user, for `/metrics`: each is then decided by `accessQuery`.
    func memberAccountsQuery(token: String) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(token)
        return PostgresQuery(unsafeSQL: """
            SELECT DISTINCT au.account_id::pg_catalog.int8
              FROM public.access_tokens AS t
              JOIN public.account_users AS au ON au.user_id OPERATOR(pg_catalog.=) t.owner_id
             WHERE t.token::pg_catalog.text OPERATOR(pg_catalog.=) $1::pg_catalog.text
               AND t.owner_type::pg_catalog.text OPERATOR(pg_catalog.=) 'User'
             ORDER BY 1 LIMIT 10000
            """, binds: bindings)
    }

    /// Whether the account `alias` is suspended (`accounts.status` 1), or `false` where the schema has no status.
    private func suspended(of alias: String) -> String {
        hasAccountStatus ? "COALESCE(\(alias).status, 0) OPERATOR(pg_catalog.=) 1" : "false"
    }
}

// MARK: - Lists (SPEC 12, docs/report.md "Lists")

/// A list of conversations: the counts' own cohort narrowed by a `ConversationFilter`, read in the documented
/// order with a LIMIT, and its count by a COUNT over the same WHERE in the same statement (one snapshot, so the
/// count is the items' own). Qualified throughout, as every statement here.
extension PostgresSchema {
    /// The WHERE of a list (on `public.conversations AS c JOIN public.inboxes AS i`) and its bindings, `$1` the
    /// account.
    struct ListSelection {
        var conditions: [String] = []
        var bindings = PostgresBindings()

        /// The next parameter, `$n`, bound to `value`.
        mutating func bind<Value: PostgresNonThrowingEncodable & Sendable>(_ value: Value) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
    }

    /// The account's conversations with an existing inbox (the join) and a status the counts count: created in
    /// the range (`accountAndRange`, the reports' own), or the queue's open, pending and snoozed.
    func listCohort(account: Int64, _ cohort: ListCohort) -> ListSelection {
        var selection = ListSelection()
        selection.bindings.append(account)
        switch cohort {
        case .created(let range):
            appendBound(range.since, to: &selection.bindings)
            appendBound(range.until, to: &selection.bindings)
            selection.conditions = [Self.accountAndRange,
                                    "c.status OPERATOR(pg_catalog.=) ANY ('{0,1,2,3}'::pg_catalog.int4[])"]
        case .queue:
            selection.conditions = [Self.inQueue]
        }
        return selection
    }

    /// The labels of the conversation `c` of the list's WHERE (`labelTagging`, `labelTag`).
    static let labelsOfThisConversation = "FROM public.taggings AS tg JOIN public.tags AS tag ON \(labelTag) WHERE \(labelTagging(of: "c.id"))"

    /// `selection` narrowed by `filter`: each filter is its group's membership, as the breakdowns group.
    func narrowed(_ selection: ListSelection, by filter: ConversationFilter) -> ListSelection {
        var s = selection
        func add(_ condition: String) { s.conditions.append(condition) }
        let equals = "OPERATOR(pg_catalog.=)"
        if let type = filter.channelType {
            add("COALESCE(i.channel_type::pg_catalog.text, ''::pg_catalog.text) \(equals) \(s.bind(type))::pg_catalog.text")
        }
        if let inbox = filter.inboxID { add("c.inbox_id \(equals) \(s.bind(inbox))") }
        switch filter.team {
        case .named(let id)?: add("c.team_id \(equals) \(s.bind(id))")
        case .none?: add("c.team_id IS NULL")
        case nil: break
        }
        switch filter.agent {
        case .named(let id)?: add("c.assignee_id \(equals) \(s.bind(id))")
        case .none?: add("c.assignee_id IS NULL")
        case nil: break
        }
        switch filter.label {
        case .named(let name)?:
            add("EXISTS (SELECT 1 \(Self.labelsOfThisConversation) AND tag.name::pg_catalog.text \(equals) \(s.bind(name))::pg_catalog.text)")
        case .none?: add("NOT EXISTS (SELECT 1 \(Self.labelsOfThisConversation))")
        case nil: break
        }
        if let status = filter.status { add("c.status \(equals) \(s.bind(Int64(status.rawValue)))") }
        for state in ConversationFilter.QueueState.allCases where filter.queueStates.contains(state) {
            switch state {
            case .unattended: add("c.status \(equals) 0 AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)")
            case .unassigned: add("c.status \(equals) 0 AND c.assignee_id IS NULL")
            case .waiting: add("c.status \(equals) 0 AND c.waiting_since IS NOT NULL")
            }
        }
        return s
    }

    /// The first `limit` conversations of `selection` (the waiting ones first, the longest waiting first; then the
    /// others; ties and the others by `created_at`, then `id`), each row with the count of all of them. Columns:
    /// count, id, display id, inbox id, inbox name, channel type, status, assignee id, the user's display name and
    /// name, team id, team name, labels, created at, waiting since (timestamps as stored, read as UTC). The labels,
    /// the assignee and the team are read for the listed rows only, after the LIMIT: inside it PostgreSQL read them
    /// for every row it sorted (the labels: 40 ms against 11 ms at 1M rows; the users and teams: 56 ms against
    /// 33 ms for an inbox's 15,181 open conversations at 5M, docs/benchmarks.md).
    func listQuery(_ selection: ListSelection, limit: ListLimit) -> PostgresQuery {
        let waiting = "(c.status OPERATOR(pg_catalog.=) 0 AND c.waiting_since IS NOT NULL)"
        let selected = """
            FROM public.conversations AS c JOIN public.inboxes AS i ON i.id OPERATOR(pg_catalog.=) c.inbox_id
            """
        let conditions = "WHERE " + selection.conditions.joined(separator: "\n   AND ")
        return PostgresQuery(unsafeSQL: """
            SELECT (SELECT pg_catalog.count(*) \(selected) \(conditions)), l.id, l.display_id, l.inbox_id, l.inbox,
                   l.channel_type, l.status, l.assignee_id, u.display_name::pg_catalog.text, u.name::pg_catalog.text,
                   l.team_id, t.name::pg_catalog.text,
                   ARRAY(SELECT tag.name::pg_catalog.text FROM public.taggings AS tg JOIN public.tags AS tag ON \(Self.labelTag)
                          WHERE \(Self.labelTagging(of: "l.id"))), l.created_at, l.waiting_since
              FROM (SELECT c.id::pg_catalog.int8 AS id, c.display_id::pg_catalog.int8 AS display_id,
                           c.inbox_id::pg_catalog.int8 AS inbox_id, i.name::pg_catalog.text AS inbox,
                           i.channel_type::pg_catalog.text AS channel_type, c.status::pg_catalog.int8 AS status,
                           c.assignee_id::pg_catalog.int8 AS assignee_id, c.team_id::pg_catalog.int8 AS team_id,
                           c.created_at, c.waiting_since, \(waiting) AS waits,
                           CASE WHEN \(waiting) THEN c.waiting_since END AS waited_since
                      \(selected)
                     \(conditions)
                     ORDER BY waits DESC, waited_since, created_at, id LIMIT \(limit.value)) AS l
              LEFT JOIN public.users AS u ON u.id OPERATOR(pg_catalog.=) l.assignee_id
              LEFT JOIN public.teams AS t ON t.id OPERATOR(pg_catalog.=) l.team_id
             ORDER BY l.waits DESC, l.waited_since, l.created_at, l.id
            """, binds: selection.bindings)
    }
}
