import ChanstatCore
import PostgresNIO

// MARK: - The queue now (docs/report.md "The queue now")

/// The queue on Chatwoot's database: one query per refresh and breakdown, one function per breakdown, qualified
/// as every statement of `PostgresQueries`. Rows as the file's `QueueQuery` gives them: kind (0 a group, 1 the
/// totals), the group's raw columns (id, text, name, display name, channel type), a class of conversations (status,
/// assigned, answered once, the bucket of `waiting_since`, -1 when NULL), how many, and the earliest
/// `waiting_since` in Unix seconds.
/// The rules of what counts where are `QueueCounts.add`'s; the totals are counted by the query, never summed from
/// the groups.
///
/// `waiting_since` is `timestamp without time zone` holding UTC, as `created_at`: it is compared with the bucket
/// edges bound as that type (`UTCTimestamp`), and the earliest is read with `date_part('epoch', …)`, which
/// for a timestamp without time zone counts from 1970-01-01 00:00 of the same wall clock: no TimeZone enters.
/// The table is read for the columns no index holds (`waiting_since`, `first_reply_created_at`, `team_id`) only where
/// a breakdown needs them: see `queueRowsFromIndexes` (docs/benchmarks.md "The queue now").
extension PostgresSchema {
    /// `$1` the account, `$2`…`$5` the bucket edges (`WaitAge.edges`).
    private func queueBindings(account: Int64, at now: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(account)
        for edge in WaitAge.edges(at: now) { appendBound(edge, to: &bindings) }
        return bindings
    }

    /// A conversation's class, as columns to group by: its status, and yes-or-no columns for the rest, the
    /// bucket of `waiting_since` included (set, later than each edge). Grouped by a CASE of `waiting_since`,
    /// PostgreSQL counted on as many groups as `waiting_since` has values (it estimates an expression of one column
    /// by that column), so it sorted the whole queue on disk; it counts two per yes-or-no column, so it hashes the
    /// few hundred classes in memory: 430 to 355 ms for 102,029 conversations at 5M (docs/benchmarks.md).
    private static let queueClassColumns = """
        c.status AS status, c.assignee_id IS NOT NULL AS assigned, c.first_reply_created_at IS NOT NULL AS replied,
        c.waiting_since IS NOT NULL AS waits, c.waiting_since OPERATOR(pg_catalog.>) $2 AS within1h,
        c.waiting_since OPERATOR(pg_catalog.>) $3 AS within4h, c.waiting_since OPERATOR(pg_catalog.>) $4 AS within24h,
        c.waiting_since OPERATOR(pg_catalog.>) $5 AS within7d
        """

    /// How many columns `queueClassColumns` has.
    private static let queueClassColumnCount = 8

    /// The class columns of `t` (the grouped classes) as the rows give them: status, assigned, replied, bucket (the
    /// `WaitAge` by its position in `WaitAge.edges`, -1 when `waiting_since` is NULL).
    private static func queueClass(of t: String) -> String {
        """
        \(t).status::pg_catalog.int8, \(t).assigned, \(t).replied,
        (CASE WHEN NOT \(t).waits THEN -1 WHEN \(t).within1h THEN 0 WHEN \(t).within4h THEN 1
              WHEN \(t).within24h THEN 2 WHEN \(t).within7d THEN 3 ELSE 4 END)::pg_catalog.int8
        """
    }

    /// The class columns to group by, of `t`.
    private static func queueClassKeys(of t: String) -> String {
        ["status", "assigned", "replied", "waits", "within1h", "within4h", "within24h", "within7d"]
            .map { "\(t).\($0)" }.joined(separator: ", ")
    }

    private static let queueCohort = """
        FROM public.conversations AS c JOIN public.inboxes AS i ON i.id OPERATOR(pg_catalog.=) c.inbox_id
        WHERE \(inQueue)
        """

    /// `1, 2, …, count`: grouping by position, since a column's output name may also be an input column's.
    static func positions(_ count: Int) -> String {
        (1...count).map(String.init).joined(separator: ", ")
    }

    private static func epoch(_ timestamp: String) -> String {
        "pg_catalog.floor(pg_catalog.date_part('epoch', \(timestamp)))::pg_catalog.int8"
    }

    /// The key columns of a breakdown whose conversations each are in one group, each `(expression, name)`:
    /// `ofConversation` of `public.conversations AS c`, `ofInbox` of the conversation's inbox `public.inboxes AS i`.
    struct QueueKeys {
        var ofConversation: [(String, String)] = []
        var ofInbox: [(String, String)] = []

        var count: Int { ofConversation.count + ofInbox.count }

        /// The conversation's keys as `expression AS name` (with a comma after each), counted before the join.
        var beforeJoin: String { ofConversation.map { "\($0.0) AS \($0.1), " }.joined() }

        /// Every key after the join: the conversation's as `o` named them, the inbox's from `i`.
        var afterJoin: String {
            (ofConversation.map { "o.\($0.1)" } + ofInbox.map { "\($0.0) AS \($0.1)" }).joined(separator: ", ")
        }
    }

    /// Breakdowns where each conversation is in one group: the rows of `rows` (one per inbox id, group and class)
    /// joined to their inboxes (`g`), the totals summed from those few rows. A group and class may have a row per
    /// inbox; `QueueCounts.add` adds them up. `named` are the five group columns, read from `g` and `joins`.
    ///
    /// The rows are counted per inbox id before the inboxes are joined, so the inbox's columns (the channel type,
    /// the name) are looked up per counted row, not hashed for every conversation (docs/benchmarks.md "The queue
    /// now").
    private func queueBySingleGroup(account: Int64, at now: Int64, keys: QueueKeys, rows: QueueRows, named: String,
                                    joins: String = "") -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            WITH \(rows.before)g AS MATERIALIZED (
                SELECT \(keys.afterJoin), \(Self.queueClassKeys(of: "o")), o.n, o.earliest
                  FROM (\(rows.select)) AS o
                  JOIN public.inboxes AS i ON i.id OPERATOR(pg_catalog.=) o.inbox_id
                 WHERE o.n OPERATOR(pg_catalog.>) 0)
            SELECT 0::pg_catalog.int8, \(named), \(Self.queueClass(of: "g")), g.n, \(Self.epoch("g.earliest"))
              FROM g \(joins)
            UNION ALL
            SELECT 1::pg_catalog.int8, NULL::pg_catalog.int8, NULL::pg_catalog.text, NULL::pg_catalog.text,
                   NULL::pg_catalog.text, NULL::pg_catalog.text, \(Self.queueClass(of: "g")),
                   pg_catalog.sum(g.n)::pg_catalog.int8, \(Self.epoch("pg_catalog.min(g.earliest)"))
              FROM g GROUP BY \(Self.queueClassKeys(of: "g"))
            """, binds: queueBindings(account: account, at: now))
    }

    /// How the rows per inbox id, conversation key and class are counted: `select` gives them as columns
    /// `inbox_id`, the conversation's keys, the class's (`queueClassKeys`), `n` and `earliest` (the earliest
    /// `waiting_since`), after the common table expressions `before` (each followed by a comma).
    struct QueueRows {
        var before = ""
        var select: String
    }

    /// Every conversation of the queue read from the table: for a key no index holds (the team).
    private static func everyQueueRow(keys: QueueKeys) -> QueueRows {
        QueueRows(select: """
            SELECT c.inbox_id AS inbox_id, \(keys.beforeJoin)\(queueClassColumns),
                   pg_catalog.count(*) AS n, pg_catalog.min(c.waiting_since) AS earliest
              FROM public.conversations AS c
             WHERE \(inQueue)
             GROUP BY \(positions(1 + keys.ofConversation.count + queueClassColumnCount))
            """)
    }

    /// For keys that are columns of `conv_acid_inbid_stat_asgnid_idx` (account, inbox, status, assignee) or of the
    /// inbox (by channel, inbox and agent), the table is read only where the index cannot answer, as Chatwoot's
    /// own live report reads it:
    /// - `unattended`: the open conversations never answered or waiting again (Chatwoot's `unattended` scope, in
    ///   its own words, so that the planner finds them as it does for Chatwoot's count: a BitmapAnd of the indexes
    ///   on status and account, `first_reply_created_at` and `waiting_since`), counted by class with their ages.
    /// - `indexed`: every open, pending and snoozed conversation counted from the index alone, per inbox, key,
    ///   status and assigned or not (driven by the inboxes, so that each inbox is one range of the index).
    /// - The open conversations that are not unattended are all of one class (answered, not waiting): `indexed`'s
    ///   open count less `unattended`'s for the same inbox, key and assignment, both read by one statement, so
    ///   from one snapshot. Pending and snoozed count by their status alone (`QueueCounts.add` reads nothing else
    ///   of them).
    /// Reading every open conversation from the table instead read 31,733 pages where Chatwoot's unattended count
    /// reads 17,122: by channel at 5M, 183 against 140 ms as psql whole processes, Chatwoot's four counts 126 ms
    /// (docs/benchmarks.md "The queue now").
    ///
    /// Where the keys are all the inbox's and `accountInboxIndex` (`hasAccountInboxIndex`), `indexed` is counted
    /// per inbox and status with a plain count each (`countedPerInbox`), not grouped row by row. Per assignee the
    /// counts would be grouped row by row anyway: no faster (14.8 against 16 ms), so by agent they are grouped.
    private static func queueRowsFromIndexes(keys: QueueKeys, accountInboxIndex: Bool) -> QueueRows {
        let names = keys.ofConversation.map(\.1)
        let perInbox = accountInboxIndex && names.isEmpty
        let sameKeys = names.map {
            " AND (u.\($0) OPERATOR(pg_catalog.=) s.\($0) OR u.\($0) IS NULL AND s.\($0) IS NULL)"
        }.joined()
        let keysOf = { (t: String) in names.map { "\(t).\($0), " }.joined() }
        return QueueRows(before: """
            unattended AS MATERIALIZED (
                SELECT c.inbox_id AS inbox_id, \(keys.beforeJoin)\(queueClassColumns),
                       pg_catalog.count(*) AS n, pg_catalog.min(c.waiting_since) AS earliest
                  FROM public.conversations AS c
                 WHERE c.account_id OPERATOR(pg_catalog.=) $1 AND c.status OPERATOR(pg_catalog.=) 0
                   AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)
                 GROUP BY \(positions(1 + names.count + queueClassColumnCount))),
            indexed AS MATERIALIZED (\(perInbox ? countedPerInbox : """
                SELECT c.inbox_id AS inbox_id, \(keys.beforeJoin)c.status AS status,
                       c.assignee_id IS NOT NULL AS assigned, pg_catalog.count(*) AS n
                  FROM public.inboxes AS i JOIN public.conversations AS c ON c.inbox_id OPERATOR(pg_catalog.=) i.id
                 WHERE \(inQueue)
                 GROUP BY \(positions(1 + names.count + 2))
                """)),
            """, select: """
            SELECT u.inbox_id, \(keysOf("u"))\(queueClassKeys(of: "u")), u.n, u.earliest FROM unattended AS u
            UNION ALL
            SELECT s.inbox_id, \(keysOf("s"))s.status, s.assigned, s.status OPERATOR(pg_catalog.=) 0, false,
                   NULL::pg_catalog.bool, NULL::pg_catalog.bool, NULL::pg_catalog.bool, NULL::pg_catalog.bool,
                   s.n OPERATOR(pg_catalog.-) CASE WHEN s.status OPERATOR(pg_catalog.=) 0
                       THEN COALESCE((SELECT pg_catalog.sum(u.n)::pg_catalog.int8 FROM unattended AS u
                                       WHERE u.inbox_id OPERATOR(pg_catalog.=) s.inbox_id
                                         AND u.assigned OPERATOR(pg_catalog.=) s.assigned\(sameKeys)), 0)
                       ELSE 0 END,
                   NULL::pg_catalog.timestamp
              FROM indexed AS s
            """)
    }

    /// The queue's conversations of the account (`$1`) counted per inbox, status and assigned or not, from
    /// `conv_acid_inbid_stat_asgnid_idx` alone: the account's inbox ids found one descent of the index each (a
    /// recursive "next inbox id after this one"), then one plain count per inbox and status, each a range of the
    /// index. Grouping the 102,029 index entries of account 1 at 5M row by row took 16 ms of a 60 ms statement;
    /// this, 6 ms (docs/benchmarks.md "The queue now"). The inbox ids are those of the account's conversations,
    /// whatever account the inbox is of, as the grouping's were. Without the index each descent would be a scan,
    /// so it is used only where `hasAccountInboxIndex`.
    private static let countedPerInbox = """
        WITH RECURSIVE ids (id) AS (
            SELECT (SELECT pg_catalog.min(c.inbox_id) FROM public.conversations AS c
                     WHERE c.account_id OPERATOR(pg_catalog.=) $1)
            UNION ALL
            SELECT (SELECT pg_catalog.min(c.inbox_id) FROM public.conversations AS c
                     WHERE c.account_id OPERATOR(pg_catalog.=) $1 AND c.inbox_id OPERATOR(pg_catalog.>) ids.id)
              FROM ids WHERE ids.id IS NOT NULL)
        SELECT ids.id AS inbox_id, st.status AS status, a.assigned AS assigned, a.n AS n
          FROM ids CROSS JOIN (VALUES (0), (2), (3)) AS st (status)
         CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n, pg_catalog.count(c.assignee_id) AS with_assignee
                               FROM public.conversations AS c
                              WHERE c.account_id OPERATOR(pg_catalog.=) $1 AND c.inbox_id OPERATOR(pg_catalog.=) ids.id
                                AND c.status OPERATOR(pg_catalog.=) st.status) AS x
         CROSS JOIN LATERAL (VALUES (true, x.with_assignee), (false, x.n OPERATOR(pg_catalog.-) x.with_assignee))
               AS a (assigned, n)
         WHERE ids.id IS NOT NULL
        """

    func queueByChannel(account: Int64, at now: Int64) -> PostgresQuery {
        let keys = QueueKeys(ofInbox: [("i.channel_type::pg_catalog.text", "channel_type")])
        return queueBySingleGroup(account: account, at: now, keys: keys,
                                  rows: Self.queueRowsFromIndexes(keys: keys, accountInboxIndex: hasAccountInboxIndex),
                           named: "NULL::pg_catalog.int8, g.channel_type, NULL::pg_catalog.text, NULL::pg_catalog.text, "
                               + "NULL::pg_catalog.text")
    }

    func queueByInbox(account: Int64, at now: Int64) -> PostgresQuery {
        let keys = QueueKeys(ofInbox: [("i.id::pg_catalog.int8", "inbox_id"), ("i.name::pg_catalog.text", "inbox_name"),
                                       ("i.channel_type::pg_catalog.text", "channel_type")])
        return queueBySingleGroup(account: account, at: now, keys: keys,
                                  rows: Self.queueRowsFromIndexes(keys: keys, accountInboxIndex: hasAccountInboxIndex),
                           named: "g.inbox_id, NULL::pg_catalog.text, g.inbox_name, NULL::pg_catalog.text, g.channel_type")
    }

    func queueByTeam(account: Int64, at now: Int64) -> PostgresQuery {
        let keys = QueueKeys(ofConversation: [("c.team_id::pg_catalog.int8", "team_id")])
        return queueBySingleGroup(account: account, at: now, keys: keys, rows: Self.everyQueueRow(keys: keys),
                           named: "g.team_id, NULL::pg_catalog.text, t.name::pg_catalog.text, NULL::pg_catalog.text, "
                               + "NULL::pg_catalog.text",
                           joins: "LEFT JOIN public.teams AS t ON t.id OPERATOR(pg_catalog.=) g.team_id")
    }

    func queueByAgent(account: Int64, at now: Int64) -> PostgresQuery {
        let keys = QueueKeys(ofConversation: [("c.assignee_id::pg_catalog.int8", "assignee_id")])
        return queueBySingleGroup(account: account, at: now, keys: keys,
                                  rows: Self.queueRowsFromIndexes(keys: keys, accountInboxIndex: hasAccountInboxIndex),
                           named: "g.assignee_id, NULL::pg_catalog.text, u.name::pg_catalog.text, "
                               + "u.display_name::pg_catalog.text, NULL::pg_catalog.text",
                           joins: "LEFT JOIN public.users AS u ON u.id OPERATOR(pg_catalog.=) g.assignee_id")
    }

    /// By label a conversation is in the group of each of its labels, or in the none group: the conversations'
    /// classes once (`q`), joined to their labels for the groups (counted once per label however often it is set),
    /// and counted alone for the totals.
    func queueByLabel(account: Int64, at now: Int64) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            WITH q AS MATERIALIZED (
                SELECT c.id AS id, \(Self.queueClassColumns), c.waiting_since AS waiting_since
                \(Self.queueCohort))
            SELECT 0::pg_catalog.int8, NULL::pg_catalog.int8, tag.name::pg_catalog.text, NULL::pg_catalog.text,
                   NULL::pg_catalog.text, NULL::pg_catalog.text, \(Self.queueClass(of: "q")),
                   pg_catalog.count(DISTINCT q.id), \(Self.epoch("pg_catalog.min(q.waiting_since)"))
              FROM q LEFT JOIN (public.taggings AS tg JOIN public.tags AS tag ON \(Self.labelTag))
                     ON \(Self.labelTagging(of: "q.id"))
             GROUP BY tag.name, \(Self.queueClassKeys(of: "q"))
            UNION ALL
            SELECT 1::pg_catalog.int8, NULL::pg_catalog.int8, NULL::pg_catalog.text, NULL::pg_catalog.text,
                   NULL::pg_catalog.text, NULL::pg_catalog.text, \(Self.queueClass(of: "q")),
                   pg_catalog.count(*), \(Self.epoch("pg_catalog.min(q.waiting_since)"))
              FROM q GROUP BY \(Self.queueClassKeys(of: "q"))
            """, binds: queueBindings(account: account, at: now))
    }

    /// The queue query of `breakdown`; nil for day, which is not a breakdown of the queue.
    func queueQuery(account: Int64, by breakdown: Breakdown, at now: Int64) -> PostgresQuery? {
        switch breakdown {
        case .channel: return queueByChannel(account: account, at: now)
        case .inbox: return queueByInbox(account: account, at: now)
        case .team: return queueByTeam(account: account, at: now)
        case .agent: return queueByAgent(account: account, at: now)
        case .label: return queueByLabel(account: account, at: now)
        case .day: return nil
        }
    }

    /// serve's `teams` and `agents` endpoints: an account's teams, or its agents (members) with their names.
    func rosterQuery(account: Int64, of breakdown: Breakdown) -> PostgresQuery? {
        var bindings = PostgresBindings()
        bindings.append(account)
        switch breakdown {
        case .team:
            return PostgresQuery(unsafeSQL: """
                SELECT t.id::pg_catalog.int8, t.name::pg_catalog.text, NULL::pg_catalog.text FROM public.teams AS t
                 WHERE t.account_id OPERATOR(pg_catalog.=) $1 ORDER BY t.id
                """, binds: bindings)
        case .agent:
            return PostgresQuery(unsafeSQL: """
                SELECT DISTINCT u.id::pg_catalog.int8, u.name::pg_catalog.text, u.display_name::pg_catalog.text
                  FROM public.account_users AS au JOIN public.users AS u ON u.id OPERATOR(pg_catalog.=) au.user_id
                 WHERE au.account_id OPERATOR(pg_catalog.=) $1 ORDER BY 1
                """, binds: bindings)
        default:
            return nil
        }
    }
}
