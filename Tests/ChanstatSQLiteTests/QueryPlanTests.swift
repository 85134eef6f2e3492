@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

/// The indexed query must be a handful of narrow index ranges: EXPLAIN QUERY PLAN says so.
@Suite struct QueryPlanTests {
    static let indexName = "index_conversations_on_account_inbox_status_created"

    func plan(_ sql: String, on path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql,
                             arguments: StatementArguments(ReportQuery.arguments(account: 1, range: try DateRange(since: Week.since, until: Week.until))))
                .map { $0["detail"] as String }
        }
    }

    @Test func theIndexedQuerySeeksTheIndexOnAllFourColumns() throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("a.sqlite"))
        let details = try plan(ReportQuery.indexed, on: scratch.path("a.sqlite"))
        let conversationSteps = details.filter { $0.contains(" c ") || $0.hasSuffix(" c") || $0.contains("conversations") }
        #expect(!conversationSteps.isEmpty, "plan: \(details)")
        // Every step on conversations is a search of the recommended index, bounded on all four columns…
        for step in conversationSteps {
            #expect(step.contains("SEARCH"), "plan: \(details)")
            #expect(step.contains(Self.indexName), "plan: \(details)")
            #expect(step.contains("account_id=? AND inbox_id=? AND status=? AND created_at>? AND created_at<?"),
                    "plan: \(details)")
        }
        // …and nothing scans the conversations table.
        #expect(!details.contains { $0.hasPrefix("SCAN c") || $0.contains("SCAN conversations") }, "plan: \(details)")
    }

    @Test func theSourceChoosesTheIndexedQueryOnlyWhenTheIndexExists() throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("with.sqlite"))
        try Week.fixture(.unix, index: false).write(to: scratch.path("without.sqlite"))
        #expect(try SQLiteReportSource(path: scratch.path("with.sqlite"), accountID: 1).layout.hasRecommendedIndex)
        #expect(try !SQLiteReportSource(path: scratch.path("without.sqlite"), accountID: 1).layout.hasRecommendedIndex)
        // Without the index, the plan cannot mention it.
        let details = try plan(ReportQuery.scan, on: scratch.path("without.sqlite"))
        #expect(!details.contains { $0.contains(Self.indexName) })
    }

    @Test func anyIndexWithTheRecommendedLeadingColumnsCounts() throws {
        let scratch = try Scratch()
        var fixture = Week.fixture(.unix, index: false)
        fixture.conversationsDDL += """
            ;
            CREATE INDEX my_own_name ON conversations (account_id, inbox_id, status, created_at, id)
            """
        try fixture.write(to: scratch.path("a.sqlite"))
        #expect(try SQLiteReportSource(path: scratch.path("a.sqlite"), accountID: 1).layout.hasRecommendedIndex)
        // An index in another order is not the recommended one.
        var other = Week.fixture(.unix, index: false)
        other.conversationsDDL += """
            ;
            CREATE INDEX wrong_order ON conversations (account_id, created_at, inbox_id, status)
            """
        try other.write(to: scratch.path("b.sqlite"))
        #expect(try !SQLiteReportSource(path: scratch.path("b.sqlite"), accountID: 1).layout.hasRecommendedIndex)
    }
}
