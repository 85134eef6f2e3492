import ChanstatCore
import GRDB

/// The SQL of the report over a file (docs/report.md: created in `[since, until)`, grouped by inbox, so by the
/// inbox's channel type, and the conversation's status; statuses outside 0...3 count nowhere). Columns: inbox id,
/// channel type, status, count, inbox name. The groups of the other breakdowns, and the days, follow.
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

    // The cohorts and the groups' membership, said once for the breakdowns, the queue and the lists (a list with
    // a cell's filters must hold exactly the conversations the cell counts), on `conversations AS c`; the existing
    // inbox is each query's join or EXISTS on `inboxes`.

    /// `created_at` of `conversations AS c` as whole Unix seconds, in either form (text is Rails' UTC, which
    /// strftime reads as UTC, its fraction dropped): what a day index is computed from (`LocalDays.sqlDayIndex`).
    static let createdSeconds = "(CASE typeof(c.created_at) WHEN 'text' THEN CAST(strftime('%s', c.created_at) AS INTEGER) "
        + "ELSE c.created_at END)"

    /// The range's conversations (SPEC 10): the account's, created in the range, statuses 0 to 3.
    static let inRange = "c.account_id = :account AND c.status IN (0, 1, 2, 3) AND \(createdInRange)"

    /// The queue's (SPEC 11): the account's open, pending and snoozed, created at any time.
    static let inQueue = "c.account_id = :account AND c.status IN (0, 2, 3)"

    /// A label: a row of `taggings AS tg` that tags a conversation as a label, ...
    static let labelKind = "tg.taggable_type = 'Conversation' AND tg.context = 'labels'"

    /// ... here the conversation `conversation`'s, ...
    static func labelTagging(of conversation: String) -> String {
        "tg.taggable_id = \(conversation) AND \(labelKind)"
    }

    /// ... whose tag, `tags AS tag`, has a name (a tag row that is gone, or has no name, is no label).
    static let labelTag = "tag.id = tg.tag_id AND tag.name IS NOT NULL"

    /// How a group query reads its cohort: `SQLiteReportSource.groupTotals` chooses, from the recommended index and
    /// the cohort's size, which it has just counted.
    enum CohortPath: Equatable, Sendable {
        /// Without the recommended index: SQLite's own plan. The query counts its own totals from the same cohort.
        case planned
        /// With it, for a cohort that is a small part of the table: for every inbox and status, a seek of the index
        /// per timestamp form (the order forced with CROSS JOIN, or SQLite scans the account's whole part of the
        /// index), then only the range's rows are read from the table, each by its id: about 0.65 µs a row.
        case indexSeeks
        /// With it, for a large part: one pass over the whole table in id order, about 0.09 µs a row, however many
        /// are the cohort's. By label the taggings are then looked up in id order too, which their index keeps
        /// close together. At 5M rows, 180 days of one account (a third of the table): by team 1.4 s where the
        /// seeks took 1.9 s and the shell's plain query 1.8 s; by label 3.5 s where the seeks took 4.3 s and the shell
        /// 4.5 s (docs/benchmarks.md).
        case tableScan

        /// The seeks cost about 7 times a scanned row each (measured at 5M: they break even at 90 days of one
        /// account, 15% of the table), so the table is scanned when the cohort is a seventh of it or more.
        /// `tableRows` is the largest id: an estimate (Chatwoot's ids are a sequence) read at the end of the table's
        /// B-tree, where counting the rows would read all of it.
        static func choose(cohort: Int64, tableRows: Int64) -> CohortPath {
            cohort >= tableRows / 7 ? .tableScan : .indexSeeks
        }

        /// A cohort's size counted up from the index's counts, `Int64.max` past it (a size only chooses the path).
        static func adding(_ count: Int64, to size: Int64) -> Int64 {
            let (sum, overflow) = size.addingReportingOverflow(max(count, 0))
            return overflow ? .max : sum
        }
    }

    /// The cohort of every breakdown (SPEC 10): the account's conversations created in the range, with an
    /// existing inbox, statuses 0 to 3; `columns` of `conversations AS c` besides `status`, read as `path` says.
    private static func cohort(_ columns: String, path: CohortPath) -> String {
        switch path {
        case .planned, .tableScan:
            return """
                SELECT \(columns), c.status FROM conversations AS c\(path == .tableScan ? " NOT INDEXED" : "")
                 WHERE \(inRange)
                   AND EXISTS (SELECT 1 FROM inboxes AS i WHERE i.id = c.inbox_id)
                """
        case .indexSeeks:
            func form(_ since: String, _ until: String) -> String {
                """
                SELECT \(columns), c.status
                  FROM inboxes AS i
                  CROSS JOIN (SELECT 0 AS status UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS s
                  CROSS JOIN conversations AS c
                 WHERE c.account_id = :account AND c.inbox_id = i.id AND c.status = s.status
                   AND c.created_at >= \(since) AND c.created_at < \(until)
                """
            }
            return form(":since", ":until") + "\nUNION ALL\n" + form(":sinceText", ":untilText")
        }
    }

    /// The day a group query adds to its groups when asked day by day (docs/report.md "Day by day"): the local
    /// day's index of each conversation (`LocalDays.sqlDayIndex` of `createdSeconds`), selected into the cohort as
    /// `day`, grouped by, and answered as the last column. Without days every piece is empty, and the query is the
    /// range's.
    struct ByDay {
        let expression: String?

        init(_ days: LocalDays?) {
            expression = days?.sqlDayIndex(of: ReportQuery.createdSeconds)
        }

        /// In the cohort's columns.
        var selected: String { expression.map { ", \($0) AS day" } ?? "" }

        /// The column, of `table` when given, after a list of columns.
        func column(of table: String? = nil) -> String {
            expression == nil ? "" : ", " + (table.map { "\($0)." } ?? "") + "day"
        }
    }

    /// Every group query: the cohort (`columns` of `conversations AS c`, and the day when asked) read as `path` says,
    /// then `groups`, whose rows are `is_total, id, name, display_name, status, n` (and `day` by day). On the
    /// `.planned` path the query also counts the total itself (`is_total` 1), each conversation once, never summed
    /// from the groups, from the cohort materialized once. On the index's paths the total is the index's own count
    /// (`SQLiteReportSource.groupTotals`), and the cohort is read once, by the groups, never materialized: at 5M
    /// rows that alone took by team from 2.4 s to 1.9 s.
    private static func groupQuery(_ columns: String, path: CohortPath, day: ByDay, groups: String) -> String {
        let cohort = cohort(columns + day.selected, path: path)
        guard path == .planned else { return "WITH cohort AS (\(cohort))\n\(groups)" }
        return """
            WITH cohort AS MATERIALIZED (\(cohort))
            \(groups)
            UNION ALL
            SELECT 1, NULL, NULL, NULL, status, COUNT(*)\(day.column()) FROM cohort GROUP BY status\(day.column())
            """
    }

    /// By team: `conversations.team_id`, named by `teams.name` (NULL when the row is gone).
    static func team(path: CohortPath, by day: ByDay = ByDay(nil)) -> String {
        groupQuery("c.team_id AS key", path: path, day: day, groups: """
            SELECT 0, g.key, t.name, NULL, g.status, g.n\(day.column(of: "g"))
              FROM (SELECT key, status, COUNT(*) AS n\(day.column()) FROM cohort GROUP BY key, status\(day.column())) AS g
              LEFT JOIN teams AS t ON t.id = g.key
            """)
    }

    /// By agent: `conversations.assignee_id`, with the user's `name` and `display_name`.
    static func agent(path: CohortPath, by day: ByDay = ByDay(nil)) -> String {
        groupQuery("c.assignee_id AS key", path: path, day: day, groups: """
            SELECT 0, g.key, u.name, u.display_name, g.status, g.n\(day.column(of: "g"))
              FROM (SELECT key, status, COUNT(*) AS n\(day.column()) FROM cohort GROUP BY key, status\(day.column())) AS g
              LEFT JOIN users AS u ON u.id = g.key
            """)
    }

    /// By label: a conversation's `taggings` of type 'Conversation' in context 'labels', named by `tags.name`;
    /// one with two labels counts under both (once each, however many rows tag it), one with none in the NULL
    /// group. One pass, as the shell's plain `LEFT JOIN … COUNT(DISTINCT)`: a tagging whose tag is gone or has no
    /// name is not joined at all (the EXISTS in the join), so such a conversation is in the NULL group only when it
    /// has no label. The earlier form (the labelled rows made distinct, then the rest by `NOT IN`) took 5.6-7.0 s
    /// where this took 4.3-4.9 s, for 180 days at 5M (docs/benchmarks.md).
    static func label(path: CohortPath, by day: ByDay = ByDay(nil)) -> String {
        groupQuery("c.id", path: path, day: day, groups: """
            SELECT 0, NULL, tag.name, NULL, co.status, COUNT(DISTINCT co.id)\(day.column(of: "co"))
              FROM cohort AS co
              LEFT JOIN taggings AS tg ON \(labelTagging(of: "co.id")) AND EXISTS (SELECT 1 FROM tags AS tag WHERE \(labelTag))
              LEFT JOIN tags AS tag ON tag.id = tg.tag_id
             GROUP BY tag.name, co.status\(day.column(of: "co"))
            """)
    }

    /// The group query of a breakdown whose cohort is read as `path` says, for the range or, with `days`, day by
    /// day; nil for channel, inbox and day, which have their own.
    static func groups(_ breakdown: Breakdown, path: CohortPath, days: LocalDays? = nil) -> String? {
        let day = ByDay(days)
        switch breakdown {
        case .team: return team(path: path, by: day)
        case .agent: return agent(path: path, by: day)
        case .label: return label(path: path, by: day)
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

// MARK: - Day by day (docs/report.md "Day by day")

/// The channel summary day by day over a file, in one query: the conversations of the range grouped by local day
/// (`LocalDays.sqlDayIndex`), inbox and status, joined to the inboxes for their channel type. Columns: day index,
/// channel type, status, count. Two shapes, as the range's query has, chosen by the recommended index. (By team,
/// agent and label, the days are the group queries' `ByDay`.)
extension ReportQuery {
    /// The SQL and its arguments, for a file with or without the recommended index. `created_at` may hold Unix
    /// seconds or UTC text, even mixed in one file; both forms are counted, as the plain report counts them (SQLite
    /// orders every number before every text, so a range in each form selects disjoint rows).
    static func channelDays(_ days: LocalDays, indexed: Bool, account: Int64) -> (sql: String, arguments: StatementArguments) {
        if indexed {
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
        // (`LocalDays.sqlDayIndex` of `createdSeconds`), then joined to the few groups.
        return ("""
            SELECT g.day, i.channel_type, g.status, g.n
              FROM (SELECT \(days.sqlDayIndex(of: createdSeconds)) AS day, c.inbox_id, c.status, COUNT(*) AS n
                      FROM conversations AS c
                     WHERE c.account_id = :account AND c.status IN (0, 1, 2, 3) AND \(createdInRange)
                     GROUP BY day, c.inbox_id, c.status) AS g
              JOIN inboxes AS i ON i.id = g.inbox_id
            """, StatementArguments(arguments(account: account, range: days.range)))
    }
}

// MARK: - The queue now (docs/report.md "The queue now")

/// The queue over a file: one query per refresh and breakdown, one function per breakdown. Each answers rows of
/// `kind` (0 a group, 1 the totals), the group's raw columns (`QueueGroupColumns`: id, text, name, display name,
/// channel type), then a class of conversations (`QueueClass`: status, assigned, answered once, the bucket of
/// `waiting_since` by `WaitAge.edges`, or -1 when it is NULL), how many, and the earliest `waiting_since` (Unix
/// seconds). The rules of what counts where are `QueueCounts.add`'s; the database only sorts rows into classes.
/// The totals are counted by the query, never summed from the groups (by label a conversation is in several).
///
/// `waiting_since` holds Unix seconds or UTC text, as `created_at` does (a file may mix them): `waitingSeconds`
/// reads both as whole seconds, so the bucket edges (bound as seconds) compare with either. Only the account's
/// conversations that are open, pending or snoozed are read, through their inbox (an existing one only).
enum QueueQuery {
    static let waitingSeconds = """
        (CASE typeof(c.waiting_since) WHEN 'null' THEN NULL
              WHEN 'text' THEN CAST(strftime('%s', c.waiting_since) AS INTEGER)
              ELSE CAST(c.waiting_since AS INTEGER) END)
        """

    /// The class of each conversation, as columns named status, assigned, replied, bucket.
    static let classColumns = """
        c.status AS status, c.assignee_id IS NOT NULL AS assigned, c.first_reply_created_at IS NOT NULL AS replied,
        (CASE WHEN \(waitingSeconds) IS NULL THEN -1 WHEN \(waitingSeconds) > :edge0 THEN 0
              WHEN \(waitingSeconds) > :edge1 THEN 1 WHEN \(waitingSeconds) > :edge2 THEN 2
              WHEN \(waitingSeconds) > :edge3 THEN 3 ELSE 4 END) AS bucket
        """

    static let cohort = """
        FROM conversations AS c JOIN inboxes AS i ON i.id = c.inbox_id
        WHERE \(ReportQuery.inQueue)
        """

    /// Groups whose conversations each are in one group: counted per group and class once (`g`), the totals
    /// summed from those few rows by the query. `keys` are the grouping columns as `g` names them; `named` the
    /// output's five group columns, read from `g` and `joins`.
    private static func singleGroup(keys: String, named: String, joins: String = "") -> String {
        // By position: an output name (status, inbox_id) may also be an input column's.
        let positions = (1...(keys.split(separator: ",").count + 4)).map(String.init).joined(separator: ", ")
        return """
            WITH g AS MATERIALIZED (
                SELECT \(keys), \(classColumns), COUNT(*) AS n, MIN(\(waitingSeconds)) AS earliest
                \(cohort)
                GROUP BY \(positions))
            SELECT 0, \(named), g.status, g.assigned, g.replied, g.bucket, g.n, g.earliest FROM g \(joins)
            UNION ALL
            SELECT 1, NULL, NULL, NULL, NULL, NULL, status, assigned, replied, bucket, SUM(n), MIN(earliest)
              FROM g GROUP BY status, assigned, replied, bucket
            """
    }

    static let channel = singleGroup(keys: "i.channel_type AS channel_type",
                                     named: "NULL, g.channel_type, NULL, NULL, NULL")

    static let inbox = singleGroup(keys: "i.id AS inbox_id, i.name AS inbox_name, i.channel_type AS channel_type",
                                   named: "g.inbox_id, NULL, g.inbox_name, NULL, g.channel_type")

    static let team = singleGroup(keys: "c.team_id AS team_id", named: "g.team_id, NULL, t.name, NULL, NULL",
                                  joins: "LEFT JOIN teams AS t ON t.id = g.team_id")

    static let agent = singleGroup(keys: "c.assignee_id AS assignee_id",
                                   named: "g.assignee_id, NULL, u.name, u.display_name, NULL",
                                   joins: "LEFT JOIN users AS u ON u.id = g.assignee_id")

    /// By label a conversation is in the group of each of its labels, or in the none group: the conversations'
    /// classes once (`q`), each joined to its labels for the groups (counted once per label however often it is
    /// set), and counted alone for the totals.
    static let label = """
        WITH q AS MATERIALIZED (
            SELECT c.id AS id, \(classColumns), \(waitingSeconds) AS waited_since
            \(cohort))
        SELECT 0, NULL, tag.name, NULL, NULL, NULL, q.status, q.assigned, q.replied, q.bucket, COUNT(DISTINCT q.id),
               MIN(q.waited_since)
          FROM q LEFT JOIN (taggings AS tg JOIN tags AS tag ON \(ReportQuery.labelTag))
                 ON \(ReportQuery.labelTagging(of: "q.id"))
         GROUP BY tag.name, q.status, q.assigned, q.replied, q.bucket
        UNION ALL
        SELECT 1, NULL, NULL, NULL, NULL, NULL, status, assigned, replied, bucket, COUNT(*), MIN(waited_since)
          FROM q GROUP BY status, assigned, replied, bucket
        """

    static func sql(for breakdown: Breakdown) -> String? {
        switch breakdown {
        case .channel: return channel
        case .inbox: return inbox
        case .team: return team
        case .agent: return agent
        case .label: return label
        case .day: return nil
        }
    }

    static func arguments(account: Int64, at now: Int64) -> StatementArguments {
        let edges = WaitAge.edges(at: now)
        return ["account": account, "edge0": edges[0], "edge1": edges[1], "edge2": edges[2], "edge3": edges[3]]
    }
}

// MARK: - Lists (SPEC 12, docs/report.md "Lists")

/// The SQL of a list of conversations over a file: the counts' own cohort (`cohort`), narrowed by a
/// `ConversationFilter`, read in the documented order with a LIMIT, and counted by a COUNT over the same WHERE.
/// The labels of the listed conversations are a third query (`listLabels`), one pass over `taggings` for all of
/// them. Timestamps in either form are read as whole Unix seconds (`seconds(of:)`) for the order and the output.
extension ReportQuery {
    /// The WHERE of a list (on `conversations AS c JOIN inboxes AS i`) and its named arguments.
    struct ListSelection {
        var conditions: [String] = []
        var arguments: [String: any DatabaseValueConvertible] = [:]
        /// How `conversations AS c` is read (`CohortPath`): one scan of the table, or as SQLite plans.
        var scansTable = false

        var conversations: String { scansTable ? "conversations AS c NOT INDEXED" : "conversations AS c" }
    }

    /// Whether the recommended index narrows a list by `filter` beyond the range: by inbox (or a channel's inboxes)
    /// and by status (the queue's states are open ones). A list by team, agent or label alone reads every row of
    /// the range's cohort from the table for the column the index lacks, which a scan does faster when the cohort
    /// is large (`CohortPath`): a team's list of 180 days at 5M, 2.6-2.8 s to about 1.1-1.5 s.
    static func indexNarrows(_ filter: ConversationFilter) -> Bool {
        filter.inboxID != nil || filter.channelType != nil || filter.status != nil || !filter.queueStates.isEmpty
    }

    /// The account's conversations with an existing inbox (the join) and a status the counts count: created in
    /// the range (in both forms, as `scan` selects them), or the queue's open, pending and snoozed.
    static func cohort(account: Int64, _ cohort: ListCohort) -> ListSelection {
        switch cohort {
        case .created(let range): return ListSelection(conditions: [inRange], arguments: arguments(account: account, range: range))
        case .queue: return ListSelection(conditions: [inQueue], arguments: ["account": account])
        }
    }

    /// The labels of the conversation `conversation` (`labelTagging`, `labelTag`).
    static func labels(of conversation: String) -> String {
        "FROM taggings AS tg JOIN tags AS tag ON \(labelTag) WHERE \(labelTagging(of: conversation))"
    }

    /// `selection` narrowed by `filter`: each filter is its group's membership, as the breakdowns group.
    static func narrowed(_ selection: ListSelection, by filter: ConversationFilter) -> ListSelection {
        var selection = selection
        func add(_ condition: String, _ name: String? = nil, _ value: (any DatabaseValueConvertible)? = nil) {
            selection.conditions.append(condition)
            if let name, let value { selection.arguments[name] = value }
        }
        if let type = filter.channelType { add("COALESCE(i.channel_type, '') = :channelType", "channelType", type) }
        if let inbox = filter.inboxID { add("c.inbox_id = :inbox", "inbox", inbox) }
        switch filter.team {
        case .named(let id)?: add("c.team_id = :team", "team", id)
        case .none?: add("c.team_id IS NULL")
        case nil: break
        }
        switch filter.agent {
        case .named(let id)?: add("c.assignee_id = :agent", "agent", id)
        case .none?: add("c.assignee_id IS NULL")
        case nil: break
        }
        switch filter.label {
        case .named(let name)?: add("EXISTS (SELECT 1 \(labels(of: "c.id")) AND tag.name = :label)", "label", name)
        case .none?: add("NOT EXISTS (SELECT 1 \(labels(of: "c.id")))")
        case nil: break
        }
        if let status = filter.status { add("c.status = :status", "status", status.rawValue) }
        for state in ConversationFilter.QueueState.allCases where filter.queueStates.contains(state) {
            switch state {
            case .unattended: add("c.status = 0 AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)")
            case .unassigned: add("c.status = 0 AND c.assignee_id IS NULL")
            case .waiting: add("c.status = 0 AND c.waiting_since IS NOT NULL")
            }
        }
        return selection
    }

    /// Whole Unix seconds of a timestamp in either form (text is Rails' UTC, its fraction dropped); NULL for
    /// text that is not a time.
    static func seconds(of column: String) -> String {
        "(CASE typeof(\(column)) WHEN 'integer' THEN \(column) WHEN 'text' THEN CAST(strftime('%s', \(column)) AS INTEGER) "
            + "ELSE CAST(\(column) AS INTEGER) END)"
    }

    /// Waiting now (SPEC 11): open with `waiting_since`.
    static let waiting = "(c.status = 0 AND c.waiting_since IS NOT NULL)"

    /// The first `limit` conversations of `selection`: the waiting ones first, the longest waiting first; then the
    /// others; ties and the others by `created_at`, then `id`. Columns: id, display id, inbox id, inbox name,
    /// channel type, status, assignee id, the user's display name and name, team id, team name, created at and
    /// waiting since (seconds).
    static func listItems(_ selection: ListSelection, limit: ListLimit) -> (sql: String, arguments: StatementArguments) {
        var arguments = selection.arguments
        arguments["limit"] = limit.value
        return ("""
            SELECT c.id, c.display_id, c.inbox_id, i.name, i.channel_type, c.status, c.assignee_id, u.display_name,
                   u.name, c.team_id, t.name, \(seconds(of: "c.created_at")), \(seconds(of: "c.waiting_since"))
              FROM \(selection.conversations)
              JOIN inboxes AS i ON i.id = c.inbox_id
              LEFT JOIN users AS u ON u.id = c.assignee_id
              LEFT JOIN teams AS t ON t.id = c.team_id
             WHERE \(selection.conditions.joined(separator: "\n   AND "))
             ORDER BY \(waiting) DESC, CASE WHEN \(waiting) THEN \(seconds(of: "c.waiting_since")) END,
                      \(seconds(of: "c.created_at")), c.id
             LIMIT :limit
            """, StatementArguments(arguments))
    }

    /// How many conversations `selection` holds.
    static func listCount(_ selection: ListSelection) -> (sql: String, arguments: StatementArguments) {
        ("""
            SELECT COUNT(*) FROM \(selection.conversations) JOIN inboxes AS i ON i.id = c.inbox_id
             WHERE \(selection.conditions.joined(separator: "\n   AND "))
            """, StatementArguments(selection.arguments))
    }

    /// The labels of the conversations `ids`: (conversation id, label name) rows.
    static func listLabels(of ids: [Int64]) -> (sql: String, arguments: StatementArguments) {
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return ("SELECT tg.taggable_id, tag.name FROM taggings AS tg JOIN tags AS tag ON \(labelTag) "
                + "WHERE \(labelKind) AND tg.taggable_id IN (\(marks))", StatementArguments(ids))
    }
}
