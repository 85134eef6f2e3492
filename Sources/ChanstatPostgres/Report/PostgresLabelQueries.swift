import ChanstatCore
import Logging
import PostgresNIO

// MARK: - By label (SPEC 10, docs/report.md "Group by")

// The report by label, qualified as every statement of `PostgresQueries`: the conversation's taggings of type
// 'Conversation' in context 'labels', named by `tags.name`. One with two labels counts under both (once each,
// however often a label is set), one with none in the NULL group; the total counts each conversation once. A
// tagging whose tag row is gone, or has no name, is no label.

/// Two ways `fast` counts the same rows; which is quicker depends on the plan the server can make, so the planner
/// is asked (`PostgresSchema.labelCounting`).
/// - `inOrder` reads the cohort joined to its taggings in the order of conversation and tag, and counts the first
///   row of each conversation and of each of its labels (`labelRowsInOrder`). Where the tables lie in id order (as
///   Chatwoot's do: rows are appended), the planner merges the two id-ordered reads, and the order costs almost no
///   sort. On 5M rows, 180 days of one account (1.5M conversations, 2.0M joined rows), as psql whole processes on
///   one backend: 2.9-3.6 s, where `perGroup` took 4.0-4.3 s and psql's plain `LEFT JOIN … count(DISTINCT)`
///   3.8-4.2 s.
/// - `perGroup` materializes the cohort, counts `count(DISTINCT)` per inbox, tag and status, and the total from
///   the cohort apart. Where the planner does not merge, `inOrder` must sort every joined row, and `perGroup` is
///   quicker: with the optional index on `(account_id, created_at)`, which makes the cohort cheap to find but not
///   in id order, 3.2 s against 3.6 s (psql's plain query 3.3 s). docs/benchmarks.md "Group by".
enum LabelCounting: Equatable {
    case inOrder, perGroup

    /// The way to count, from the lines of `EXPLAIN` of the `inOrder` statement: `inOrder` where the planner merges
    /// the conversations with their taggings, else `perGroup`.
    init(plan: [String]) {
        self = plan.contains { $0.contains("Merge Left Join") } ? .inOrder : .perGroup
    }
}

extension PostgresSchema {
    /// How to count by label on this database now: `EXPLAIN` of the `inOrder` statement (planned, not run: one
    /// more round trip, 2.5-3.3 ms in the server's log at 5M rows, before a statement of seconds), in the caller's
    /// transaction.
    static func labelCounting(_ connection: PostgresConnection, logger: Logger, inOrder: PostgresQuery) async throws
        -> LabelCounting {
        var plan: [String] = []
        let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + inOrder.sql, binds: inOrder.binds)
        for try await line in try await connection.query(explain, logger: logger).decode(String.self) {
            plan.append(line)
        }
        return LabelCounting(plan: plan)
    }

    /// One statement, two ways to the same rows (`is_total, NULL, name, NULL, status, n`, and the day last by
    /// day):
    /// - `fast` counts by tag id (as `counting` says), and looks the names up for the few groups it finds.
    /// - `byName` (`labelsByName`) looks every tagging's tag up before it counts, by name.
    /// They agree exactly when every tag id `fast` counts has a name of its own: then no conversation of the cohort
    /// has a tagging that is no label (it would show as a group without a name), and no name is two tags'.
    /// `holds` checks that on `fast`'s few rows (`agrees`); the rows come from `fast` when it holds (Chatwoot's own
    /// schema keeps `tags.name` unique, and its taggings' tags exist), else from `byName`. Each branch's condition
    /// is a constant of the statement, so PostgreSQL runs only the branch it picks. One statement, so one snapshot.
    ///
    /// Either way `fast` looks no tag up for the joined rows (the join is to `taggings` alone), checks the inbox per
    /// inbox, group and status, not per row (each conversation has one inbox, so the counts per inbox add up), and
    /// names the few groups at the end.
    static func labelSQL(by day: ByDay, counting: LabelCounting) -> String {
        let cohort = counting == .perGroup ? """
            cohort AS MATERIALIZED (
                SELECT c.id, c.inbox_id, c.status\(day.selected) FROM public.conversations AS c
                 WHERE \(accountAndRange)),

            """ : ""
        return """
        WITH \(cohort)fast AS MATERIALIZED (
            SELECT p.is_total, p.key, tag.name AS name, p.status, p.n\(day.output(of: "p"))
              FROM (SELECT g.is_total, g.key, g.status,
                           pg_catalog.sum(g.n)::pg_catalog.int8 AS n\(day.trailing(of: "g"))
                      FROM (\(counting == .inOrder ? countedInOrder(by: day) : countedPerGroup(by: day))) AS g
                     WHERE EXISTS (SELECT 1 FROM public.inboxes AS i WHERE i.id OPERATOR(pg_catalog.=) g.inbox_id)
                     GROUP BY \(day.leading(of: "g"))g.is_total, g.key, g.status) AS p
              LEFT JOIN public.tags AS tag ON tag.id OPERATOR(pg_catalog.=) p.key AND tag.name IS NOT NULL),
        labels AS (SELECT f.key, f.name FROM fast AS f WHERE NOT f.is_total AND f.key IS NOT NULL),
        holds AS (
            SELECT NOT EXISTS (SELECT 1 FROM labels AS l WHERE l.name IS NULL)
               AND NOT EXISTS (SELECT 1 FROM labels AS l GROUP BY l.name
                                HAVING pg_catalog.count(DISTINCT l.key) OPERATOR(pg_catalog.>) 1) AS agrees)
        SELECT f.is_total, NULL::pg_catalog.int8, f.name::pg_catalog.text, NULL::pg_catalog.text,
               f.status::pg_catalog.int8, f.n\(day.output(of: "f"))
          FROM fast AS f WHERE (SELECT h.agrees FROM holds AS h)
        UNION ALL
        SELECT b.is_total, NULL::pg_catalog.int8, b.key::pg_catalog.text, NULL::pg_catalog.text,
               b.status::pg_catalog.int8, b.n\(day.output(of: "b"))
          FROM (\(labelsByName(by: day))) AS b
         WHERE NOT (SELECT h.agrees FROM holds AS h)
        """
    }

    /// `fast`'s counts per inbox (`inbox_id, key, status, is_total, n`, and the day), `inOrder`: one hashed pass
    /// over `labelRowsInOrder`, the labels' groups counting each conversation's first row of the label, the total
    /// each conversation's first row.
    private static func countedInOrder(by day: ByDay) -> String {
        """
        SELECT \(day.leading(of: "r"))r.inbox_id, r.tag_id AS key, r.status,
               GROUPING(r.tag_id) OPERATOR(pg_catalog.=) 1 AS is_total,
               CASE WHEN GROUPING(r.tag_id) OPERATOR(pg_catalog.=) 1
                    THEN pg_catalog.count(*) FILTER (WHERE r.first_of_conversation)
                    ELSE pg_catalog.count(*) FILTER (WHERE r.first_of_label) END AS n
          FROM (\(labelRowsInOrder(by: day))) AS r
         GROUP BY GROUPING SETS ((\(day.leading(of: "r"))r.inbox_id, r.status, r.tag_id),
                                 (\(day.leading(of: "r"))r.inbox_id, r.status))
        """
    }

    /// The cohort's rows for `countedInOrder`: `inbox_id, status, tag_id` (NULL for a conversation with no label
    /// tagging) and the day, in the order of conversation and tag, with `first_of_conversation` and
    /// `first_of_label` true on the first row of each. In that order a conversation's rows are neighbours, and so
    /// are two taggings that set one label twice. A row is the first when the one before it (`lag`, NULL before
    /// the first row) has another conversation, or the same one and another tag; a conversation with no label
    /// tagging has one row, with no tag.
    private static func labelRowsInOrder(by day: ByDay) -> String {
        """
        SELECT c.inbox_id, c.status, tg.tag_id\(day.selected),
               COALESCE(c.id OPERATOR(pg_catalog.<>) pg_catalog.lag(c.id) OVER o, true) AS first_of_conversation,
               COALESCE(c.id OPERATOR(pg_catalog.<>) pg_catalog.lag(c.id) OVER o
                        OR tg.tag_id OPERATOR(pg_catalog.<>) pg_catalog.lag(tg.tag_id) OVER o, true) AS first_of_label
          FROM public.conversations AS c
          LEFT JOIN public.taggings AS tg ON \(labelTagging(of: "c.id")) AND tg.tag_id IS NOT NULL
         WHERE \(accountAndRange)
        WINDOW o AS (ORDER BY c.id, tg.tag_id)
        """
    }

    /// `fast`'s counts per inbox, `perGroup`, from the materialized `cohort`: `count(DISTINCT)` per inbox, tag and
    /// status for the labels' groups, and the total from the cohort alone (each conversation one row).
    private static func countedPerGroup(by day: ByDay) -> String {
        """
        SELECT false AS is_total, \(day.leading(of: "k"))k.inbox_id, tg.tag_id AS key, k.status,
               pg_catalog.count(DISTINCT k.id) AS n
          FROM cohort AS k
          LEFT JOIN public.taggings AS tg ON \(labelTagging(of: "k.id")) AND tg.tag_id IS NOT NULL
         GROUP BY \(day.leading(of: "k"))k.inbox_id, tg.tag_id, k.status
        UNION ALL
        SELECT true, \(day.leading(of: "k"))k.inbox_id, NULL, k.status, pg_catalog.count(*)
          FROM cohort AS k GROUP BY \(day.leading(of: "k"))k.inbox_id, k.status
        """
    }

    /// By name, in one pass as psql's plain `LEFT JOIN … COUNT(DISTINCT)`: every tagging's tag is looked up (the
    /// parenthesized inner join, so a tagging that is no label joins nothing), and GROUPING SETS counts the groups
    /// and the total (each conversation once, `is_total` marking its rows). A cohort CTE read twice (groups, then
    /// total) was 2.7 times psql's time at 5M rows; an anti-join for the unlabelled and the total apart, 1.5 times
    /// (docs/benchmarks.md). By day, both sets are also by the day, the last column. `GROUPING` is syntax, not a
    /// function the search path could find.
    private static func labelsByName(by day: ByDay) -> String {
        let dayKey = day.expression.map { "\($0), " } ?? ""
        return """
        SELECT GROUPING(tag.name) OPERATOR(pg_catalog.=) 1 AS is_total, tag.name AS key, c.status,
               pg_catalog.count(DISTINCT c.id) AS n\(day.selected)
          FROM public.conversations AS c
          LEFT JOIN (public.taggings AS tg JOIN public.tags AS tag ON \(labelTag)) ON \(labelTagging(of: "c.id"))
         WHERE \(accountAndRange)
           AND EXISTS (SELECT 1 FROM public.inboxes AS i WHERE i.id OPERATOR(pg_catalog.=) c.inbox_id)
         GROUP BY GROUPING SETS ((\(dayKey)tag.name, c.status), (\(dayKey)c.status))
        """
    }
}
