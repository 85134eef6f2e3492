import ChanstatCore
@testable import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// The group queries read their cohort one of three ways (`ReportQuery.CohortPath`): SQLite's own plan without the
/// recommended index, and with it the index's seeks or one scan of the table, chosen by the cohort's size. Every
/// path must give the same answer: here each is forced on `GroupFixture` (both timestamp forms, a deleted team and
/// user, a conversation tagged twice with one label, rows outside the cohort), against the hand counts, for the
/// range and day by day; the plans say each path is the one it claims; and the choice is pure.
@Suite struct CohortPathTests {
    static let range = try! DateRange(since: GroupFixture.since, until: GroupFixture.until)
    static let honolulu = LocalCalendar(timeZone: TimeZone(identifier: GroupFixture.daysZone)!)
    static let indexPaths: [ReportQuery.CohortPath] = [.indexSeeks, .tableScan]

    static func source(index: Bool, in scratch: Scratch) throws -> SQLiteReportSource {
        let path = scratch.path(index ? "indexed.sqlite" : "plain.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: GroupFixture.sqlite + (index ? ChatwootSchema.recommendedIndex : "")) }
        try queue.close()
        return try SQLiteReportSource(path: path, accountID: 1)
    }

    func grouped(_ source: SQLiteReportSource, _ breakdown: Breakdown, path: ReportQuery.CohortPath?) throws -> GroupedReport {
        try source.database.read { db in
            try SQLiteReportSource.groups(db, layout: source.layout, account: 1,
                                          request: ReportRequest(range: Self.range, breakdown: breakdown),
                                          fileName: "groups.sqlite", path: path)
        }
    }

    /// Open/resolved/pending/snoozed.
    static func line(_ counts: ChannelCounts) -> String {
        "\(counts.open)/\(counts.resolved)/\(counts.pending)/\(counts.snoozed)"
    }

    /// The week's six conversations by hand (GroupFixture+Days): open 1 and 4, resolved 2 and 6, pending 3,
    /// snoozed 5; by label 1 is under billing and vip, 5 under vip once though tagged twice.
    @Test func everyPathGivesTheHandCountedGroupsAndTotal() throws {
        let scratch = try Scratch()
        let plain = try Self.source(index: false, in: scratch), indexed = try Self.source(index: true, in: scratch)
        #expect(!plain.layout.hasRecommendedIndex && indexed.layout.hasRecommendedIndex)
        let total = "2/2/1/1"
        let expected: [Breakdown: [String: String]] = [
            .team: ["Billing": "1/1/0/0", "Support": "0/1/1/0",
                    "No team": "1/0/0/0", "Team #9 (deleted)": "0/0/0/1"],
            .agent: ["Alice": "1/1/1/0", "Bob": "0/1/0/0",
                     "Unassigned": "1/0/0/0", "Agent #13 (deleted)": "0/0/0/1"],
            .label: ["billing": "1/1/0/0", "vip": "1/0/0/1",
                     "select": "0/0/1/0", "No label": "1/1/0/0"],
        ]
        for (breakdown, groups) in expected {
            let answers = [try grouped(plain, breakdown, path: nil)]
                + (try Self.indexPaths.map { try grouped(indexed, breakdown, path: $0) })
            for (answer, path) in zip(answers, ["planned", "indexSeeks", "tableScan"]) {
                #expect(answer.total.map(Self.line) == total, "\(breakdown), \(path)")
                #expect(Dictionary(uniqueKeysWithValues: answer.groups.values.map { ($0.name, Self.line($0.counts)) }) == groups,
                        "\(breakdown), \(path)")
            }
        }
    }

    @Test func everyPathGivesTheHandCountedDays() throws {
        let scratch = try Scratch()
        let indexed = try Self.source(index: true, in: scratch)
        let days = LocalDays(Self.range, calendar: Self.honolulu)
        for breakdown in [Breakdown.team, .agent, .label] {
            for path in Self.indexPaths {
                let daily = try indexed.database.read { db in
                    try SQLiteReportSource.days(db, layout: indexed.layout, account: 1, days: days, breakdown: breakdown,
                                                fileName: "groups.sqlite", path: path)
                }
                #expect(daily.fixtureLines == GroupFixture.days[breakdown.rawValue], "\(breakdown), \(path)")
            }
        }
    }

    /// A range's list by team, agent or label alone reads its cohort the same two ways on a file with the index
    /// (a scan of the table, or as SQLite plans); both give the hand-counted conversations, in the same order, and the
    /// same count as a file without the index. A list the index narrows (by inbox) never scans.
    @Test func aListByTeamAgentOrLabelIsTheSameOnEveryPath() throws {
        let scratch = try Scratch()
        let plain = try Self.source(index: false, in: scratch), indexed = try Self.source(index: true, in: scratch)
        let expected: [(ConversationFilter, [Int64])] = [
            (ConversationFilter(team: .named(1)), [1, 2]), (ConversationFilter(team: .some(.none)), [4]),
            (ConversationFilter(agent: .named(13)), [5]), (ConversationFilter(label: .named("vip")), [1, 5]),
            (ConversationFilter(label: .some(.none)), [4, 6]),
        ]
        func list(_ source: SQLiteReportSource, _ filter: ConversationFilter,
                  _ path: ReportQuery.CohortPath?) throws -> ConversationList {
            try source.database.read { db in
                try SQLiteReportSource.list(db, layout: source.layout, account: 1, filter: filter,
                                            cohort: .created(Self.range), limit: .standard, fileName: "groups.sqlite",
                                            path: path)
            }
        }
        for (filter, ids) in expected {
            let order = try list(plain, filter, nil).conversations.map(\.id)
            for (source, path) in [(plain, nil), (indexed, .indexSeeks), (indexed, .tableScan)] as [(SQLiteReportSource, ReportQuery.CohortPath?)] {
                let answer = try list(source, filter, path)
                #expect(answer.conversations.map(\.id).sorted() == ids, "\(filter), \(String(describing: path))")
                #expect(answer.conversations.map(\.id) == order, "\(filter), \(String(describing: path))")
                #expect(answer.count == Int64(ids.count), "\(filter), \(String(describing: path))")
            }
        }
        // Scanning is the plan's, not only the flag's.
        var selection = ReportQuery.narrowed(ReportQuery.cohort(account: 1, .created(Self.range)),
                                             by: ConversationFilter(team: .named(1)))
        selection.scansTable = true
        for (sql, arguments) in [ReportQuery.listItems(selection, limit: .standard), ReportQuery.listCount(selection)] {
            let plan = try indexed.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(plan.contains("SCAN c") && !plan.contains { $0.contains(QueryPlanTests.indexName) }, "\(plan)")
        }
        #expect(ReportQuery.indexNarrows(ConversationFilter(inboxID: 1, team: .named(1))))
        #expect(ReportQuery.indexNarrows(ConversationFilter(status: .open)))
        #expect(!ReportQuery.indexNarrows(ConversationFilter(team: .named(1), label: .named("vip"))))
    }

    /// The plans: the seeks search the index on all four columns and never scan the table; the scan scans it and
    /// seeks no index for the cohort.
    @Test func eachPathIsThePlanItSays() throws {
        let scratch = try Scratch()
        let indexed = try Self.source(index: true, in: scratch)
        let arguments = StatementArguments(ReportQuery.arguments(account: 1, range: Self.range))
        for breakdown in [Breakdown.team, .agent, .label] {
            func plan(_ path: ReportQuery.CohortPath) throws -> [String] {
                try indexed.database.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + (ReportQuery.groups(breakdown, path: path) ?? ""),
                                     arguments: arguments).map { $0["detail"] as String }
                }
            }
            let seeks = try plan(.indexSeeks), scan = try plan(.tableScan)
            // (By label the index covers the cohort: its columns are the id and the status.)
            #expect(seeks.contains { $0.hasPrefix("SEARCH c USING ") && $0.hasSuffix("INDEX \(QueryPlanTests.indexName) "
                                                 + "(account_id=? AND inbox_id=? AND status=? AND created_at>? AND created_at<?)") },
                    "\(breakdown): \(seeks)")
            #expect(!seeks.contains { $0 == "SCAN c" }, "\(breakdown): \(seeks)")
            #expect(scan.contains { $0 == "SCAN c" }, "\(breakdown): \(scan)")
            #expect(!scan.contains { $0.contains(QueryPlanTests.indexName) }, "\(breakdown): \(scan)")
        }
    }

    @Test func theTableIsScannedForASeventhOfItOrMore() {
        #expect(ReportQuery.CohortPath.choose(cohort: 1_517_762, tableRows: 5_000_000) == .tableScan)   // 180 days at 5M
        #expect(ReportQuery.CohortPath.choose(cohort: 714_286, tableRows: 5_000_000) == .tableScan)
        #expect(ReportQuery.CohortPath.choose(cohort: 714_284, tableRows: 5_000_000) == .indexSeeks)
        #expect(ReportQuery.CohortPath.choose(cohort: 58_000, tableRows: 5_000_000) == .indexSeeks)     // a week
        #expect(ReportQuery.CohortPath.adding(5, to: .max - 2) == .max)
        #expect(ReportQuery.CohortPath.adding(5, to: 2) == 7)
    }
}
